use leptos::prelude::*;

use crate::error::AppError;

/// The session's organizers (and staff over it) cancel a registration before the session starts:
/// places squatted with typed numbers go back, and the first person waiting gets each one.
#[server(endpoint = "manage-sessions/clear-registration")]
pub async fn clear_registration(
    #[server(default)] id: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::domain::RegistrationCode;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::clock::now_local;
    use store::repo::registrations::{self, CancelOutcome};

    let keep = [("row", code.as_str())];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        let Some(code) = errors.check("code", RegistrationCode::parse(&code), |_| T::CodeMalformed)
        else {
            return Err(errors.into());
        };
        match registrations::cancel_for_organizer(
            &db,
            me.user_id,
            host.session_id,
            &code,
            now_local(),
        )
        .await?
        {
            CancelOutcome::Cancelled | CancelOutcome::AlreadyCancelled => Ok(Done::with_notice(
                format!("/manage/sessions/{}#people", host.session_id),
                T::RegistrationCleared,
            )),
            CancelOutcome::TooLate => {
                errors.add("code", T::TooLateToCancel);
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
