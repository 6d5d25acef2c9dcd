//! Sessions as residents see them.

use chrono::NaiveDateTime;

use super::StoreError;
use crate::{
    api::sessions::{PublicSession, SessionCard},
    backend::{clock::db_time, db::Db},
    domain::{RegistrationRole, SessionFormat},
};

/// The card columns; `taken` counts the seats held (not cancelled, not waiting, not walk-ins).
pub const CARD: &str = "SELECT s.id, s.title, s.kind, s.format, s.status, s.starts_at, s.ends_at, s.signup_deadline,
        s.place, s.host_platform_id AS platform_id, p.name AS platform_name, a.name AS area_name, s.seats,
        (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.walk_in = 0
          AND r.state IN ('registered', 'attended', 'absent', 'leave')) AS taken
    FROM sessions s JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = s.area_id";

/// Published sessions that have not started, soonest first, optionally under an area path.
pub async fn upcoming(
    db: &Db,
    area_path: Option<&str>,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<SessionCard>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{CARD} WHERE s.status = 'published' AND s.starts_at > ?1
           AND (?2 IS NULL OR (a.path >= ?2 AND a.path < ?2 || '~'))
         ORDER BY s.starts_at LIMIT ?3"
    ))
    .bind(db_time(now))
    .bind(area_path)
    .bind(limit)
    .fetch_all(&db.read)
    .await?)
}

pub async fn card(db: &Db, id: i64) -> Result<SessionCard, StoreError> {
    Ok(sqlx::query_as(&format!("{CARD} WHERE s.id = ?"))
        .bind(id)
        .fetch_one(&db.read)
        .await?)
}

/// A session's public page; `None` for a draft.
pub async fn public(db: &Db, id: i64) -> Result<Option<PublicSession>, StoreError> {
    let card = card(db, id).await?;
    if card.status == crate::domain::SessionStatus::Draft {
        return Ok(None);
    }
    let (summary, format_local_name, audience, format): (
        String,
        Option<String>,
        String,
        SessionFormat,
    ) = sqlx::query_as(
        "SELECT summary, format_local_name, audience, format FROM sessions WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?;
    let invited_roles: Vec<RegistrationRole> = if audience == "invited_roles" {
        sqlx::query_scalar("SELECT role FROM session_roles WHERE session_id = ? ORDER BY rowid")
            .bind(id)
            .fetch_all(&db.read)
            .await?
    } else {
        Vec::new()
    };
    let waiting = sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE session_id = ? AND state = 'waitlisted'",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?;
    Ok(Some(PublicSession {
        card,
        summary,
        format_local_name,
        invited_roles,
        waiting,
        format,
    }))
}
