//! The public list pages (the front page, an area's page, a platform's page, the session list)
//! are where residents come in, and the same few are asked for again and again: a township's
//! list behind a poster's QR code, the city's. Each is rendered once and served again from
//! memory for as long as nothing was written to the database since it was rendered (and for at
//! most [`FRESH_FOR`], since "upcoming" moves with the clock): never older than the data.
//!
//! Only pages that are the same for everyone who sends the same address, language, text size and
//! remembered area: a signed-in request (its header names the person) or one holding a look-up
//! cookie or a form's `?f=` is rendered as usual, as is any answer that is not a plain 200 or sets
//! a cookie other than the remembered area (which the same request always sets the same way).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::{forms::FLASH_PARAM, i18n::Lang, text_size::TextSize, web::AppState};

/// The longest a page is served from memory, written to or not: a session whose sign-up closes
/// leaves the list within this.
pub const FRESH_FOR: Duration = Duration::from_secs(10);
/// The pages kept, all told. Past it the oldest half is dropped, so addresses made up to fill
/// the memory only push each other out.
const MOST_BYTES: usize = 8 * 1024 * 1024;
/// A page larger than this is not kept (a city's front page is ~20 KB).
const MOST_PAGE_BYTES: usize = 256 * 1024;
/// Addresses longer than this are not kept: no real list address is.
const MOST_KEY_BYTES: usize = 300;

#[derive(Default)]
pub struct ListCache {
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Kept>,
    bytes: usize,
}

struct Kept {
    /// `Db::changes` before the page was rendered.
    changes: u64,
    made: Instant,
    headers: HeaderMap,
    body: Bytes,
}

impl Pages {
    fn keep(&mut self, key: String, kept: Kept) {
        let size = key.len() + kept.body.len();
        if self.bytes + size > MOST_BYTES {
            let mut ages: Vec<Instant> = self.by_key.values().map(|k| k.made).collect();
            ages.sort_unstable();
            let cut = ages.get(ages.len() / 2).copied();
            self.by_key.retain(|_, k| Some(k.made) > cut);
            self.bytes = self
                .by_key
                .iter()
                .map(|(k, v)| k.len() + v.body.len())
                .sum();
        }
        self.bytes += size;
        if let Some(old) = self.by_key.insert(key.clone(), kept) {
            self.bytes -= key.len() + old.body.len();
        }
    }
}

/// Whether `path` is one of the public list pages.
fn is_list(path: &str) -> bool {
    let numbered = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(path, "/" | "/sessions") || numbered("/areas/") || numbered("/platforms/")
}

/// The key a request's page is kept under, if it is kept at all.
fn key(req: &Request) -> Option<String> {
    if req.method() != Method::GET || !is_list(req.uri().path()) {
        return None;
    }
    let query = req.uri().query().unwrap_or("");
    if query
        .split('&')
        .any(|pair| pair.starts_with(&format!("{FLASH_PARAM}=")))
    {
        return None;
    }
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let cookies = header(header::COOKIE);
    let personal = cookies.is_some_and(|c| {
        c.split(';').any(|c| {
            let name = c.trim().split('=').next().unwrap_or("");
            name == store::auth::cookie::SESSION_COOKIE
                || name == app::web::lookup_cookie::LOOKUP_COOKIE
        })
    });
    if personal {
        return None;
    }
    let lang = Lang::negotiate(cookies, header(header::ACCEPT_LANGUAGE));
    let size = TextSize::from_cookies(cookies);
    let area = cookies.and_then(app::web::area_memory::parse);
    let key = format!(
        "{}?{query}|{}|{}|{area:?}",
        req.uri().path(),
        lang.code(),
        size.code()
    );
    (key.len() <= MOST_KEY_BYTES).then_some(key)
}

pub async fn serve(
    State((state, cache)): State<(AppState, Arc<ListCache>)>,
    req: Request,
    next: Next,
) -> Response {
    let Some(key) = key(&req) else {
        return next.run(req).await;
    };
    let changes = state.db.changes();
    if let Some(page) = cache.fresh(&key, changes) {
        return page;
    }
    let res = next.run(req).await;
    // The one cookie a list page sets is the area it shows, remembered: the same for every
    // request of this key (which holds the area remembered before).
    let cookies_ok = res.headers().get_all(header::SET_COOKIE).iter().all(|c| {
        c.as_bytes()
            .starts_with(app::web::area_memory::SET_PREFIX.as_bytes())
    });
    let keepable = res.status() == StatusCode::OK && cookies_ok;
    if !keepable {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MOST_PAGE_BYTES).await else {
        // Too long to keep, and already read in part: answered as a failure, as the trimmer
        // does; no list page comes near the limit.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Kept only if nothing was written while it rendered (otherwise it may hold data older than
    // the change count says), and never a page with a script: its nonce must not be served twice.
    let scripted = body.windows(7).any(|w| w == b"<script");
    if state.db.changes() == changes && !scripted {
        let kept = Kept {
            changes,
            made: Instant::now(),
            headers: parts.headers.clone(),
            body: body.clone(),
        };
        cache
            .pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .keep(key, kept);
    }
    Response::from_parts(parts, Body::from(body))
}

impl ListCache {
    fn fresh(&self, key: &str, changes: u64) -> Option<Response> {
        let pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        let kept = pages.by_key.get(key)?;
        if kept.changes != changes || kept.made.elapsed() > FRESH_FOR {
            return None;
        }
        let mut res = Response::new(Body::from(kept.body.clone()));
        *res.headers_mut() = kept.headers.clone();
        Some(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, cookie: Option<&str>) -> Request {
        let mut req = Request::builder().uri(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_the_same_page_for_everyone_is_kept() {
        assert!(key(&request("/sessions?area=3", None)).is_some());
        assert!(key(&request("/areas/12", Some("lang=en; area=3"))).is_some());
        assert_ne!(
            key(&request("/", Some("lang=en"))),
            key(&request("/", Some("lang=zh")))
        );
        assert_ne!(
            key(&request("/", Some("yst_text=large"))),
            key(&request("/", None))
        );
        for (uri, cookie) in [
            ("/sessions/3", None),
            ("/manage", None),
            ("/areas/x", None),
            ("/sessions?area=3&f=token", None),
            ("/sessions", Some("yst_session=abc")),
            ("/sessions", Some("lang=zh; yst_lookup=abc")),
        ] {
            assert_eq!(key(&request(uri, cookie)), None, "{uri} {cookie:?}");
        }
        let long = format!("/sessions?area=3&x={}", "a".repeat(400));
        assert_eq!(key(&request(&long, None)), None);
        let mut post = request("/sessions", None);
        *post.method_mut() = Method::POST;
        assert_eq!(key(&post), None);
    }

    #[test]
    fn the_memory_is_bounded_by_dropping_the_older_half() {
        let mut pages = Pages::default();
        let page = Bytes::from(vec![b'x'; 100 * 1024]);
        for n in 0..200 {
            pages.keep(
                format!("/sessions?area={n}"),
                Kept {
                    changes: 0,
                    made: Instant::now(),
                    headers: HeaderMap::new(),
                    body: page.clone(),
                },
            );
            assert!(pages.bytes <= MOST_BYTES);
        }
        assert!(pages.by_key.contains_key("/sessions?area=199"));
        assert!(!pages.by_key.contains_key("/sessions?area=0"));
        let counted: usize = pages
            .by_key
            .iter()
            .map(|(k, v)| k.len() + v.body.len())
            .sum();
        assert_eq!(pages.bytes, counted);
    }
}
