//! What waits for an organizer or staff member, counted for their workspace's front page: each
//! count is what the list it links to shows.

use chrono::NaiveDateTime;

use super::{sessions::CARD, StoreError};
use crate::{clock::db_time, db::Db};
use model::views::{
    sessions::SessionCard,
    todo::{ToDo, ToDoSessions},
};

/// Every statement here binds two values (?1, ?2) and then the area paths, from ?3 on.
const FIRST_PATH: usize = 3;

/// Mine: hosted at one of `platforms`, or anywhere in one of the areas at `area_paths`.
fn mine(platforms: &[i64], area_paths: &[String], platform: &str, path: &str) -> String {
    let mut terms = Vec::new();
    if !platforms.is_empty() {
        let ids: Vec<String> = platforms.iter().map(i64::to_string).collect();
        terms.push(format!("{platform} IN ({})", ids.join(",")));
    }
    for i in 0..area_paths.len() {
        let n = i + FIRST_PATH;
        terms.push(format!("({path} >= ?{n} AND {path} < ?{n} || '~')"));
    }
    format!("({})", terms.join(" OR "))
}

const TODAY: &str = "s.status IN ('published', 'held') AND date(s.starts_at) = date(?1)";
const TO_RECORD: &str = "s.status IN ('published', 'held') AND s.ends_at <= ?1";

/// Sessions hosted at one of `platforms` or held in one of the areas.
fn my_sessions(platforms: &[i64], area_paths: &[String]) -> String {
    mine(platforms, area_paths, "s.host_platform_id", "s.area_path")
}

/// The counts for whoever runs `platforms` or staffs the areas at `area_paths`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn counts(
    db: &Db,
    platforms: &[i64],
    area_paths: &[String],
    now: NaiveDateTime,
) -> Result<ToDo, StoreError> {
    if platforms.is_empty() && area_paths.is_empty() {
        return Ok(ToDo::default());
    }
    // ?1 now, ?2 today.
    let sessions = my_sessions(platforms, area_paths);
    let sql = format!(
        "SELECT
           (SELECT count(*) FROM sessions s WHERE {sessions} AND {TODAY}) AS today,
           (SELECT count(*) FROM sessions s WHERE {sessions} AND {TO_RECORD}) AS to_record,
           (SELECT count(*) FROM topics t WHERE {topics} AND t.status = 'pending') AS to_review,
           (SELECT count(*) FROM outcomes o JOIN sessions s ON s.id = o.session_id WHERE {sessions}
              AND o.handling_status <> 'completed' AND o.deadline < ?2) AS overdue",
        topics = mine(platforms, area_paths, "t.platform_id", "t.area_path"),
    );
    let mut q = sqlx::query_as::<_, ToDo>(&sql)
        .bind(db_time(now))
        .bind(now.date().to_string());
    for path in area_paths {
        q = q.bind(path);
    }
    Ok(q.fetch_one(&db.read).await?)
}

/// Today's sessions and those waiting for their minutes (the latest first), `limit` of each.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sessions(
    db: &Db,
    platforms: &[i64],
    area_paths: &[String],
    now: NaiveDateTime,
    limit: i64,
) -> Result<ToDoSessions, StoreError> {
    if platforms.is_empty() && area_paths.is_empty() {
        return Ok(ToDoSessions::default());
    }
    // ?1 now, ?2 how many.
    let mine = my_sessions(platforms, area_paths);
    let list = |which: &'static str, order: &'static str| {
        let sql = format!("{CARD} WHERE {mine} AND {which} ORDER BY s.starts_at {order} LIMIT ?2");
        async move {
            let mut q = sqlx::query_as::<_, SessionCard>(&sql)
                .bind(db_time(now))
                .bind(limit);
            for path in area_paths {
                q = q.bind(path);
            }
            let cards = q.fetch_all(&db.read).await?;
            Ok::<_, StoreError>(cards.into_iter().map(|c| c.with_clock(now)).collect())
        }
    };
    let (today, to_record) = futures_util::try_join!(list(TODAY, "ASC"), list(TO_RECORD, "DESC"))?;
    Ok(ToDoSessions { today, to_record })
}
