//! Lockout after repeated wrong passwords, kept per username (existing or not) so that the
//! answer to a locked name never tells whether it is an account.

use chrono::{NaiveDateTime, TimeDelta};

use super::StoreError;
use crate::backend::{clock::db_time, db::Db};

/// Failures within this window count together…
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// …and this many of them lock the name…
pub const FAILURES: i64 = 5;
/// …for this long.
pub const LOCKED_FOR: TimeDelta = TimeDelta::minutes(15);

/// The key a name is counted under: sign-in trims it, and case must not buy more attempts.
fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

pub async fn is_locked(db: &Db, username: &str, now: NaiveDateTime) -> Result<bool, StoreError> {
    let until: Option<Option<String>> =
        sqlx::query_scalar("SELECT locked_until FROM login_failures WHERE username = ?")
            .bind(key(username))
            .fetch_optional(&db.read)
            .await?;
    Ok(until.flatten().is_some_and(|u| u > db_time(now)))
}

/// Counts a wrong password; the failure that reaches the limit locks the name. Returns whether
/// the name is now locked.
pub async fn record(db: &Db, username: &str, now: NaiveDateTime) -> Result<bool, StoreError> {
    let now_text = db_time(now);
    let window_start = db_time(now - WINDOW);
    let locked: Option<String> = sqlx::query_scalar(
        "INSERT INTO login_failures (username, failures, first_failed_at) VALUES (?1, 1, ?2)
         ON CONFLICT (username) DO UPDATE SET
           failures = CASE WHEN first_failed_at < ?3 THEN 1 ELSE failures + 1 END,
           first_failed_at = CASE WHEN first_failed_at < ?3 THEN ?2 ELSE first_failed_at END
         RETURNING CASE WHEN failures >= ?4 THEN ?5 END",
    )
    .bind(key(username))
    .bind(&now_text)
    .bind(&window_start)
    .bind(FAILURES)
    .bind(db_time(now + LOCKED_FOR))
    .fetch_one(&db.write)
    .await?;
    if let Some(until) = &locked {
        // The lock starts a fresh count: after it, the name gets its full attempts again.
        sqlx::query(
            "UPDATE login_failures SET locked_until = ?2, failures = 0, first_failed_at = ?3
             WHERE username = ?1",
        )
        .bind(key(username))
        .bind(until)
        .bind(&now_text)
        .execute(&db.write)
        .await?;
    }
    Ok(locked.is_some())
}

/// A correct password forgets the name's failures.
pub async fn clear(db: &Db, username: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE username = ?")
        .bind(key(username))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Forgets names whose failures and lock are both over.
pub async fn forget_old(db: &Db, now: NaiveDateTime) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "DELETE FROM login_failures
         WHERE first_failed_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)",
    )
    .bind(db_time(now - WINDOW))
    .bind(db_time(now))
    .execute(&db.write)
    .await?
    .rows_affected())
}
