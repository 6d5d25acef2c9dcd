use chrono::TimeDelta;

use super::token::{random_token, token_hash};
use crate::{
    clock::{db_time, now_local},
    db::Db,
    StoreError,
};

/// Starts a login session and returns the token for the cookie.
pub async fn create(db: &Db, user_id: i64, hours: i64) -> Result<String, StoreError> {
    let token = random_token();
    let now = now_local();
    sqlx::query("INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(db_time(now))
        .bind(db_time(now + TimeDelta::hours(hours)))
        .execute(&db.write)
        .await?;
    Ok(token)
}

/// The user a live, unexpired session belongs to.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT s.user_id FROM auth_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
    )
    .bind(token_hash(token))
    .bind(db_time(now_local()))
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map(|r| r.0))
}

pub async fn delete(db: &Db, token: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM auth_sessions WHERE token_hash = ?")
        .bind(token_hash(token))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Ends every session of a user except the one given (after a password change).
pub async fn delete_others(db: &Db, user_id: i64, keep_token: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM auth_sessions WHERE user_id = ? AND token_hash <> ?")
        .bind(user_id)
        .bind(token_hash(keep_token))
        .execute(&db.write)
        .await?;
    Ok(())
}
