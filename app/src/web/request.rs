//! Access to the current request from inside a server function or a page render.

use http::{header, request::Parts};
use leptos::prelude::*;

use store::auth;

use super::AppState;
use crate::error::AppError;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Unexpected
    })
}

// Read in place (`with_context`): these run on every page render, and `use_context` would
// clone the request's whole header map each time.
pub(crate) fn header_value(name: header::HeaderName) -> Option<String> {
    with_context::<Parts, _>(|p| p.headers.get(name)?.to_str().ok().map(str::to_owned)).flatten()
}

/// The path of the current request (for a server function, its own URL).
pub fn request_path() -> Option<String> {
    with_context::<Parts, _>(|p| p.uri.path().to_owned())
}

/// The address the request came from: the connection's peer, or behind a proxy the address
/// the proxy appended last to `X-Forwarded-For` (earlier entries are the client's to invent).
pub fn client_address(settings: &store::Settings) -> Option<std::net::IpAddr> {
    let parts = use_context::<Parts>()?;
    if settings.behind_proxy {
        return parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse().ok());
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The session token of this request's cookie, if it has one.
pub fn cookie_token() -> Option<String> {
    header_value(header::COOKIE).and_then(|c| auth::cookie::session_token(&c))
}

/// Who is signed in, if anyone.
pub async fn request_principal() -> Result<Option<auth::Principal>, AppError> {
    let Some(token) = cookie_token() else {
        return Ok(None);
    };
    let state = state()?;
    let Some(user_id) = auth::sessions::lookup(&state.db, &token).await? else {
        return Ok(None);
    };
    Ok(auth::Principal::load(&state.db, user_id).await?)
}

/// Who is signed in, or `Unauthenticated`.
pub async fn require_principal() -> Result<auth::Principal, AppError> {
    request_principal().await?.ok_or(AppError::Unauthenticated)
}

/// The text size this reader chose (长辈模式), from its cookie.
pub fn request_text_size() -> crate::text_size::TextSize {
    crate::text_size::TextSize::from_cookies(header_value(http::header::COOKIE).as_deref())
}

/// The language of this request, from its cookie or its browser's preference.
pub fn request_lang() -> crate::i18n::Lang {
    crate::i18n::Lang::negotiate(
        header_value(http::header::COOKIE).as_deref(),
        header_value(http::header::ACCEPT_LANGUAGE).as_deref(),
    )
}
