//! Leptos's asynchronous rendering appends two inline scripts after `</html>` (its tables of
//! resolved resources and pending chunks, empty here: no page hydrates its resources). They
//! make every page invalid HTML and cost bytes on a slow phone for nothing, so they are cut.

use axum::{
    body::Body,
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
    let kept = page_end(&bytes);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..kept)))
}

/// Where a page ends: after `</html>` when only scripts (and markers) follow it, else the whole
/// body.
fn page_end(page: &[u8]) -> usize {
    const END: &[u8] = b"</html>";
    let Some(at) = page.windows(END.len()).rposition(|w| w == END) else {
        return page.len();
    };
    let end = at + END.len();
    // A debug build's renderer puts its empty-node marker `<!>` between the page and the scripts.
    let mut tail = &page[end..];
    while let Some(rest) = tail.strip_prefix(b"<!>") {
        tail = rest;
    }
    let only_scripts = tail.is_empty()
        || (tail.starts_with(b"<script") && tail.trim_ascii_end().ends_with(b"</script>"));
    if only_scripts {
        end
    } else {
        page.len()
    }
}

#[cfg(test)]
mod tests {
    use super::page_end;

    #[test]
    fn scripts_after_the_page_are_cut_and_nothing_else() {
        let page = b"<!DOCTYPE html><html><body>x</body></html><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script><script>__INCOMPLETE_CHUNKS=[];</script>";
        assert_eq!(
            &page[..page_end(page)],
            b"<!DOCTYPE html><html><body>x</body></html>"
        );
        let marked =
            b"<html><body>x</body></html><!><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script>";
        assert_eq!(&marked[..page_end(marked)], b"<html><body>x</body></html>");
        let plain = b"<html><body>x</body></html>";
        assert_eq!(page_end(plain), plain.len());
        let odd = b"<html></html>text";
        assert_eq!(page_end(odd), odd.len());
        assert_eq!(page_end(b"no page"), 7);
    }
}
