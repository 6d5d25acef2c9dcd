use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, Request, StatusCode},
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

use app::{backend::AppState, shell, App};

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
    match app::backend::calendar::session_ics(&state.db, id).await {
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
