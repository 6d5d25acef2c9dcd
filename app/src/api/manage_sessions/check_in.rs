use leptos::prelude::*;

use crate::error::AppError;

/// Checks a person in at the door by the code they show (typed, or read from their QR code).
#[server(endpoint = "manage-sessions/check-in")]
pub async fn check_in_code(
    #[server(default)] id: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::domain::RegistrationCode;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::clock::now_local;
    use store::repo::organizing::{self, CheckIn};

    let keep = [("code", code.as_str())];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        // A keyboard-like scanner types the ticket's whole link (…/checkin/CODE).
        let Some(code) = errors.check("code", RegistrationCode::from_ticket(&code), |_| {
            T::CodeMalformed
        }) else {
            return Err(errors.into());
        };
        let checked =
            organizing::check_in(&db, me.user_id, host.session_id, &code, "code", now_local())
                .await?;
        // No `#check-in`: a page opened at a fragment skips `autofocus`, and the focused code
        // box scrolls itself into view anyway.
        let desk = format!("/manage/sessions/{}", host.session_id);
        let said = super::check_in_said(&checked);
        let refusal = match checked {
            CheckIn::CheckedIn { name } => return Ok(Done::with_notice(desk, said).about(name)),
            CheckIn::AlreadyIn { name } | CheckIn::NoSeat { name } => {
                return Ok(Done::with_notice(desk, said).about(name).warning());
            }
            CheckIn::UnknownCode => ("code", said),
            CheckIn::NotYetOpen | CheckIn::Closed => (FORM_FIELD, said),
        };
        errors.add(refusal.0, refusal.1);
        Err(errors.into())
    }
    .await;
    FormPost::new("/manage/sessions", &keep)
        .keeping_focus()
        .finish(result)
}
