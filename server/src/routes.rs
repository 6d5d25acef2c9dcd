use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, Request, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use std::sync::Arc;

use leptos::prelude::provide_context;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use tower_http::{
    compression::CompressionLayer,
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
    CompressionLevel,
};

use crate::list_cache::ListCache;
use app::{shell, web::AppState, App};
use store::calendar::Feed;

/// The app's page routes. Generate them once per process, before serving: generation runs the
/// app with resource loading suspended by a process-wide flag, and a page rendered at that
/// moment would never finish (leptos issue #4773).
pub fn route_list() -> Vec<AxumRouteListing> {
    generate_route_list(App)
}

/// Every route: the pages, the server functions under /api, the language switch and the
/// static files of the built site.
pub fn router(state: AppState, routes: Vec<AxumRouteListing>) -> Router {
    let page_state = state.clone();
    let fallback_state = state.clone();
    let options = state.leptos_options.clone();
    // The built assets are served directly: Leptos's file fallback turns a 304 (a browser
    // revalidating its cache) into the app's 404 page.
    let site = std::path::PathBuf::from(options.site_root.as_ref());
    Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(site.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route_service("/favicon.svg", ServeFile::new(site.join("favicon.svg")))
        .route("/lang", get(crate::preferences::language))
        .route("/text-size", get(crate::preferences::text_size))
        .route("/sessions/{id}/calendar.ics", get(session_calendar))
        .route("/platforms/{id}/calendar.ics", get(platform_feed))
        .route("/areas/{id}/calendar.ics", get(area_feed))
        .route("/files/{key}", get(crate::downloads::stored_file))
        .route(
            "/manage/sessions/{id}/sign-ups.csv",
            get(crate::downloads::sign_up_list),
        )
        .route(
            "/manage/tallies/export.csv",
            get(crate::downloads::figures_csv),
        )
        .route(
            "/manage/tallies/export.xlsx",
            get(crate::downloads::figures_xlsx),
        )
        .route("/manage/members.csv", get(crate::downloads::members_csv))
        .route(
            "/manage/import/template.xlsx",
            get(crate::downloads::ledger_template),
        )
        .route(
            "/manage/tallies/records.csv",
            get(crate::downloads::records_csv),
        )
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(page_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        .layer(middleware::from_fn(crate::html_tail::trim))
        .layer(middleware::from_fn(
            crate::multipart_guard::refuse_malformed,
        ))
        .layer(middleware::from_fn(crate::error_status::from_error))
        .layer(middleware::from_fn(crate::body_limits::enforce))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::same_origin::check,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::security_headers::add,
        ))
        // Outside the headers, so a kept page is served with the headers it was rendered with.
        .layer(middleware::from_fn_with_state(
            (state.clone(), Arc::new(ListCache::default())),
            crate::list_cache::serve,
        ))
        .layer(middleware::from_fn(crate::asset_cache::mark))
        // Brotli's own default (quality 11) costs milliseconds and megabytes per page; at 4 it
        // is still smaller than gzip and cheap enough to run on every response.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        // Outermost: the logged latency is the whole answer's, and the id is set before the
        // span reads it.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(crate::request_log::span)
                .on_request(())
                .on_response(crate::request_log::on_response)
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(
            crate::request_log::Sequence::default(),
        ))
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// `GET /sessions/{id}/calendar.ics`: the session for the resident's calendar app.
async fn session_calendar(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    ics_response(store::calendar::session_ics(&state.db, id).await)
}

/// `GET /platforms/{id}/calendar.ics`: a feed calendar apps subscribe to.
async fn platform_feed(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    feed(&state, id.parse().ok().map(Feed::Platform)).await
}

/// `GET /areas/{id}/calendar.ics`: every session in the area and below it.
async fn area_feed(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    feed(&state, id.parse().ok().map(Feed::Area)).await
}

async fn feed(state: &AppState, feed: Option<Feed>) -> Response {
    let Some(feed) = feed else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = store::clock::now_local();
    ics_response(store::calendar::feed_ics(&state.db, feed, now).await)
}

fn ics_response(result: Result<Option<String>, store::repo::StoreError>) -> Response {
    match result {
        Ok(Some(ics)) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            ics,
        )
            .into_response(),
        Ok(None) | Err(store::repo::StoreError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
