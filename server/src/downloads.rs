//! What staff and organizers download: stored photos and files, and the figures exports.

use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

use app::backend::AppState;

/// `GET /files/{key}`: an uploaded photo or file, to those who may see it (see
/// `app::backend::files`). Served with its checked type and `nosniff`, so a browser never
/// reads it as anything else.
pub async fn stored_file(
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
pub struct ExportQuery {
    area: Option<String>,
    year: Option<String>,
}

/// `GET /manage/tallies/export.csv?area=&year=`: a year's figures of an area and the areas
/// below it, for staff over the area (anyone else gets 404, as for a missing area).
pub async fn figures_csv(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    export(&state, q, &headers, Export::Csv).await
}

/// `GET /manage/tallies/export.xlsx?area=&year=`: the same as a workbook.
pub async fn figures_xlsx(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    export(&state, q, &headers, Export::Xlsx).await
}

enum Export {
    Csv,
    Xlsx,
}

async fn export(state: &AppState, q: ExportQuery, headers: &HeaderMap, kind: Export) -> Response {
    use app::backend::exports::{figures_csv, figures_xlsx, ExportError};
    let now = app::backend::clock::now_local();
    let year = app::api::tallies::year_or_now(q.year.and_then(|y| y.parse().ok()), now);
    let Some(area) = q.area.and_then(|a| a.parse::<i64>().ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let (made, content_type, extension) = match kind {
        Export::Csv => (
            figures_csv(&state.db, cookie, area, year, now).await,
            "text/csv; charset=utf-8",
            "csv",
        ),
        Export::Xlsx => (
            figures_xlsx(&state.db, cookie, area, year, now).await,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    match made {
        Ok((area, bytes)) => {
            let name = format!("{}{year}年协商议事统计.{extension}", area.name);
            (
                [
                    (header::CONTENT_TYPE, content_type.to_owned()),
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
