//! CSRF defence on top of the SameSite cookie: a request that changes anything must come from
//! a page of this site. Browsers name the page's origin on every such request (`Origin`, or
//! at least `Referer`, and `Sec-Fetch-Site`); one naming another site is refused before any
//! handler runs. A request naming no origin at all comes from no browser page, so it carries
//! no one's cookie by accident and is let through.
//!
//! "This site" is the host the request was sent to (`Host`, or `X-Forwarded-Host` from a
//! proxy), and the public address when one is configured (`YST_PUBLIC_URL`), so a proxy that
//! rewrites `Host` does not lock everyone out.

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::Response,
};

use app::backend::AppState;

pub async fn check(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let public = state.settings.public_url.as_deref().and_then(authority);
    if safe || from_this_site(req.headers(), public) {
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

fn from_this_site(headers: &HeaderMap, public: Option<&str>) -> bool {
    let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if get(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return false;
    }
    // Behind a proxy the browser's host arrives as X-Forwarded-Host.
    let hosts: Vec<&str> = [
        get(header::HeaderName::from_static("x-forwarded-host")),
        get(header::HOST),
        public,
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

    /// Judged without a configured public address.
    fn own(h: &HeaderMap) -> bool {
        from_this_site(h, None)
    }

    #[test]
    fn behind_a_proxy_that_rewrites_host_the_public_address_counts() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://yst.gov.cn")]);
        assert!(from_this_site(&h, Some("yst.gov.cn")));
        assert!(!from_this_site(&h, None));
        assert!(!from_this_site(&h, Some("other.gov.cn")));
    }

    #[test]
    fn own_pages_pass_and_other_sites_do_not() {
        let host = ("host", "yst.example.cn");
        assert!(own(&headers(&[host, ("origin", "https://yst.example.cn")])));
        assert!(own(&headers(&[
            host,
            ("referer", "https://yst.example.cn/sessions/3")
        ])));
        assert!(!own(&headers(&[host, ("origin", "https://evil.example")])));
        assert!(!own(&headers(&[
            host,
            ("origin", "https://yst.example.cn.evil.example")
        ])));
        assert!(!own(&headers(&[
            host,
            ("referer", "https://yst.example.cn@evil.example/")
        ])));
        assert!(!own(&headers(&[
            host,
            ("origin", "https://yst.example.cn"),
            ("sec-fetch-site", "cross-site")
        ])));
        // A sandboxed frame or a privacy setting sends "null": judged by the Referer then.
        assert!(!own(&headers(&[host, ("origin", "null")])));
        assert!(own(&headers(&[
            host,
            ("origin", "null"),
            ("referer", "http://yst.example.cn/login")
        ])));
        // No page named at all: not a browser's cross-site request.
        assert!(own(&headers(&[host])));
        assert!(own(&headers(&[
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
            if own(&h) && h.contains_key("origin") {
                proptest::prop_assert_eq!(authority(&origin), Some("yst.example.cn"));
            }
        }
    }
}
