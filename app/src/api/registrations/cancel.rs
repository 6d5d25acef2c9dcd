use leptos::prelude::*;

use crate::error::AppError;

/// The holder of a code cancels; the first person waiting gets the seat.
#[server(endpoint = "registrations/cancel")]
pub async fn cancel_registration(#[server(default)] code: String) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::code_guard::CodeGuard;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::clock::now_local;
    use store::repo::registrations::{self, CancelOutcome};

    let result = async {
        let guard = CodeGuard::new()?;
        let code = guard.parse(&code)?;
        let cancelled = registrations::cancel(&guard.state().db, &code, now_local()).await;
        match guard.checked(cancelled.map_err(AppError::from))? {
            CancelOutcome::Cancelled | CancelOutcome::AlreadyCancelled => Ok(Done::with_notice(
                format!("/r/{}", code.as_str()),
                T::RegistrationCancelled,
            )),
            CancelOutcome::TooLate => {
                let mut errors = FieldErrors::default();
                errors.add(FORM_FIELD, T::TooLateToCancel);
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/sessions", &[]).finish(result)
}
