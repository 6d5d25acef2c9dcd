use leptos::prelude::*;

use crate::error::AppError;

/// Sends a one-time code to a number, if it has registrations to show; the answer is the same
/// either way. Limited per address and per number, since each may cost a text message.
#[server(endpoint = "lookup/send")]
pub async fn send_lookup_code(#[server(default)] mobile: String) -> Result<(), AppError> {
    use crate::domain::{Mobile, MobileError};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::{lookup_cookie, request, state};
    use store::{clock::now_local, repo::lookups};

    let keep = [("mobile", mobile.as_str())];
    let result = async {
        let state = state()?;
        let mut errors = FieldErrors::default();
        if !state.settings.sms_channel {
            errors.add(FORM_FIELD, T::LookupNoSms);
            return Err(errors.into());
        }
        let Some(mobile) = errors.check("mobile", Mobile::parse(&mobile), |e| match e {
            MobileError::Empty => T::Required,
            MobileError::Malformed => T::MobileMalformed,
        }) else {
            return Err(errors.into());
        };
        let address = request::client_address(&state.settings);
        if !state.limits.lookup_from(address, mobile.as_str()) {
            errors.add(FORM_FIELD, T::TooManyLookups);
            return Err(errors.into());
        }
        let token =
            lookups::start(&state.db, &mobile, request::request_lang(), now_local()).await?;
        lookup_cookie::issue(&token, &state.settings);
        state.outbox.nudge();
        Ok(Done::to("/find#lookup"))
    }
    .await;
    FormPost::new("/find", &keep).finish(result)
}
