//! How a session's messages are getting on, and trying a failed one again.

use super::StoreError;
use crate::db::Db;
use model::{
    domain::mask_mobile,
    messages::{DeliveryState, MessageKind},
    views::delivery::{SessionDelivery, StuckMessage},
};

/// The most messages in trouble listed.
const STUCK_SHOWN: i64 = 50;

/// Counts by kind and state, and the latest failed or given-up messages (numbers masked).
/// `channel`: whether a real channel delivers them, for the page to say so.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(
    db: &Db,
    session_id: i64,
    channel: bool,
) -> Result<SessionDelivery, StoreError> {
    let counts: Vec<(MessageKind, DeliveryState, i64)> = sqlx::query_as(
        "SELECT kind, state, count(*) FROM messages WHERE session_id = ? GROUP BY kind, state
         ORDER BY kind, state",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?;
    let mut stuck: Vec<StuckMessage> = sqlx::query_as(
        "SELECT id, kind, state, coalesce(recipient, '') AS recipient, attempts, last_error FROM messages
         WHERE session_id = ? AND state IN ('failed', 'given_up') ORDER BY id DESC LIMIT ?",
    )
    .bind(session_id)
    .bind(STUCK_SHOWN)
    .fetch_all(&db.read)
    .await?;
    for m in &mut stuck {
        m.recipient = mask_mobile(&m.recipient);
    }
    Ok(SessionDelivery {
        counts,
        stuck,
        channel,
    })
}

/// Puts a failed or given-up message of the session back in the queue, to be tried at once with
/// its full schedule of retries. True when it is queued now (a second press finds it queued
/// already); false when there is no such message, or no number to send it to.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn retry(db: &Db, session_id: i64, message_id: i64) -> Result<bool, StoreError> {
    sqlx::query(
        "UPDATE messages SET state = 'queued', attempts = 0, next_attempt_at = NULL
         WHERE id = ? AND session_id = ? AND state IN ('failed', 'given_up') AND recipient IS NOT NULL",
    )
    .bind(message_id)
    .bind(session_id)
    .execute(&db.write)
    .await?;
    let queued: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM messages WHERE id = ? AND session_id = ? AND state = 'queued'",
    )
    .bind(message_id)
    .bind(session_id)
    .fetch_optional(&db.write)
    .await?;
    Ok(queued.is_some())
}

/// Where the confirmation (or waiting-list notice) of the registration with `code` stands, for
/// its holder.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn first_notice(db: &Db, code: &str) -> Result<Option<DeliveryState>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT m.state FROM messages m JOIN registrations r ON r.id = m.registration_id
         WHERE r.code = ? AND m.kind IN ('confirmation', 'waitlisted') ORDER BY m.id LIMIT 1",
    )
    .bind(code)
    .fetch_optional(&db.read)
    .await?)
}
