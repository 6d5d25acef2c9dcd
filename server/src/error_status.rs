//! Server functions answer every error with 500, whatever it was: a malformed or truncated
//! body, a missing argument, a refusal. The error itself says what happened (`AppError`), so
//! the status is set from it: the client's mistakes are 4xx, and a 500 means a fault here.

use axum::{
    body::{to_bytes, Body},
    http::{Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

use app::error::AppError;

/// Error bodies are a few bytes of JSON; this bound only stops a runaway one.
const ERROR_BYTES: usize = 1024 * 1024;

pub async fn from_error(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let error = AppError::de(bytes.clone());
    if let Ok(status) = StatusCode::from_u16(error.status()) {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
