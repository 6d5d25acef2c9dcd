//! One log line per request: its id (sent back as `x-request-id`, so a resident's or an
//! organizer's report can be matched to the line), method, route, status and latency. The route is
//! the pattern (`/r/{code}`), never the path or the query: paths hold registration and topic codes,
//! queries the tokens of typed forms, and neither a number nor a password ever reaches the log.

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use axum::{
    body::Body,
    extract::MatchedPath,
    http::{HeaderValue, Request, Response},
};
use tower_http::request_id::{MakeRequestId, RequestId};
use tracing::Span;

/// Request ids: a per-process sequence, short enough to read out over the phone.
#[derive(Clone, Default)]
pub struct Sequence(Arc<AtomicU64>);

impl MakeRequestId for Sequence {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        HeaderValue::from_str(&n.to_string())
            .ok()
            .map(RequestId::new)
    }
}

/// The request's span: id, method and route pattern.
pub fn span(req: &Request<Body>) -> Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id, method = %req.method(), route)
}

/// The line written when the answer starts.
pub fn on_response(res: &Response<Body>, latency: Duration, _: &Span) {
    tracing::info!(
        status = res.status().as_u16(),
        ms = format_args!("{:.1}", latency.as_secs_f64() * 1000.0),
        "answered"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_count_up_from_one() {
        let mut ids = Sequence::default();
        let req = Request::new(());
        let a = ids.make_request_id(&req).unwrap();
        let b = ids.clone().make_request_id(&req).unwrap();
        assert_eq!(a.header_value(), "1");
        assert_eq!(b.header_value(), "2", "clones share the sequence");
    }
}
