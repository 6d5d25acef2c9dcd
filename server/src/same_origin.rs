//! CSRF defence on top of the SameSite cookie: a request that changes anything must come from
//! a page of this site. Browsers name the page's origin on every such request (`Origin`, or
//! at least `Referer`, and `Sec-Fetch-Site`); one naming another site is refused before any
//! handler runs. A request naming no origin at all comes from no browser page, so it carries
//! no one's cookie by accident and is let through.
//!
//! "This site" is an origin — scheme and host — not a host alone: the host the request was sent
//! to (`Host`) under the scheme it is served with (`https` when cookies are marked secure), and
//! the public address when one is configured (`YST_PUBLIC_URL`), so a proxy that rewrites `Host`
//! does not lock everyone out. `X-Forwarded-Host` and `X-Forwarded-Proto` are anyone's to send,
//! so they count only behind a declared proxy (`YST_BEHIND_PROXY`), which sets them itself.

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::Response,
};

use app::web::AppState;

/// How this deployment is reached.
#[derive(Debug, Clone, Copy, Default)]
struct Site<'a> {
    /// `YST_PUBLIC_URL`.
    public: Option<&'a str>,
    /// `YST_BEHIND_PROXY`: the forwarded headers are the proxy's.
    behind_proxy: bool,
    /// `YST_SECURE_COOKIES`: served over HTTPS.
    https: bool,
}

pub async fn check(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let site = Site {
        public: state.settings.public_url.as_deref(),
        behind_proxy: state.settings.behind_proxy,
        https: state.settings.secure_cookies,
    };
    if safe || from_this_site(req.headers(), site) {
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

fn from_this_site(headers: &HeaderMap, site: Site<'_>) -> bool {
    let get = |name: &'static str| headers.get(name).and_then(|v| v.to_str().ok());
    if get("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    let forwarded = |name| get(name).filter(|_| site.behind_proxy);
    let scheme = forwarded("x-forwarded-proto")
        .filter(|p| matches!(*p, "http" | "https"))
        .unwrap_or(if site.https { "https" } else { "http" });
    let hosts = [forwarded("x-forwarded-host"), get(header::HOST.as_str())];
    let mut ours: Vec<(&str, &str)> = hosts.into_iter().flatten().map(|h| (scheme, h)).collect();
    ours.extend(site.public.and_then(origin));
    let named = get(header::ORIGIN.as_str())
        .filter(|o| *o != "null")
        .or_else(|| get(header::REFERER.as_str()));
    match named {
        // An Origin that says nothing readable is not the absence of one.
        None => !headers.contains_key(header::ORIGIN),
        Some(url) => origin(url).is_some_and(|(scheme, host)| {
            ours.iter()
                .any(|(s, h)| *s == scheme && h.eq_ignore_ascii_case(host))
        }),
    }
}

/// The scheme and `host[:port]` of an absolute http(s) URL.
fn origin(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url
        .strip_prefix("https://")
        .map(|r| ("https", r))
        .or_else(|| url.strip_prefix("http://").map(|r| ("http", r)))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
        .filter(|a| !a.is_empty() && !a.contains('@'))
        .map(|a| (scheme, a))
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

    /// Judged without a configured public address, served over plain HTTP, no proxy.
    fn own(h: &HeaderMap) -> bool {
        from_this_site(h, Site::default())
    }

    fn public(url: &'static str) -> Site<'static> {
        Site {
            public: Some(url),
            ..Site::default()
        }
    }

    #[test]
    fn behind_a_proxy_that_rewrites_host_the_public_address_counts() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://yst.gov.cn")]);
        assert!(from_this_site(&h, public("https://yst.gov.cn")));
        assert!(!own(&h));
        assert!(!from_this_site(&h, public("https://other.gov.cn")));
        // The public address names its scheme too.
        assert!(!from_this_site(&h, public("http://yst.gov.cn")));
    }

    #[test]
    fn forwarded_headers_count_only_behind_a_declared_proxy() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "https"),
            ("origin", "https://evil.example"),
        ]);
        assert!(!own(&h), "anyone can send X-Forwarded-Host");
        let proxy = Site {
            behind_proxy: true,
            ..Site::default()
        };
        assert!(from_this_site(&h, proxy), "the proxy sets it");
    }

    #[test]
    fn the_scheme_is_part_of_the_site() {
        let plain = headers(&[
            ("host", "yst.example.cn"),
            ("origin", "http://yst.example.cn"),
        ]);
        let tls = headers(&[
            ("host", "yst.example.cn"),
            ("origin", "https://yst.example.cn"),
        ]);
        let https = Site {
            https: true,
            ..Site::default()
        };
        assert!(own(&plain) && !own(&tls));
        assert!(from_this_site(&tls, https) && !from_this_site(&plain, https));
    }

    #[test]
    fn own_pages_pass_and_other_sites_do_not() {
        let host = ("host", "yst.example.cn");
        assert!(own(&headers(&[host, ("origin", "http://yst.example.cn")])));
        assert!(own(&headers(&[
            host,
            ("referer", "http://yst.example.cn/sessions/3")
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
            ("origin", "http://yst.example.cn"),
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
                proptest::prop_assert_eq!(super::origin(&origin), Some(("http", "yst.example.cn")));
            }
        }
    }
}
