//! The browser's look-up of 查询我的报名, named by a random HttpOnly cookie that lives as long as
//! the look-up can be used. The number and what was proven stay on the server
//! (`store::repo::lookups`); the cookie only names them, and only its SHA-256 is stored.

use http::{header, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use store::{
    auth::cookie::{set_cookie, token_named},
    repo::lookups::PROVEN_FOR,
    Settings,
};

use super::request::header_value;

pub const LOOKUP_COOKIE: &str = "yst_lookup";

/// The look-up token this browser holds, if any.
pub fn current() -> Option<String> {
    header_value(header::COOKIE)
        .as_deref()
        .and_then(|c| token_named(c, LOOKUP_COOKIE))
        .map(str::to_owned)
}

fn send(value: &str) {
    if let (Some(opts), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        opts.append_header(header::SET_COOKIE, value);
    }
}

/// Gives this browser the look-up `token`, for as long as the code and then its results last.
pub fn issue(token: &str, settings: &Settings) {
    let lasts = model::messages::LOOKUP_CODE_MINUTES * 60 + PROVEN_FOR.num_seconds();
    send(&set_cookie(LOOKUP_COOKIE, token, lasts, settings));
}

/// Ends this browser's look-up.
pub fn clear(settings: &Settings) {
    send(&set_cookie(LOOKUP_COOKIE, "", 0, settings));
}
