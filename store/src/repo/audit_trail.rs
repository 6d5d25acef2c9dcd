//! Reading the audit log back: everything recorded about one session.

use super::StoreError;
use crate::db::Db;
use model::views::audit::AuditEntry;

/// The log entries about a session — the session itself, its registrations (check-ins,
/// walk-ins, absences, cleared places), minutes, suggestions, problems and follow-ups — newest
/// first, at most `limit`, optionally only those `user` made.
const OF_SESSION: &str = "
    FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
    WHERE ((l.entity IN ('session', 'minutes') AND l.entity_id = ?1)
        OR (l.entity = 'registration' AND l.entity_id IN (SELECT id FROM registrations WHERE session_id = ?1))
        OR (l.entity = 'outcome' AND l.entity_id IN (SELECT id FROM outcomes WHERE session_id = ?1))
        OR (l.entity = 'problem' AND l.entity_id IN (SELECT id FROM problems WHERE session_id = ?1))
        OR (l.entity = 'review' AND l.entity_id IN (SELECT id FROM reviews WHERE session_id = ?1)))";

#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(
    db: &Db,
    session_id: i64,
    user: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT l.at, l.user_id, u.display_name AS who, l.entity, l.entity_id, l.action,
                l.before_json AS before, l.after_json AS after
         {OF_SESSION} AND (?2 IS NULL OR l.user_id = ?2)
         ORDER BY l.at DESC, l.id DESC LIMIT ?3"
    ))
    .bind(session_id)
    .bind(user)
    .bind(limit)
    .fetch_all(&db.read)
    .await?)
}

/// Everyone with an account who changed something about a session: (user id, name).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn people_of_session(db: &Db, session_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT DISTINCT u.id, u.display_name {OF_SESSION} AND u.id IS NOT NULL ORDER BY u.display_name"
    ))
    .bind(session_id)
    .fetch_all(&db.read)
    .await?)
}
