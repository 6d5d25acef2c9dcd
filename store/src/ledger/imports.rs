//! Uploaded ledgers: kept while they are previewed, imported in one transaction, and the imports
//! listed. An upload is its uploader's alone; each new upload replaces their pending one, so
//! what one person keeps waiting is one file.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::{
    cells,
    check::{self, Checked, Context, MemberRef, PlatformRef},
};
use crate::{
    audit,
    auth::Principal,
    clock::db_time,
    db::Db,
    repo::{
        attended_rows::{self, Attended},
        StoreError,
    },
};
use model::{
    domain::{MemberLevel, RegistrationRole},
    i18n::T,
    views::ledger::{LedgerCounts, LedgerImportRow, LedgerPreview, LedgerProblem, LedgerSheet},
};

/// An uploaded file.
#[derive(Debug, sqlx::FromRow)]
pub struct Upload {
    pub id: i64,
    pub sha256: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub uploaded_by: i64,
    pub uploaded_at: NaiveDateTime,
    pub imported_at: Option<NaiveDateTime>,
}

/// Keeps an upload for its preview, replacing the uploader's pending one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upload(
    db: &Db,
    by: i64,
    file_name: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let sha256 = hex(&Sha256::digest(bytes));
    let mut tx = db.write.begin().await?;
    sqlx::query("DELETE FROM ledger_imports WHERE uploaded_by = ? AND imported_at IS NULL")
        .bind(by)
        .execute(&mut *tx)
        .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO ledger_imports (sha256, file_name, bytes, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&sha256)
    .bind(file_name)
    .bind(bytes)
    .bind(by)
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An upload, to its uploader only.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(db: &Db, me: &Principal, id: i64) -> Result<Upload, StoreError> {
    sqlx::query_as(
        "SELECT id, sha256, file_name, bytes, uploaded_by, uploaded_at, imported_at
         FROM ledger_imports WHERE id = ? AND uploaded_by = ?",
    )
    .bind(id)
    .bind(me.user_id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(StoreError::NotFound)
}

/// When the same file was imported, by anyone.
async fn imported_before(db: &Db, sha256: &str) -> Result<Option<NaiveDateTime>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT imported_at FROM ledger_imports WHERE sha256 = ? AND imported_at IS NOT NULL",
    )
    .bind(sha256)
    .fetch_optional(&db.read)
    .await?)
}

/// What the check compares a file with, for this principal: the platforms they run or oversee,
/// every active member, the closed years, and the ledger numbers imported at those platforms.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn context(db: &Db, me: &Principal, now: NaiveDateTime) -> Result<Context, StoreError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.id, p.name, a.path FROM platforms p JOIN areas a ON a.id = p.area_id ORDER BY p.id",
    )
    .fetch_all(&db.read)
    .await?;
    let platforms: Vec<PlatformRef> = rows
        .into_iter()
        .filter(|(id, _, path)| me.edits_platform(*id, path))
        .map(|(id, name, area_path)| PlatformRef {
            id,
            name,
            area_path,
        })
        .collect();
    let members: Vec<(i64, String, String, MemberLevel)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.username, m.level FROM users u
         JOIN member_profiles m ON m.user_id = u.id WHERE u.active = 1",
    )
    .fetch_all(&db.read)
    .await?;
    let closed: Vec<(String, i32)> = sqlx::query_as(
        "SELECT a.path, c.year FROM closed_years c JOIN areas a ON a.id = c.area_id",
    )
    .fetch_all(&db.read)
    .await?;
    let ids: HashSet<i64> = platforms.iter().map(|p| p.id).collect();
    let numbers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT host_platform_id, ledger_no FROM sessions WHERE ledger_no IS NOT NULL",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(Context {
        platforms,
        members: members
            .into_iter()
            .map(|(id, name, username, level)| MemberRef {
                id,
                name,
                username,
                level,
            })
            .collect(),
        closed,
        imported: numbers
            .into_iter()
            .filter(|(p, _)| ids.contains(p))
            .collect(),
        now,
    })
}

/// Reads and checks an upload as its preview shows it.
pub async fn checked(
    db: &Db,
    me: &Principal,
    upload: &Upload,
    now: NaiveDateTime,
) -> Result<Checked, StoreError> {
    let book = match cells::read(&upload.bytes) {
        Ok(book) => book,
        Err(e) => {
            let (sheet, message) = match e {
                cells::ReadError::Unreadable => (LedgerSheet::Sessions, T::LedgerUnreadable),
                cells::ReadError::TooLarge => (LedgerSheet::Sessions, T::FileTooLarge),
                cells::ReadError::TooManyRows(s) => (s, T::LedgerTooManyRows),
            };
            return Ok(Checked {
                problems: vec![LedgerProblem {
                    sheet,
                    row: 1,
                    column: String::new(),
                    value: String::new(),
                    message,
                }],
                ..Checked::default()
            });
        }
    };
    let cx = context(db, me, now).await?;
    Ok(check::check(&book, &cx))
}

/// The preview of an upload: every problem, or what importing it would write.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn preview(
    db: &Db,
    me: &Principal,
    id: i64,
    now: NaiveDateTime,
) -> Result<LedgerPreview, StoreError> {
    let upload = get(db, me, id).await?;
    let imported_at = match upload.imported_at {
        Some(at) => Some(at),
        None => imported_before(db, &upload.sha256).await?,
    };
    let checked = if imported_at.is_some() {
        Checked::default()
    } else {
        checked(db, me, &upload, now).await?
    };
    let counts = match upload.imported_at {
        Some(_) => summary(db, id).await?,
        None => checked.counts,
    };
    let sessions = sqlx::query_as(
        "SELECT id, title, starts_at FROM sessions WHERE import_id = ? ORDER BY starts_at, id LIMIT 500",
    )
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    Ok(LedgerPreview {
        id: upload.id,
        file_name: upload.file_name,
        sha256: upload.sha256,
        uploaded_at: upload.uploaded_at,
        imported_at,
        problems: checked.problems,
        more_problems: checked.more_problems,
        counts,
        sessions,
    })
}

