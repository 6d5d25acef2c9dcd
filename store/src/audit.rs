use serde::Serialize;
use sqlx::SqliteConnection;

use crate::{clock::now_db, StoreError};

/// Records who changed what, with the record before and after, inside the caller's transaction
/// so that a change and its audit entry land together or not at all. `user_id` is none for a
/// change made without an account (a resident's topic).
pub async fn record<B: Serialize, A: Serialize>(
    conn: &mut SqliteConnection,
    user_id: impl Into<Option<i64>>,
    entity: &str,
    entity_id: i64,
    action: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_db())
    .bind(user_id.into())
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(before.and_then(|b| serde_json::to_string(b).ok()))
    .bind(after.and_then(|a| serde_json::to_string(a).ok()))
    .execute(conn)
    .await?;
    Ok(())
}
