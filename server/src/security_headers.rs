//! Headers every response carries. Pages set their own Content-Security-Policy with the
//! response's script nonce (`app::web::page_policy`); anything else — server-function
//! answers, exports, uploaded files — gets one that runs nothing at all, so an uploaded file
//! opened directly can never act as a page of this site.
//!
//! Pages with personal data — a registration or topic by its code, a ticket's check-in page, 查询我的报名, the staff workspace (sign-up
//! lists, sign-in sheets, one-time passwords), an account, a form shown back with what was typed
//! (`?f=`, which may hold a mobile number) — are never stored by a browser or a proxy
//! (`Cache-Control: no-store`): a shared phone or a village office computer must not hand them to
//! the next person. Served over HTTPS (`YST_SECURE_COOKIES=1`), every response tells browsers to
//! use HTTPS only (HSTS).

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderValue, Request},
    middleware::Next,
    response::Response,
};

use app::web::AppState;

const NOTHING_RUNS: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; sandbox";

/// One year, the value HSTS preload lists ask for.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether a response to this path and query may hold personal data.
fn personal(path: &str, query: Option<&str>) -> bool {
    const PREFIXES: [&str; 7] = [
        "/r/",
        "/t/",
        "/find",
        "/manage",
        "/account",
        "/members/",
        "/api/",
    ];
    PREFIXES.iter().any(|p| path.starts_with(p))
        || query.is_some_and(|q| {
            q.split('&')
                .any(|pair| pair.starts_with(&format!("{}=", app::forms::FLASH_PARAM)))
        })
}

pub async fn add(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let private = personal(req.uri().path(), req.uri().query());
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.settings.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Session links carry no secrets, but a registration page's address does (its code).
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("permissions-policy"),
            app::web::page_policy::NOTHING_ALLOWED,
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

#[cfg(test)]
mod tests {
    use super::personal;

    #[test]
    fn pages_with_personal_data_are_recognised() {
        for (path, query) in [
            ("/r/AB12CD34", None),
            ("/t/AB12CD34", None),
            ("/manage/sessions/3/sheet", None),
            ("/manage/users", Some("f=abc")),
            ("/account", None),
            ("/sessions/3", Some("f=abc")),
            ("/sessions", Some("area=1&f=abc")),
        ] {
            assert!(personal(path, query), "{path} {query:?}");
        }
        for (path, query) in [
            ("/sessions/3", None),
            ("/", Some("x=1")),
            ("/pkg/a.css", None),
        ] {
            assert!(!personal(path, query), "{path} {query:?}");
        }
    }
}
