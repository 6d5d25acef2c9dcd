//! Organizers publish and run sessions: drafts, publishing, changes and cancellation (with
//! notices to everyone signed up), the attendee list and check-in at the door.

mod cancel;
mod check_in;
mod clear_registration;
mod edit_view;
#[cfg(feature = "ssr")]
mod fields;
mod list_view;
mod mark_absence;
mod postpone;
mod publish;
mod save;
mod walk_in;

pub use cancel::CancelSession;
pub use check_in::CheckInCode;
pub use clear_registration::ClearRegistration;
pub use edit_view::{load_session_edit, SessionEditView};
pub use list_view::{load_manage_sessions, ManageSessions};
pub use mark_absence::MarkAbsence;
pub use postpone::PostponeSession;
pub use publish::PublishSession;
pub use save::SaveSession;
pub use walk_in::AddWalkIn;

pub use crate::views::organizing::{Attendee, SessionDraft, SessionFields};

/// The signed-in principal, the database and the session named by a form's `id`, once it is
/// checked that the principal runs that session.
#[cfg(feature = "ssr")]
pub(crate) async fn managed_session(
    id: &str,
) -> Result<
    (
        store::auth::Principal,
        store::db::Db,
        store::repo::organizing::Host,
    ),
    crate::error::AppError,
> {
    let me = crate::web::require_principal().await?;
    let db = crate::web::state()?.db;
    let host = store::repo::organizing::host(&db, crate::api::parse_id(id)?).await?;
    if !me.edits_platform(host.platform_id, &host.area_path) {
        return Err(crate::error::AppError::Forbidden);
    }
    Ok((me, db, host))
}
