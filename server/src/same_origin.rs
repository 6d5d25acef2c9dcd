//! CSRF defence on top of the SameSite cookie: a request that changes anything must come from
//! a page of this site. Browsers name the page's origin on every such request (`Origin`, or
//! at least `Referer`, and `Sec-Fetch-Site`); one naming another site is refused before any
//! handler runs. A request naming no origin at all comes from no browser page, so it carries
//! no one's cookie by accident and is let through.

use axum::{
    body::Body,
    http::{header, HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::Response,
};

pub async fn check(req: Request<Body>, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || from_this_site(req.headers()) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        crate::refusal::page(
            StatusCode::FORBIDDEN,
            "请求来自其他网站，已被拒绝",
            "This request came from another site and was refused. Open the page on this site and try again.",
        )
    }
}

fn from_this_site(headers: &HeaderMap) -> bool {
    let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if get(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return false;
    }
    // Behind a proxy the browser's host arrives as X-Forwarded-Host.
    let hosts: Vec<&str> = [
        get(header::HeaderName::from_static("x-forwarded-host")),
        get(header::HOST),
    ]
    .into_iter()
    .flatten()
    .collect();
    let named = get(header::ORIGIN)
        .filter(|o| *o != "null")
        .or_else(|| get(header::REFERER));
    match named {
        // An Origin that says nothing readable is not the absence of one.
        None => !headers.contains_key(header::ORIGIN),
        Some(url) => {
            authority(url).is_some_and(|a| hosts.iter().any(|h| h.eq_ignore_ascii_case(a)))
        }
    }
}

/// `host[:port]` of an absolute http(s) URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty() && !a.contains('@'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn own_pages_pass_and_other_sites_do_not() {
        let host = ("host", "yst.example.cn");
        assert!(from_this_site(&headers(&[
            host,
            ("origin", "https://yst.example.cn")
        ])));
        assert!(from_this_site(&headers(&[
            host,
            ("referer", "https://yst.example.cn/sessions/3")
        ])));
        assert!(!from_this_site(&headers(&[
            host,
            ("origin", "https://evil.example")
        ])));
        assert!(!from_this_site(&headers(&[
            host,
            ("origin", "https://yst.example.cn.evil.example")
        ])));
        assert!(!from_this_site(&headers(&[
            host,
            ("referer", "https://yst.example.cn@evil.example/")
        ])));
        assert!(!from_this_site(&headers(&[
            host,
            ("origin", "https://yst.example.cn"),
            ("sec-fetch-site", "cross-site")
        ])));
        // A sandboxed frame or a privacy setting sends "null": judged by the Referer then.
        assert!(!from_this_site(&headers(&[host, ("origin", "null")])));
        assert!(from_this_site(&headers(&[
            host,
            ("origin", "null"),
            ("referer", "http://yst.example.cn/login")
        ])));
        // No page named at all: not a browser's cross-site request.
        assert!(from_this_site(&headers(&[host])));
        assert!(from_this_site(&headers(&[
            host,
            ("x-forwarded-host", "yst.gov.cn"),
            ("origin", "https://yst.gov.cn")
        ])));
    }

    proptest::proptest! {
        #[test]
        fn only_the_named_host_passes(origin in "\\PC{0,60}|https?://[a-z.:@0-9]{0,30}(/.{0,10})?") {
            let mut h = HeaderMap::new();
            h.insert("host", HeaderValue::from_static("yst.example.cn"));
            if let Ok(v) = HeaderValue::from_str(&origin) {
                h.insert("origin", v);
            }
            if from_this_site(&h) && h.contains_key("origin") {
                proptest::prop_assert_eq!(authority(&origin), Some("yst.example.cn"));
            }
        }
    }
}
