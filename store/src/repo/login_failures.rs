//! Lockout after repeated wrong passwords, kept per username (existing or not, so the answer to
//! a locked name never tells whether it is an account) and network address: a stranger's
//! guesses lock only the stranger's address out of that name, and the owner signing in from
//! their own address still gets in. Each further lock of the same pair lasts twice as long as
//! the one before, up to a day, so a patient guesser slows down instead of retrying every
//! quarter-hour.

use chrono::{NaiveDateTime, TimeDelta};

use super::StoreError;
use crate::{clock::db_time, db::Db};

/// Failures within this window count together…
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// …and this many of them lock the name for this address…
pub const FAILURES: i64 = 5;
/// …for this long the first time, twice as long each time after…
pub const FIRST_LOCK: TimeDelta = TimeDelta::minutes(15);
/// …but never longer than this.
pub const LONGEST_LOCK: TimeDelta = TimeDelta::hours(24);
/// A pair whose last lock ended this long ago starts again from the first lock's length.
pub const FORGIVEN_AFTER: TimeDelta = TimeDelta::hours(24);

/// The key a name is counted under: sign-in trims it, and case must not buy more attempts.
fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// How long the `locks`-th lock (from 1) lasts.
fn lock_length(locks: i64) -> TimeDelta {
    let doublings = u32::try_from((locks - 1).clamp(0, 16)).unwrap_or(16);
    (FIRST_LOCK * 2i32.pow(doublings)).min(LONGEST_LOCK)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn is_locked(
    db: &Db,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let until: Option<Option<String>> = sqlx::query_scalar(
        "SELECT locked_until FROM login_failures WHERE username = ? AND address = ?",
    )
    .bind(key(username))
    .bind(address)
    .fetch_optional(&db.read)
    .await?;
    Ok(until.flatten().is_some_and(|u| u > db_time(now)))
}

/// Counts a wrong password; the failure that reaches the limit locks the name for this
/// address. Returns whether it is now locked.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record(
    db: &Db,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let now_text = db_time(now);
    let window_start = db_time(now - WINDOW);
    let mut tx = db.write.begin().await?;
    let (failures, locks, locked_until): (i64, i64, Option<String>) = sqlx::query_as(
        "INSERT INTO login_failures (username, address, failures, first_failed_at) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (username, address) DO UPDATE SET
           failures = CASE WHEN first_failed_at < ?4 THEN 1 ELSE failures + 1 END,
           first_failed_at = CASE WHEN first_failed_at < ?4 THEN ?3 ELSE first_failed_at END
         RETURNING failures, locks, locked_until",
    )
    .bind(key(username))
    .bind(address)
    .bind(&now_text)
    .bind(&window_start)
    .fetch_one(&mut *tx)
    .await?;
    let locked = failures >= FAILURES;
    if locked {
        let forgiven = locked_until.is_some_and(|u| u < db_time(now - FORGIVEN_AFTER));
        let locks = if forgiven { 1 } else { locks + 1 };
        // The lock starts a fresh count: after it, the pair gets its attempts again.
        sqlx::query(
            "UPDATE login_failures SET locked_until = ?3, locks = ?4, failures = 0, first_failed_at = ?5
             WHERE username = ?1 AND address = ?2",
        )
        .bind(key(username))
        .bind(address)
        .bind(db_time(now + lock_length(locks)))
        .bind(locks)
        .bind(&now_text)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(locked)
}

/// A correct password forgets the pair's failures.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn clear(db: &Db, username: &str, address: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE username = ? AND address = ?")
        .bind(key(username))
        .bind(address)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Forgets pairs whose failures are over and whose last lock was long enough ago to be forgiven.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn forget_old(db: &Db, now: NaiveDateTime) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "DELETE FROM login_failures
         WHERE first_failed_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)",
    )
    .bind(db_time(now - WINDOW))
    .bind(db_time(now - FORGIVEN_AFTER))
    .execute(&db.write)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lock_is_twice_the_last_up_to_a_day() {
        assert_eq!(lock_length(1), TimeDelta::minutes(15));
        assert_eq!(lock_length(2), TimeDelta::minutes(30));
        assert_eq!(lock_length(4), TimeDelta::hours(2));
        assert_eq!(lock_length(8), TimeDelta::hours(24));
        assert_eq!(lock_length(1000), TimeDelta::hours(24));
    }
}
