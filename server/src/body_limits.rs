//! How much a request may send: forms are small, uploads are capped at what the upload
//! handlers accept. A body declared too large is refused before it is read; one that turns out
//! too large while streaming (no length declared) stops being read at the limit.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    middleware::Next,
    response::Response,
};
use http_body_util::Limited;

/// Any form of this site, minutes and long suggestions included, fits many times over.
pub const FORM_BYTES: usize = 256 * 1024;
/// An upload and its multipart framing.
pub const UPLOAD_BYTES: usize = store::uploads::MAX_BYTES + 64 * 1024;

pub async fn enforce(req: Request<Body>, next: Next) -> Response {
    let limit = if app::api::multipart_endpoints().contains(&req.uri().path()) {
        UPLOAD_BYTES
    } else {
        FORM_BYTES
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return crate::refusal::page(
            StatusCode::PAYLOAD_TOO_LARGE,
            "提交的内容过大，未能保存",
            "The submission is too large and was not saved.",
        );
    }
    next.run(req.map(|body| Body::new(Limited::new(body, limit))))
        .await
}
