//! Leptos's asynchronous rendering appends two inline scripts after `</html>` (its tables of
//! resolved resources and pending chunks). After `</html>` they make every page invalid HTML.
//! A page without an island hydrates nothing and needs neither, so they are cut, bytes a slow
//! phone never loads; a page with an island keeps them, moved to the end of its `<body>`, where
//! they are valid (the debug build's islands refuse to wake without them).

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Far above any page this site renders; a body past it is answered as an error rather than
/// held in memory.
const MOST: usize = 64 * 1024 * 1024;

pub async fn trim(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MOST).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(tidy(bytes)))
}

/// The page with the scripts after `</html>` cut, or moved into `<body>` on a page with an island;
/// any other page as it was.
fn tidy(page: Bytes) -> Bytes {
    let Some((end, scripts)) = split_tail(&page) else {
        return page;
    };
    if !contains(&page[..end], b"<leptos-island") {
        return page.slice(..end);
    }
    let Some(body_end) = page[..end].windows(7).rposition(|w| w == b"</body>") else {
        return page;
    };
    let mut moved = Vec::with_capacity(page.len());
    moved.extend_from_slice(&page[..body_end]);
    moved.extend_from_slice(&page[scripts..]);
    moved.extend_from_slice(&page[body_end..end]);
    Bytes::from(moved)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Where the page ends (after `</html>`) and where the scripts after it start, when only scripts
/// (and the debug build's empty-node markers `<!>`) follow it.
fn split_tail(page: &[u8]) -> Option<(usize, usize)> {
    const END: &[u8] = b"</html>";
    let at = page.windows(END.len()).rposition(|w| w == END)?;
    let end = at + END.len();
    let mut scripts = end;
    while page[scripts..].starts_with(b"<!>") {
        scripts += 3;
    }
    let tail = &page[scripts..];
    (tail.starts_with(b"<script") && tail.trim_ascii_end().ends_with(b"</script>"))
        .then_some((end, scripts))
}

#[cfg(test)]
mod tests {
    use super::tidy;
    use axum::body::Bytes;

    fn tidied(page: &'static [u8]) -> Bytes {
        tidy(Bytes::from_static(page))
    }

    #[test]
    fn scripts_after_a_page_without_islands_are_cut_and_nothing_else() {
        let page = b"<!DOCTYPE html><html><body>x</body></html><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script><script>__INCOMPLETE_CHUNKS=[];</script>";
        assert_eq!(
            &tidied(page)[..],
            b"<!DOCTYPE html><html><body>x</body></html>"
        );
        let marked =
            b"<html><body>x</body></html><!><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script>";
        assert_eq!(&tidied(marked)[..], b"<html><body>x</body></html>");
        for unchanged in [
            &b"<html><body>x</body></html>"[..],
            b"<html></html>text",
            b"no page",
        ] {
            assert_eq!(&tidy(Bytes::copy_from_slice(unchanged))[..], unchanged);
        }
    }

    #[test]
    fn a_page_with_an_island_keeps_its_scripts_inside_the_body() {
        let page = b"<html><body><leptos-island>i</leptos-island></body></html><!><script>__R=[];</script>";
        assert_eq!(
            &tidied(page)[..],
            b"<html><body><leptos-island>i</leptos-island><script>__R=[];</script></body></html>"
        );
    }
}
