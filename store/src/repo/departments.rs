//! 部门: the departments of each area that suggestions are handed to, with their contacts. A
//! suggestion keeps its lead department's name as text (ledgers write names too); the name is
//! offered from the departments of the session's area and the areas above it, and an overdue
//! notice goes to the department of that name nearest the session's area.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::{
    outbox::{self, Owed},
    StoreError,
};
use crate::{clock::db_time, db::Db};
use model::{domain::Mobile, i18n::Lang, messages::Message, views::areas::Department};

/// The departments of one area, active ones first.
pub async fn of_area(db: &Db, area_id: i64) -> Result<Vec<Department>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, name, contact_name, contact_mobile, active = 1 AS active FROM departments
         WHERE area_id = ? ORDER BY active DESC, name",
    )
    .bind(area_id)
    .fetch_all(&db.read)
    .await?)
}

/// Adds a department to an area, or — when the area has one of that name — updates its contact
/// and makes it active again.
pub async fn save(
    db: &Db,
    area_id: i64,
    name: &str,
    contact_name: Option<&str>,
    contact_mobile: Option<&Mobile>,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO departments (area_id, name, contact_name, contact_mobile, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (area_id, name) DO UPDATE SET contact_name = ?3, contact_mobile = ?4, active = 1,
             updated_at = ?5",
    )
    .bind(area_id)
    .bind(name)
    .bind(contact_name)
    .bind(contact_mobile.map(Mobile::as_str))
    .bind(db_time(now))
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Deactivates (or reactivates) a department of `area_id`; false when it has no such one.
pub async fn set_active(
    db: &Db,
    area_id: i64,
    id: i64,
    active: bool,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE departments SET active = ?, updated_at = ? WHERE id = ? AND area_id = ?",
    )
    .bind(active)
    .bind(db_time(now))
    .bind(id)
    .bind(area_id)
    .execute(&db.write)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The names of the active departments of the area at `path` and the areas above it, for the
/// organizer to pick from.
pub async fn names_above(db: &Db, path: &str) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT d.name FROM departments d JOIN areas a ON a.id = d.area_id
         WHERE d.active = 1 AND substr(?1, 1, length(a.path)) = a.path
         ORDER BY length(a.path) DESC, d.name",
    )
    .bind(path)
    .fetch_all(&db.read)
    .await?)
}

/// How far back a deadline may lie and still be noticed: a suggestion overdue for longer was
/// overdue before anyone could be told, and a first start must not text about every old one.
const NOTICE_WITHIN: TimeDelta = TimeDelta::days(7);

#[derive(sqlx::FromRow)]
struct Due {
    id: i64,
    text: String,
    deadline: NaiveDate,
    session_id: i64,
    title: String,
    platform_id: i64,
    department_mobile: Option<String>,
}

/// Queues a notice for each suggestion that passed its deadline (before `today`) unresolved:
/// to its lead department's contact and to the organizers of its platform who gave a number.
/// Each suggestion is noticed once, whoever it reached. Returns how many were noticed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue_overdue(
    db: &Db,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<u64, StoreError> {
    let mut tx = db.write.begin().await?;
    let due: Vec<Due> = sqlx::query_as(
        "SELECT o.id, o.text, o.deadline, s.id AS session_id, s.title, s.host_platform_id AS platform_id,
                (SELECT d.contact_mobile FROM departments d JOIN areas a ON a.id = d.area_id
                 WHERE d.name = o.lead_department AND d.active = 1 AND d.contact_mobile IS NOT NULL
                   AND substr(s.area_path, 1, length(a.path)) = a.path
                 ORDER BY length(a.path) DESC LIMIT 1) AS department_mobile
         FROM outcomes o JOIN sessions s ON s.id = o.session_id
         WHERE o.overdue_noticed_at IS NULL AND o.handling_status <> 'completed'
           AND o.deadline IS NOT NULL AND o.deadline >= ? AND o.deadline < ?",
    )
    .bind(today - NOTICE_WITHIN)
    .bind(today)
    .fetch_all(&mut *tx)
    .await?;
    let mut owed = Vec::new();
    for d in &due {
        let organizers: Vec<String> = sqlx::query_scalar(
            "SELECT u.mobile FROM user_roles r JOIN users u ON u.id = r.user_id
             WHERE r.role = 'organizer' AND r.platform_id = ? AND u.active = 1 AND u.mobile IS NOT NULL",
        )
        .bind(d.platform_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut to: Vec<String> = d
            .department_mobile
            .iter()
            .cloned()
            .chain(organizers)
            .collect();
        to.sort();
        to.dedup();
        let message = Message::Overdue {
            title: d.title.clone(),
            suggestion: d.text.clone(),
            deadline: d.deadline,
        };
        owed.extend(to.into_iter().map(|mobile| Owed {
            session_id: Some(d.session_id),
            registration_id: None,
            recipient: Some(mobile),
            lang: Lang::Zh,
            outcome_id: Some(d.id),
            message: message.clone(),
        }));
    }
    outbox::queue(&mut tx, &owed, now).await?;
    let ids: Vec<i64> = due.iter().map(|d| d.id).collect();
    sqlx::query(
        "UPDATE outcomes SET overdue_noticed_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))",
    )
    .bind(db_time(now))
    .bind(super::json_list(&ids)?)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(due.len() as u64)
}
