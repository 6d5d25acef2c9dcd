//! Minutes (协商议事记录) and the attendance they report, which is counted from the check-ins.

use chrono::NaiveDateTime;
use sqlx::SqliteConnection;

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::{
    domain::{RegistrationRole, SessionStatus, Vote},
    views::closing::{Attendance, MinutesText},
};

/// Minutes as parsed from their form.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Minutes {
    pub agenda: String,
    pub key_points: String,
    pub consensus: String,
    pub disagreements: String,
    pub vote: Option<Vote>,
}

const SELECT: &str =
    "SELECT agenda, key_points, consensus, disagreements, vote_subject, votes_for, votes_against, votes_abstain
     FROM minutes WHERE session_id = ?";

#[derive(sqlx::FromRow)]
struct MinutesRow {
    agenda: String,
    key_points: String,
    consensus: String,
    disagreements: String,
    vote_subject: Option<String>,
    votes_for: Option<i64>,
    votes_against: Option<i64>,
    votes_abstain: Option<i64>,
}

impl From<MinutesRow> for MinutesText {
    fn from(r: MinutesRow) -> Self {
        let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        Self {
            agenda: r.agenda,
            key_points: r.key_points,
            consensus: r.consensus,
            disagreements: r.disagreements,
            vote_subject: r.vote_subject.unwrap_or_default(),
            votes_for: n(r.votes_for),
            votes_against: n(r.votes_against),
            votes_abstain: n(r.votes_abstain),
        }
    }
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(db: &Db, session_id: i64) -> Result<Option<MinutesText>, StoreError> {
    let row: Option<MinutesRow> = sqlx::query_as(SELECT)
        .bind(session_id)
        .fetch_optional(&db.read)
        .await?;
    Ok(row.map(Into::into))
}

/// Everyone checked in, walk-ins included, by role.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn attendance(db: &Db, session_id: i64) -> Result<Attendance, StoreError> {
    let by_role: Vec<(RegistrationRole, i64)> = sqlx::query_as(
        "SELECT role, count(*) FROM registrations WHERE session_id = ? AND state = 'attended'
         GROUP BY role ORDER BY count(*) DESC, role",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?;
    let walk_ins: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE session_id = ? AND state = 'attended' AND walk_in = 1",
    )
    .bind(session_id)
    .fetch_one(&db.read)
    .await?;
    Ok(Attendance {
        total: by_role.iter().map(|(_, n)| n).sum(),
        walk_ins,
        by_role,
    })
}

/// Members who were checked in: (user id, name).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn members_attended(db: &Db, session_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.display_name FROM registrations r JOIN users u ON u.id = r.member_user_id
         WHERE r.session_id = ? AND r.state = 'attended' ORDER BY u.display_name",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?)
}

/// Records or rewrites the minutes. The first minutes move a held session to 已形成成果, and the
/// topics it took up to 已协商.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn save(
    db: &Db,
    by: i64,
    session_id: i64,
    m: &Minutes,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    let before = current(&mut tx, session_id).await?;
    let vote = m.vote.as_ref();
    sqlx::query(
        "INSERT INTO minutes (session_id, agenda, key_points, consensus, disagreements, vote_subject,
             votes_for, votes_against, votes_abstain, recorded_by, recorded_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (session_id) DO UPDATE SET agenda = ?2, key_points = ?3, consensus = ?4,
             disagreements = ?5, vote_subject = ?6, votes_for = ?7, votes_against = ?8,
             votes_abstain = ?9, updated_at = ?11",
    )
    .bind(session_id)
    .bind(&m.agenda)
    .bind(&m.key_points)
    .bind(&m.consensus)
    .bind(&m.disagreements)
    .bind(vote.map(|v| v.subject()))
    .bind(vote.map(|v| v.for_))
    .bind(vote.map(|v| v.against))
    .bind(vote.map(|v| v.abstain))
    .bind(by)
    .bind(db_time(now))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE sessions SET status = 'concluded', updated_at = ? WHERE id = ? AND status IN ('published', 'held')",
    )
    .bind(db_time(now))
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    // The feedback step: those who came are told the results are out, and asked to rate them.
    super::outbox::queue_results(&mut tx, session_id, now).await?;
    sqlx::query(
        "UPDATE topics SET status = 'consulted'
         WHERE status = 'accepted' AND id IN (SELECT topic_id FROM session_topics WHERE session_id = ?)",
    )
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(
        &mut tx,
        by,
        "minutes",
        session_id,
        action,
        before.as_ref(),
        Some(m),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn current(
    conn: &mut SqliteConnection,
    session_id: i64,
) -> Result<Option<MinutesText>, StoreError> {
    let row: Option<MinutesRow> = sqlx::query_as(SELECT)
        .bind(session_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Into::into))
}

