//! Keeps malformed uploads away from the server functions' multipart decoder, which panics on
//! a body without a usable boundary.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The multipart decoder of server functions panics on a body without a usable boundary; such
/// a request is the client's mistake and is refused before it gets there.
pub async fn refuse_malformed(req: Request<Body>, next: Next) -> Response {
    if app::api::multipart_endpoints().contains(&req.uri().path()) {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if !content_type.is_some_and(is_multipart_with_boundary) {
            return StatusCode::BAD_REQUEST.into_response();
        }
    }
    next.run(req).await
}

/// `multipart/form-data; boundary=…` with a boundary of 1 to 70 of the characters RFC 2046
/// allows (unquoted, no spaces): what browsers send, and what the decoder accepts.
fn is_multipart_with_boundary(content_type: &str) -> bool {
    let mut parts = content_type.split(';').map(str::trim);
    let Some(main) = parts.next() else {
        return false;
    };
    if !main.eq_ignore_ascii_case("multipart/form-data") {
        return false;
    }
    parts.any(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("boundary")
                && (1..=70).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"'()+_,-./:=?".contains(&b))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_multipart_with_boundary;

    #[test]
    fn only_well_formed_multipart_bodies_reach_the_decoder() {
        assert!(is_multipart_with_boundary(
            "multipart/form-data; boundary=----WebKitFormBoundaryx8aZ"
        ));
        assert!(is_multipart_with_boundary(
            "Multipart/Form-Data;boundary=abc"
        ));
        assert!(!is_multipart_with_boundary(
            "application/x-www-form-urlencoded"
        ));
        assert!(!is_multipart_with_boundary("multipart/form-data"));
        assert!(!is_multipart_with_boundary(
            "multipart/form-data; boundary="
        ));
        assert!(!is_multipart_with_boundary(
            "multipart/form-data; boundary=\"a b\""
        ));
        assert!(!is_multipart_with_boundary(&format!(
            "multipart/form-data; boundary={}",
            "x".repeat(71)
        )));
    }

    proptest::proptest! {
        #[test]
        fn any_content_type_is_judged_without_panicking(s in "\\PC{0,120}|multipart/form-data; ?boundary=.{0,80}") {
            let _ = is_multipart_with_boundary(&s);
        }
    }
}
