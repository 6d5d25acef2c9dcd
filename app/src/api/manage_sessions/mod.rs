//! Organizers publish and run sessions: drafts, publishing, changes and cancellation (with
//! notices to everyone signed up), the attendee list and check-in at the door.

mod cancel;
mod check_in;
mod check_in_link;
mod clear_registration;
mod edit_view;
#[cfg(feature = "ssr")]
mod fields;
mod list_view;
mod mark_absence;
mod member_check_in;
mod postpone;
mod publish;
mod record_held;
mod retry_message;
#[cfg(feature = "ssr")]
mod roster;
mod save;
mod scan_check_in;
mod todo_view;
mod undo_check_in;
mod walk_in;

pub use cancel::CancelSession;
pub use check_in::CheckInCode;
pub use check_in_link::{load_check_in_link, CheckInLink};
pub use clear_registration::ClearRegistration;
pub use edit_view::{load_session_edit, SessionEditView};
pub use list_view::{load_manage_sessions, ManageSessions};
pub use mark_absence::MarkAbsence;
pub use member_check_in::{find_members, CheckInMember, MemberChoice};
pub use postpone::PostponeSession;
pub use publish::PublishSession;
pub use record_held::RecordHeldSession;
pub use retry_message::RetryMessage;
pub use save::SaveSession;
pub use scan_check_in::{scan_check_in, ScanCheckIn};
pub use todo_view::{load_todo, ToDoView};
pub use undo_check_in::UndoCheckIn;
pub use walk_in::AddWalkIn;

pub use crate::views::organizing::{Attendee, SessionDraft, SessionFields};

/// What the desk says of a check-in by code, typed or scanned (after the person's name where
/// there is one).
#[cfg(feature = "ssr")]
pub(crate) fn check_in_said(checked: &store::repo::organizing::CheckIn) -> crate::i18n::T {
    use crate::i18n::T;
    use store::repo::organizing::CheckIn;
    match checked {
        CheckIn::CheckedIn { .. } => T::CheckedIn,
        CheckIn::AlreadyIn { .. } => T::AlreadyCheckedIn,
        CheckIn::NoSeat { .. } => T::NoSeatFor,
        CheckIn::UnknownCode => T::CodeNotForSession,
        CheckIn::NotYetOpen => T::CheckInNotYetOpen,
        CheckIn::Closed => T::CheckInClosed,
    }
}

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

/// [`managed_session`] for a change: refused with a message when the session's year is closed
/// for its area, since that year's figures are final.
#[cfg(feature = "ssr")]
pub(crate) async fn changeable_session(
    id: &str,
) -> Result<
    (
        store::auth::Principal,
        store::db::Db,
        store::repo::organizing::Host,
    ),
    crate::web::forms::Refusal,
> {
    let (me, db, host) = managed_session(id).await?;
    refuse_if_closed(&db, host.session_id).await?;
    Ok((me, db, host))
}

/// Refuses a change to a session whose year is closed for its area.
#[cfg(feature = "ssr")]
pub(crate) async fn refuse_if_closed(
    db: &store::db::Db,
    session_id: i64,
) -> Result<(), crate::web::forms::Refusal> {
    if store::repo::recorded::session_year_closed(db, session_id).await? {
        let mut errors = crate::web::forms::FieldErrors::default();
        errors.add(crate::web::forms::FORM_FIELD, crate::i18n::T::YearClosed);
        return Err(errors.into());
    }
    Ok(())
}
