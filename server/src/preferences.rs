//! The reader's preferences, each set by a plain link (so it works without JavaScript): a cookie,
//! then back to the page.

use axum::{
    extract::Query,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
};
use serde::Deserialize;

use app::{i18n::Lang, text_size::TextSize};

#[derive(Deserialize)]
pub struct Switch {
    to: Option<String>,
    back: Option<String>,
}

/// `GET /lang?to=en&back=/path`: the language.
pub async fn language(Query(q): Query<Switch>) -> impl IntoResponse {
    let lang =
        q.to.as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
    remember(Lang::COOKIE, lang.code(), q.back.as_deref())
}

/// `GET /text-size?to=large&back=/path`: 长辈模式's text size.
pub async fn text_size(Query(q): Query<Switch>) -> impl IntoResponse {
    let size =
        q.to.as_deref()
            .and_then(TextSize::from_code)
            .unwrap_or_default();
    remember(TextSize::COOKIE, size.code(), q.back.as_deref())
}

/// Sets the cookie for a year and sends the reader back to a page of this site.
fn remember(cookie: &str, value: &str, back: Option<&str>) -> impl IntoResponse {
    let mut headers = HeaderMap::new();
    let location = back.and_then(app::url::safe_local_path).unwrap_or("/");
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/")),
    );
    let cookie = format!("{cookie}={value}; Path=/; Max-Age=31536000; SameSite=Lax");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    (StatusCode::SEE_OTHER, headers)
}
