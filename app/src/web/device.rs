//! The browser a resident signs up from, named by a random HttpOnly cookie. Residents have no
//! account, so this is what lets the phone that made a registration see it again — a double tap,
//! a return visit in the same WeChat browser — while the same mobile number typed anywhere else
//! reveals nothing. Only the token's SHA-256 is stored with the registration.

use http::{header, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use store::{auth::token_hash, Settings};

use super::request::header_value;

pub const DEVICE_COOKIE: &str = "yst_device";
/// The longest a browser keeps a cookie (Chromium caps Max-Age at 400 days).
const KEEP_DAYS: i64 = 400;

/// The device token from a `Cookie` header, if it has the expected shape.
fn device_token(cookie_header: &str) -> Option<&str> {
    store::auth::cookie::token_named(cookie_header, DEVICE_COOKIE)
}

fn set_cookie(token: &str, settings: &Settings) -> String {
    store::auth::cookie::set_cookie(DEVICE_COOKIE, token, KEEP_DAYS * 24 * 3600, settings)
}

/// The stored key (hash) of this request's browser, if it has sent its cookie.
pub fn current() -> Option<String> {
    header_value(header::COOKIE)
        .as_deref()
        .and_then(device_token)
        .map(token_hash)
}

/// Gives this browser a new device cookie and returns its key. Called when the sign-up form is
/// shown to a browser without one, so that two quick taps of its button already carry it.
pub fn issue(settings: &Settings) -> String {
    let token = store::auth::random_token();
    if let (Some(opts), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&set_cookie(&token, settings)),
    ) {
        opts.append_header(header::SET_COOKIE, value);
    }
    token_hash(&token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_a_well_formed_token() {
        let t = "ab".repeat(32);
        assert_eq!(
            device_token(&format!("yst_session=x; {DEVICE_COOKIE}={t}")),
            Some(t.as_str())
        );
        assert_eq!(device_token(&format!("{DEVICE_COOKIE}=short")), None);
        assert_eq!(
            device_token(&format!("{DEVICE_COOKIE}={}", "z".repeat(64))),
            None
        );
    }

    #[test]
    fn the_cookie_is_http_only_and_long_lived() {
        let c = set_cookie("t", &Settings::default());
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        assert!(c.contains("Max-Age=34560000"));
    }
}