/// Moves a session between 已形成成果 and 已办结 as its suggestions are handled: closed once it
/// has suggestions, all completed, and no problem is left open. A reviewed session stays reviewed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn refresh_status(
    conn: &mut SqliteConnection,
    session_id: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let status: SessionStatus = sqlx::query_scalar("SELECT status FROM sessions WHERE id = ?")
        .bind(session_id)
        .fetch_one(&mut *conn)
        .await?;
    if !matches!(status, SessionStatus::Concluded | SessionStatus::Closed) {
        return Ok(());
    }
    let (outcomes, open_outcomes, open_problems): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM outcomes WHERE session_id = ?1),
                (SELECT count(*) FROM outcomes WHERE session_id = ?1 AND handling_status <> 'completed'),
                (SELECT count(*) FROM problems WHERE session_id = ?1 AND resolved_on IS NULL)",
    )
    .bind(session_id)
    .fetch_one(&mut *conn)
    .await?;
    let closed = outcomes > 0 && open_outcomes == 0 && open_problems == 0;
    let next = if closed { "closed" } else { "concluded" };
    sqlx::query("UPDATE sessions SET status = ?, updated_at = ? WHERE id = ? AND status <> ?")
        .bind(next)
        .bind(db_time(now))
        .bind(session_id)
        .bind(next)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A checked upload, stored, to record against a session.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewAttachment {
    pub kind: &'static str,
    pub file_name: String,
    pub content_type: &'static str,
    pub size_bytes: usize,
    pub storage_key: String,
    /// The photo of the session's paper sign-in sheet: kept as a private file, never public.
    pub sign_in_sheet: bool,
}

/// Bytes of uploads on record: all of them, and those sent without an account (topic photos).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn stored_bytes(db: &Db) -> Result<(u64, u64), StoreError> {
    let (all, anonymous): (i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(size_bytes), 0), coalesce(sum(size_bytes) FILTER (WHERE uploaded_by IS NULL), 0)
         FROM attachments",
    )
    .fetch_one(&db.read)
    .await?;
    let bytes = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok((bytes(all), bytes(anonymous)))
}

/// Every storage key on record: a stored file under any other name belongs to nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn storage_keys(db: &Db) -> Result<std::collections::HashSet<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT storage_key FROM attachments")
        .fetch_all(&db.read)
        .await?
        .into_iter()
        .collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn attach(
    db: &Db,
    by: i64,
    session_id: i64,
    a: &NewAttachment,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO attachments (session_id, kind, file_name, content_type, size_bytes, storage_key, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(session_id)
    .bind(a.kind)
    .bind(&a.file_name)
    .bind(a.content_type)
    .bind(i64::try_from(a.size_bytes).unwrap_or(i64::MAX))
    .bind(&a.storage_key)
    .bind(by)
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    if a.sign_in_sheet {
        sqlx::query("UPDATE sessions SET sign_in_sheet_id = ? WHERE id = ?")
            .bind(id)
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        by,
        "minutes",
        session_id,
        "update",
        None::<&()>,
        Some(a),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A session's photos and files, oldest first: (kind, file name, storage key).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn attachments(
    db: &Db,
    session_id: i64,
) -> Result<Vec<model::views::closing::Attachment>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT kind, file_name, storage_key, size_bytes FROM attachments WHERE session_id = ? ORDER BY id",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?)
}
