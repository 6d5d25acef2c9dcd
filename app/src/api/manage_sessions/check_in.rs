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
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::clock::now_local;
    use store::repo::organizing::{self, CheckIn};

    let keep = [("code", code.as_str())];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        let Some(code) = errors.check("code", RegistrationCode::parse(&code), |_| T::CodeMalformed)
        else {
            return Err(errors.into());
        };
        let notice = match organizing::check_in(
            &db,
            me.user_id,
            host.session_id,
            &code,
            "code",
            now_local(),
        )
        .await?
        {
            CheckIn::CheckedIn => T::CheckedIn,
            CheckIn::AlreadyIn => T::AlreadyCheckedIn,
            CheckIn::UnknownCode => {
                errors.add("code", T::CodeNotForSession);
                return Err(errors.into());
            }
            CheckIn::NoSeat => {
                errors.add("code", T::CodeHasNoSeat);
                return Err(errors.into());
            }
        };
        Ok(Done::with_notice(
            format!("/manage/sessions/{}#check-in", host.session_id),
            notice,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
