use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{header, HeaderMap, Request, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

use app::{
    backend::{calendar::Feed, AppState},
    shell, App,
};

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
        .nest_service("/pkg", ServeDir::new(site.join("pkg")))
        .route_service("/favicon.svg", ServeFile::new(site.join("favicon.svg")))
        .route("/lang", get(crate::lang::switch))
        .route("/sessions/{id}/calendar.ics", get(session_calendar))
        .route("/platforms/{id}/calendar.ics", get(platform_feed))
        .route("/areas/{id}/calendar.ics", get(area_feed))
        .route("/files/{key}", get(stored_file))
        .route("/manage/tallies/export.csv", get(figures_csv))
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
        .layer(middleware::from_fn(
            crate::multipart_guard::refuse_malformed,
        ))
        .layer(CompressionLayer::new())
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
    ics_response(app::backend::calendar::session_ics(&state.db, id).await)
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
    let now = app::backend::clock::now_local();
    ics_response(app::backend::calendar::feed_ics(&state.db, feed, now).await)
}

fn ics_response(result: Result<Option<String>, app::backend::repo::StoreError>) -> Response {
    match result {
        Ok(Some(ics)) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            ics,
        )
            .into_response(),
        Ok(None) | Err(app::backend::repo::StoreError::NotFound) => {
            StatusCode::NOT_FOUND.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "calendar file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /files/{key}`: an uploaded photo or file, to those who may see it (see
/// `app::backend::files`). Served with its checked type and `nosniff`, so a browser never
/// reads it as anything else.
async fn stored_file(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    match app::backend::files::read(&state, &key, cookie).await {
        Ok(Some(file)) => {
            let disposition = if file.inline {
                "inline".to_owned()
            } else {
                format!(
                    "attachment; filename*=UTF-8''{}",
                    app::url::encode_component(&file.file_name)
                )
            };
            (
                [
                    (header::CONTENT_TYPE, file.content_type),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                    (header::CACHE_CONTROL, "private, max-age=86400".to_owned()),
                ],
                file.bytes,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "stored file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct ExportQuery {
    area: Option<String>,
    year: Option<String>,
}

/// `GET /manage/tallies/export.csv?area=&year=`: a year's figures of an area and the areas
/// below it, for staff over the area (anyone else gets 404, as for a missing area).
async fn figures_csv(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    use app::backend::exports::{figures_csv, ExportError};
    let now = app::backend::clock::now_local();
    let year = app::api::tallies::year_or_now(q.year.and_then(|y| y.parse().ok()), now);
    let Some(area) = q.area.and_then(|a| a.parse::<i64>().ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    match figures_csv(&state.db, cookie, area, year, now).await {
        Ok((area, bytes)) => {
            let name = format!("{}{year}年协商议事统计.csv", area.name);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename*=UTF-8''{}",
                            app::url::encode_component(&name)
                        ),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(ExportError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "figures export");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
