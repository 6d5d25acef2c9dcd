//! Reading the audit log back: everything recorded about one session, or about the sessions of an
//! area.

use serde_json::Value;

use super::StoreError;
use crate::db::Db;
use model::views::audit::AuditEntry;

#[derive(sqlx::FromRow)]
struct Row {
    at: chrono::NaiveDateTime,
    user_id: Option<i64>,
    who: Option<String>,
    entity: String,
    entity_id: i64,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

/// The longest value shown of one field: minutes may hold thousands of characters.
const VALUE_CHARS: usize = 200;

/// A logged record as `field: value` lines, nested fields joined by dots, by field name.
fn pairs(json: Option<&str>) -> Vec<(String, String)> {
    fn walk(value: &Value, key: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    walk(v, key, out);
                }
            }
            Value::Null => {}
            Value::String(s) => out.push((key, cut(s))),
            other => out.push((key, cut(&other.to_string()))),
        }
    }
    fn cut(s: &str) -> String {
        match s.char_indices().nth(VALUE_CHARS) {
            Some((end, _)) => format!("{}…", &s[..end]),
            None => s.to_owned(),
        }
    }
    let mut out = Vec::new();
    if let Some(value) = json.and_then(|j| serde_json::from_str::<Value>(j).ok()) {
        walk(&value, String::new(), &mut out);
    }
    out
}

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
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT l.at, l.user_id, u.display_name AS who, l.entity, l.entity_id, l.action,
                l.before_json AS before, l.after_json AS after
         {OF_SESSION} AND (?2 IS NULL OR l.user_id = ?2)
         ORDER BY l.at DESC, l.id DESC LIMIT ?3"
    ))
    .bind(session_id)
    .bind(user)
    .bind(limit)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(entry).collect())
}

/// The latest changes about the sessions held in an area's subtree, newest first, at most
/// `limit`, optionally only those `user` made: each with its session (id, title). The log is
/// walked from its newest entry and stops at the limit.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_area(
    db: &Db,
    area_path: &str,
    user: Option<i64>,
    limit: i64,
) -> Result<Vec<(AuditEntry, i64, String)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct AreaRow {
        #[sqlx(flatten)]
        row: Row,
        session_id: i64,
        title: String,
    }
    let rows: Vec<AreaRow> = sqlx::query_as(
        "WITH e AS (
             SELECT l.*, CASE l.entity
                 WHEN 'session' THEN l.entity_id WHEN 'minutes' THEN l.entity_id
                 WHEN 'registration' THEN (SELECT session_id FROM registrations WHERE id = l.entity_id)
                 WHEN 'outcome' THEN (SELECT session_id FROM outcomes WHERE id = l.entity_id)
                 WHEN 'problem' THEN (SELECT session_id FROM problems WHERE id = l.entity_id)
                 WHEN 'review' THEN (SELECT session_id FROM reviews WHERE id = l.entity_id) END AS session_id
             FROM audit_log l WHERE (?2 IS NULL OR l.user_id = ?2))
         SELECT e.at, e.user_id, u.display_name AS who, e.entity, e.entity_id, e.action,
                e.before_json AS before, e.after_json AS after, s.id AS session_id, s.title
         FROM e JOIN sessions s ON s.id = e.session_id LEFT JOIN users u ON u.id = e.user_id
         WHERE s.area_path >= ?1 AND s.area_path < ?1 || '~'
         ORDER BY e.id DESC LIMIT ?3",
    )
    .bind(area_path)
    .bind(user)
    .bind(limit)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (entry(r.row), r.session_id, r.title))
        .collect())
}

fn entry(r: Row) -> AuditEntry {
    AuditEntry {
        before: pairs(r.before.as_deref()),
        after: pairs(r.after.as_deref()),
        at: r.at,
        user_id: r.user_id,
        who: r.who,
        entity: r.entity,
        entity_id: r.entity_id,
        action: r.action,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_record_reads_as_field_lines() {
        let read = pairs(Some(
            r#"{"fields":{"title":"议事","seats":4},"state":"attended","x":null}"#,
        ));
        assert_eq!(
            read,
            [
                ("fields.seats".to_owned(), "4".to_owned()),
                ("fields.title".to_owned(), "议事".to_owned()),
                ("state".to_owned(), "attended".to_owned()),
            ]
        );
        assert!(pairs(Some("not json")).is_empty());
        assert_eq!(
            pairs(Some(&format!(r#"{{"t":"{}"}}"#, "长".repeat(300))))[0]
                .1
                .chars()
                .count(),
            201
        );
    }
}
