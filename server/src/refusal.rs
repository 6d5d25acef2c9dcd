//! The small page a request gets when a guard turns it away before any handler runs: both
//! languages, since the guard runs before the language is known, and no scripts.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

pub fn page(status: StatusCode, zh: &str, en: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{zh}</title></head><body><h1>{zh}</h1><p lang=\"en\">{en}</p>\
         <p><a href=\"/\">返回首页 · Home</a></p></body></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}
