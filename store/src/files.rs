//! Who may read a stored file, and the file itself. Photos of a session whose results are
//! public are public too; a session's other files, and every topic photo, are for the people
//! who run the platform.

use std::path::Path;

use crate::{auth, db::Db, repo::StoreError, uploads};

/// A stored file, ready to send.
pub struct StoredFile {
    pub content_type: String,
    pub file_name: String,
    /// Photos are shown in the page; other files are downloaded.
    pub inline: bool,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct Row {
    kind: String,
    file_name: String,
    content_type: String,
    session_id: Option<i64>,
    session_status: Option<model::domain::SessionStatus>,
    platform_id: i64,
    area_path: String,
}

/// The file under `key` if the reader (by their cookie) may see it; `None` when there is no
/// such file or they may not (the two answer alike, so keys cannot be probed).
pub async fn read(
    db: &Db,
    uploads_dir: &Path,
    key: &str,
    cookie: Option<&str>,
) -> Result<Option<StoredFile>, StoreError> {
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT f.kind, f.file_name, f.content_type, f.session_id, s.status AS session_status,
                p.id AS platform_id, a.path AS area_path
         FROM attachments f
              LEFT JOIN sessions s ON s.id = f.session_id
              LEFT JOIN topics t ON t.photo_id = f.id
              JOIN platforms p ON p.id = coalesce(s.host_platform_id, t.platform_id)
              JOIN areas a ON a.id = p.area_id
         WHERE f.storage_key = ?",
    )
    .bind(key)
    .fetch_optional(&db.read)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let public = row.kind == "photo"
        && row.session_id.is_some()
        && row
            .session_status
            .is_some_and(super::repo::reviews::has_outcome);
    if !public {
        let principal = auth::principal_from_cookie(db, cookie).await?;
        if !principal.is_some_and(|p| p.edits_platform(row.platform_id, &row.area_path)) {
            return Ok(None);
        }
    }
    let path = uploads::path_of(uploads_dir, key);
    match tokio::fs::read(&path).await {
        Ok(bytes) => Ok(Some(StoredFile {
            inline: row.kind == "photo",
            content_type: row.content_type,
            file_name: row.file_name,
            bytes,
        })),
        Err(e) => {
            tracing::error!(error = %e, key, "a stored file is missing");
            Ok(None)
        }
    }
}