async fn summary(db: &Db, id: i64) -> Result<LedgerCounts, StoreError> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT summary_json FROM ledger_imports WHERE id = ?")
            .bind(id)
            .fetch_one(&db.read)
            .await?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// The file has problems: the preview lists them.
    Problems,
    /// This file was imported already.
    ImportedBefore,
}

/// Imports an upload whole or not at all: every session with its attendance, suggestions and
/// problems, linked to the upload, audited with the file's hash.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn import(
    db: &Db,
    me: &Principal,
    id: i64,
    now: NaiveDateTime,
) -> Result<Result<LedgerCounts, Refused>, StoreError> {
    let upload = get(db, me, id).await?;
    if upload.imported_at.is_some() || imported_before(db, &upload.sha256).await?.is_some() {
        return Ok(Err(Refused::ImportedBefore));
    }
    let checked = checked(db, me, &upload, now).await?;
    if !checked.is_clean() {
        return Ok(Err(Refused::Problems));
    }
    let mut tx = db.write.begin().await?;
    for s in &checked.sessions {
        write_session(&mut tx, me.user_id, id, s, now).await?;
    }
    let counts = checked.counts;
    let marked = sqlx::query(
        "UPDATE ledger_imports SET imported_at = ?, summary_json = ? WHERE id = ? AND imported_at IS NULL",
    )
    .bind(db_time(now))
    .bind(serde_json::to_string(&counts).unwrap_or_default())
    .bind(id)
    .execute(&mut *tx)
    .await;
    match marked {
        Ok(_) => {}
        // The same file imported meanwhile by someone else: this one writes nothing.
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            return Ok(Err(Refused::ImportedBefore))
        }
        Err(e) => return Err(e.into()),
    }
    #[derive(serde::Serialize)]
    struct Imported<'a> {
        file_name: &'a str,
        sha256: &'a str,
        counts: LedgerCounts,
    }
    let after = Imported {
        file_name: &upload.file_name,
        sha256: &upload.sha256,
        counts,
    };
    audit::record(
        &mut tx,
        me.user_id,
        "ledger_import",
        id,
        "create",
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(counts))
}

async fn write_session(
    conn: &mut sqlx::SqliteConnection,
    by: i64,
    import_id: i64,
    s: &check::NewSession,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let f = &s.fields;
    let origin = crate::repo::recorded::Origin::Imported {
        import_id,
        ledger_no: &s.ledger_no,
    };
    let id =
        crate::repo::recorded::insert_held(&mut *conn, by, s.platform_id, f, origin, now).await?;
    let people: Vec<Attended> = s
        .people
        .iter()
        .map(|p| Attended {
            session_id: id,
            name: &p.name,
            mobile: p.mobile.as_deref(),
            role: if p.member.is_some() {
                RegistrationRole::Member
            } else {
                p.role
            },
            member: p.member,
            walk_in: false,
            at: f.time.start(),
        })
        .collect();
    attended_rows::insert_many(&mut *conn, &people, now).await?;
    for o in &s.suggestions {
        sqlx::query(
            "INSERT INTO outcomes (session_id, text, form, proposer_user_id, lead_department, adoption, conversion,
                 created_at, updated_at)
             VALUES (?, ?, 'consensus', ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&o.text)
        .bind(o.proposer)
        .bind(&o.lead_department)
        .bind(o.adoption)
        .bind(o.conversion)
        .bind(db_time(now))
        .bind(db_time(now))
        .execute(&mut *conn)
        .await?;
    }
    for p in &s.problems {
        sqlx::query(
            "INSERT INTO problems (session_id, description, raised_on, resolved_on, evidence, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&p.description)
        .bind(f.time.start().date().to_string())
        .bind(p.resolved_on.map(|d| d.to_string()))
        .bind(&p.resolution)
        .bind(db_time(now))
        .bind(db_time(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The ledger a session was imported from: its file's name, when it was imported and its hash.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn source_of(
    db: &Db,
    session_id: i64,
) -> Result<Option<(String, NaiveDateTime, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT i.file_name, i.imported_at, i.sha256 FROM sessions s JOIN ledger_imports i ON i.id = s.import_id
         WHERE s.id = ? AND i.imported_at IS NOT NULL",
    )
    .bind(session_id)
    .fetch_optional(&db.read)
    .await?)
}

/// The imports a principal made, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn done_by(db: &Db, me: &Principal) -> Result<Vec<LedgerImportRow>, StoreError> {
    let rows: Vec<(i64, String, String, NaiveDateTime, String, String)> = sqlx::query_as(
        "SELECT i.id, i.file_name, i.sha256, i.imported_at, u.display_name, i.summary_json
         FROM ledger_imports i JOIN users u ON u.id = i.uploaded_by
         WHERE i.uploaded_by = ? AND i.imported_at IS NOT NULL ORDER BY i.imported_at DESC LIMIT 100",
    )
    .bind(me.user_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, file_name, sha256, imported_at, imported_by, summary)| LedgerImportRow {
                id,
                file_name,
                sha256,
                imported_at,
                imported_by,
                counts: serde_json::from_str(&summary).unwrap_or_default(),
            },
        )
        .collect())
}
