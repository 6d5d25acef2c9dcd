//! Headers every response carries. Pages set their own Content-Security-Policy with the
//! response's script nonce (`app::backend::page_policy`); anything else — server-function
//! answers, exports, uploaded files — gets one that runs nothing at all, so an uploaded file
//! opened directly can never act as a page of this site.

use axum::{
    body::Body,
    http::{header, HeaderValue, Request},
    middleware::Next,
    response::Response,
};

const NOTHING_RUNS: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; sandbox";

pub async fn add(req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Session links carry no secrets, but a registration page's address does (its code).
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (header::CONTENT_SECURITY_POLICY, NOTHING_RUNS),
    ];
    for (name, value) in fixed {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    res
}
