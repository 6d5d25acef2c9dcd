//! The area a resident last looked at, remembered in a cookie so the front page and the session
//! list start there next time. Not personal data: an area id, readable by no script.

use http::{header, HeaderValue};
use leptos::prelude::*;

const COOKIE: &str = "area";
/// How the cookie's `Set-Cookie` value starts.
pub const SET_PREFIX: &str = "area=";
/// A year: residents come back for the next season's sessions.
const MAX_AGE_SECONDS: u32 = 365 * 24 * 3600;

/// The remembered area, if the cookie holds a well-formed id.
pub fn remembered() -> Option<i64> {
    let cookies = super::request::header_value(header::COOKIE)?;
    parse(&cookies)
}

/// The remembered area in a `Cookie` header, if it holds a well-formed id.
pub fn parse(cookies: &str) -> Option<i64> {
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, v)| v.parse().ok())
        .filter(|id: &i64| *id > 0)
}

/// Remembers `area_id` with the response being rendered.
pub fn remember(area_id: i64) {
    if remembered() == Some(area_id) {
        return;
    }
    let value =
        format!("{COOKIE}={area_id}; Path=/; Max-Age={MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax");
    if let (Some(opts), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        opts.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_only_a_positive_id() {
        assert_eq!(parse("lang=en; area=42"), Some(42));
        assert_eq!(parse("area=-1"), None);
        assert_eq!(parse("area=x; lang=zh"), None);
        assert_eq!(parse("myarea=3"), None);
    }
}
