use leptos::prelude::*;

use crate::error::AppError;

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::state;
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;
    use store::auth::{cookie, sessions};

    let state = state()?;
    if let Some(token) = crate::web::request::cookie_token() {
        sessions::delete(&state.db, &token).await?;
    }
    if let (Some(opts), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie::clear_session(&state.settings)),
    ) {
        opts.append_header(header::SET_COOKIE, value);
    }
    crate::web::forms::forward("/", Some(T::SignedOut))
}
