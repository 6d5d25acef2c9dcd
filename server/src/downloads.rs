//! What staff and organizers download: stored photos and files, and the figures exports.

use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

use std::collections::HashMap;

use app::api::tallies::TallyParams;
use app::web::AppState;
use store::exports::ExportError;

/// `GET /files/{key}`: an uploaded photo or file, to those who may see it (see
/// `store::files`). Served with its checked type and `nosniff`, so a browser never
/// reads it as anything else.
pub async fn stored_file(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    match store::files::read(&state.db, &state.settings.uploads_dir, &key, cookie).await {
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

/// `GET /manage/sessions/{id}/sign-ups.csv`: the sign-up list, for those who run the session
/// (numbers in full for its organizers only); 404 for anyone else.
pub async fn sign_up_list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    match store::sign_up_list::csv(&state.db, cookie, id).await {
        Ok((name, bytes)) => {
            let mut res = (attachment("text/csv; charset=utf-8", &name), bytes).into_response();
            // Personal data: never kept by a shared cache.
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            res
        }
        Err(e) => refused(e),
    }
}

/// `GET /manage/import/template.xlsx`: the ledger template, listing the platforms the downloader
/// may import into; 404 for anyone who imports nothing.
pub async fn ledger_template(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let me = match store::auth::principal_from_cookie(&state.db, cookie).await {
        Ok(Some(me)) if me.is_staff() || me.is_organizer() => me,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return refused(e.into()),
    };
    let now = store::clock::now_local();
    let made = match store::ledger::imports::context(&state.db, &me, now).await {
        Ok(cx) => store::ledger::template::workbook(&cx.platforms, &Default::default())
            .map_err(|e| ExportError::Write(e.to_string())),
        Err(e) => Err(e.into()),
    };
    match made {
        Ok(bytes) => (
            attachment(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "议事台账导入模板.xlsx",
            ),
            bytes,
        )
            .into_response(),
        Err(e) => refused(e),
    }
}

/// The figures choices of an export link, read as the pages read them.
fn params(query: &HashMap<String, String>) -> TallyParams {
    TallyParams::from_query(|k| query.get(k).cloned())
}

/// `GET /manage/tallies/export.csv?…`: a period's figures of a scope and of the areas below it,
/// for staff over the scope (anyone else gets 404, as for a missing area).
pub async fn figures_csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    export(&state, &params(&q), &headers, Export::Csv).await
}

/// `GET /manage/tallies/export.xlsx?…`: the same as a workbook, with a sheet per breakdown.
pub async fn figures_xlsx(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    export(&state, &params(&q), &headers, Export::Xlsx).await
}

/// `GET /manage/members.csv?…`: the members of the scope's area with their totals for the
/// period (委员履职统计), for staff over it.
pub async fn members_csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    export(&state, &params(&q), &headers, Export::Members).await
}

enum Export {
    Csv,
    Xlsx,
    Members,
}

fn attachment(content_type: &str, name: &str) -> [(header::HeaderName, String); 2] {
    [
        (header::CONTENT_TYPE, content_type.to_owned()),
        (
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename*=UTF-8''{}",
                app::url::encode_component(name)
            ),
        ),
    ]
}

fn refused(e: ExportError) -> Response {
    match e {
        ExportError::NotFound => StatusCode::NOT_FOUND.into_response(),
        e => {
            tracing::error!(error = %e, "export");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn export(state: &AppState, p: &TallyParams, headers: &HeaderMap, kind: Export) -> Response {
    use store::exports::{figures_csv, figures_xlsx, subject};
    let now = store::clock::now_local();
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let s = match subject(&state.db, cookie, p, now).await {
        Ok(s) => s,
        Err(e) => return refused(e),
    };
    let (made, content_type, name) = match kind {
        Export::Csv => (
            figures_csv(&state.db, &s, now).await,
            "text/csv; charset=utf-8",
            format!("{}.csv", s.file_stem()),
        ),
        Export::Xlsx => (
            figures_xlsx(&state.db, &s, now).await,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{}.xlsx", s.file_stem()),
        ),
        Export::Members => (
            store::member_export::members_csv(&state.db, &s, now).await,
            "text/csv; charset=utf-8",
            store::member_export::file_name(&s),
        ),
    };
    match made {
        Ok(bytes) => (attachment(content_type, &name), bytes).into_response(),
        Err(e) => refused(e),
    }
}

/// Chunks waiting for a slow client before the export pauses reading the database.
const CHUNKS_IN_FLIGHT: usize = 8;

/// `GET /manage/tallies/records.csv?…&drill=…[&by=…&key=…][&recorded=1]`: every record behind a number, as
/// CSV, streamed as it is read so memory stays flat for a list of millions. The download's
/// progress shows in the browser as the rows arrive.
pub async fn records_csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let p = params(&q);
    let now = store::clock::now_local();
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Some(drill) = p.drill else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let split = match (p.by, p.key.clone()) {
        (Some(by), Some(key)) if drill.has(by) => Some((by, key)),
        (None, _) => None,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let s = match store::exports::subject(&state.db, cookie, &p, now).await {
        Ok(s) => s,
        Err(e) => return refused(e),
    };
    let name = app::api::tallies::export_file_name(&s.names, s.period, drill);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(CHUNKS_IN_FLIGHT);
    let db = state.db.clone();
    tokio::spawn(async move {
        let split = split.as_ref().map(|(d, k)| (*d, k.as_str()));
        let recorded_only = p.recorded;
        let sent =
            store::exports::records_csv(&db, &s, drill, split, recorded_only, now, |chunk| {
                let tx = tx.clone();
                async move { tx.send(Ok(chunk)).await.is_ok() }
            })
            .await;
        if let Err(e) = sent {
            tracing::error!(error = %e, "records export");
            // The status has gone out already; breaking the body tells the browser the
            // download failed rather than leaving a silently short file.
            let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
        }
    });
    // Fused: the compression layer polls once more after the end, which a bare `unfold`
    // answers with a panic.
    let body =
        futures_util::StreamExt::fuse(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        }));
    (
        attachment("text/csv; charset=utf-8", &name),
        axum::body::Body::from_stream(body),
    )
        .into_response()
}
