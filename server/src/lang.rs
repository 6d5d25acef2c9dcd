use axum::{
    extract::Query,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
};
use serde::Deserialize;

use app::i18n::Lang;

#[derive(Deserialize)]
pub struct Switch {
    to: Option<String>,
    back: Option<String>,
}

/// `GET /lang?to=en&back=/path`: remembers the language in a cookie and returns to the page.
/// A plain link, so the switch works without JavaScript.
pub async fn switch(Query(q): Query<Switch>) -> impl IntoResponse {
    let lang =
        q.to.as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
    let back = q
        .back
        .as_deref()
        .and_then(app::url::safe_local_path)
        .map(str::to_owned);
    let mut headers = HeaderMap::new();
    let location = back.unwrap_or_else(|| "/".into());
    if let Ok(v) = HeaderValue::from_str(&location) {
        headers.insert(header::LOCATION, v);
    } else {
        headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    }
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Lang::COOKIE,
        lang.code()
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    (StatusCode::SEE_OTHER, headers)
}
