use leptos::prelude::*;

use crate::error::AppError;

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::auth::{cookie, sessions};
    use crate::backend::state;
    use crate::i18n::T;
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;

    let state = state()?;
    if let Some(token) = crate::backend::request::cookie_token() {
        sessions::delete(&state.db, &token).await?;
    }
    if let (Some(opts), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie::clear_session(&state.settings)),
    ) {
        opts.append_header(header::SET_COOKIE, value);
    }
    crate::backend::forms::forward("/", Some(T::SignedOut))
}
