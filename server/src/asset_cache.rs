//! How long browsers keep the built assets. A name with the content's hash in it
//! (`yishitong.<hash>.wasm`) never changes meaning, so it is kept for a year without asking;
//! anything else under `/pkg` is checked with the server each time (a cheap 304).

use axum::{
    body::Body,
    http::{header, HeaderValue, Request},
    middleware::Next,
    response::Response,
};

pub async fn mark(req: Request<Body>, next: Next) -> Response {
    let hashed = req
        .uri()
        .path()
        .strip_prefix("/pkg/")
        .is_some_and(is_hashed_name);
    let is_asset = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    if is_asset && res.status().is_success() {
        let policy = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}

/// `stem.HASH.ext`: the build's hashes are 20 or more URL-safe base64 characters.
fn is_hashed_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3
        && parts[1].len() >= 20
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::is_hashed_name;

    #[test]
    fn only_hashed_names_are_kept_for_a_year() {
        assert!(is_hashed_name("yishitong.Ab3dEf6hIj9kLm0nOp2qRs.wasm"));
        assert!(!is_hashed_name("yishitong.wasm"));
        assert!(!is_hashed_name("yishitong.css"));
        assert!(!is_hashed_name("yishitong_bg.short.wasm"));
    }
}
