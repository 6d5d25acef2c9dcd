//! The outbox of messages to residents (confirmation, waiting list, promotion, reminder, change,
//! cancellation): written in the same transaction as the change they announce, delivered later
//! by whichever sender the deployment configures.

use chrono::{NaiveDateTime, TimeDelta};

use sqlx::SqliteConnection;

use super::{json_list, StoreError};
use crate::{clock::db_time, db::Db};
use model::{
    i18n::Lang,
    messages::{DeliveryState, Message, MessageKind},
};

/// A message owed to the holder of one registration (or, without one, to a number).
#[derive(Debug, Clone)]
pub struct Owed {
    pub session_id: i64,
    pub registration_id: Option<i64>,
    /// The number now; None when erased or never given (nothing will be sent).
    pub recipient: Option<String>,
    pub message: Message,
}

/// Queues messages in one statement, inside the caller's transaction: the one place the outbox
/// is written, and the one place a message's text is made (in Chinese, the residents' language).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue(
    conn: &mut SqliteConnection,
    owed: &[Owed],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    if owed.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = owed
        .iter()
        .map(|o| {
            (
                o.session_id,
                o.registration_id,
                o.message.kind().code(),
                o.recipient.as_deref(),
                o.message.body(Lang::Zh),
                o.message
                    .params()
                    .into_iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
        })
        .collect();
    sqlx::query(
        "INSERT INTO messages (session_id, registration_id, kind, recipient, body, params, created_at)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value -> 5, ?2
         FROM json_each(?1) j",
    )
    .bind(json_list(&rows)?)
    .bind(db_time(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Queues `message` for everyone holding or waiting for a place in the session.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue_to_holders(
    conn: &mut SqliteConnection,
    session_id: i64,
    message: &Message,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let holders: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT id, mobile FROM registrations
         WHERE session_id = ? AND state IN ('registered', 'waitlisted')",
    )
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?;
    queue(conn, &to_each(session_id, holders, message), now).await
}

/// `message` owed to each registration (id and number) of a session.
fn to_each(
    session_id: i64,
    registrations: Vec<(i64, Option<String>)>,
    message: &Message,
) -> Vec<Owed> {
    registrations
        .into_iter()
        .map(|(id, mobile)| Owed {
            session_id,
            registration_id: Some(id),
            recipient: mobile,
            message: message.clone(),
        })
        .collect()
}

/// A message waiting to be sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pending {
    pub id: i64,
    pub kind: MessageKind,
    /// None once the retention period erased the number: such a message is never sent.
    pub recipient: Option<String>,
    pub body: String,
    /// Tries so far.
    pub attempts: i64,
    /// The named values of its template, as a JSON object (see `Message::params`).
    pub params: String,
}

/// What became of one try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tried {
    /// Accepted by the provider, with its id for the message if it gave one.
    Sent { provider_id: Option<String> },
    /// Failed; tried again from `retry_at`.
    Failed {
        error: String,
        retry_at: NaiveDateTime,
    },
    /// Failed for good (refused, tried too often, or no number): never tried again.
    GivenUp { error: String },
}

/// Queues a reminder for everyone holding a place in a published session that starts within
/// `ahead` of `now`, once per registration. Returns how many were queued.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue_reminders(
    db: &Db,
    now: NaiveDateTime,
    ahead: TimeDelta,
) -> Result<u64, StoreError> {
    let mut tx = db.write.begin().await?;
    let sessions: Vec<(i64, String, NaiveDateTime, String)> = sqlx::query_as(
        "SELECT s.id, s.title, s.starts_at, s.place FROM sessions s
         WHERE s.status = 'published' AND s.starts_at > ? AND s.starts_at <= ?
           AND EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id AND r.state = 'registered'
                         AND r.mobile IS NOT NULL
                         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.registration_id = r.id AND m.kind = 'reminder'))",
    )
    .bind(db_time(now))
    .bind(db_time(now + ahead))
    .fetch_all(&mut *tx)
    .await?;
    let mut queued = 0;
    for (id, title, starts_at, place) in sessions {
        let due: Vec<(i64, Option<String>)> = sqlx::query_as(
            "SELECT r.id, r.mobile FROM registrations r
             WHERE r.session_id = ? AND r.state = 'registered' AND r.mobile IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.registration_id = r.id AND m.kind = 'reminder')",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let message = Message::Reminder {
            title,
            starts_at,
            place,
        };
        let owed = to_each(id, due, &message);
        queue(&mut tx, &owed, now).await?;
        queued += owed.len() as u64;
    }
    tx.commit().await?;
    Ok(queued)
}

/// The oldest unsent messages.
/// The messages due at `now`, oldest first: never tried, or failed and past their pause.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn due(db: &Db, now: NaiveDateTime, limit: i64) -> Result<Vec<Pending>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, kind, recipient, body, attempts, params FROM messages
         WHERE state IN ('queued', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
         ORDER BY id LIMIT ?2",
    )
    .bind(db_time(now))
    .bind(limit)
    .fetch_all(&db.read)
    .await?)
}

/// The longest error kept of a try: a gateway's answer can be long.
const ERROR_CHARS: usize = 200;

/// Records what became of a batch of tries, in one statement: a commit each would take the
/// single writer from sign-ups once per message.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_tries(
    db: &Db,
    tries: &[(i64, Tried)],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    if tries.is_empty() {
        return Ok(());
    }
    let cut = |e: &str| e.chars().take(ERROR_CHARS).collect::<String>();
    let rows: Vec<serde_json::Value> = tries
        .iter()
        .map(|(id, tried)| match tried {
            Tried::Sent { provider_id } => {
                serde_json::json!([id, DeliveryState::Sent.code(), provider_id, null, null])
            }
            Tried::Failed { error, retry_at } => serde_json::json!([
                id,
                DeliveryState::Failed.code(),
                null,
                cut(error),
                db_time(*retry_at)
            ]),
            Tried::GivenUp { error } => {
                serde_json::json!([id, DeliveryState::GivenUp.code(), null, cut(error), null])
            }
        })
        .collect();
    sqlx::query(
        "UPDATE messages SET state = t.value ->> 1, attempts = attempts + 1,
             provider_id = coalesce(t.value ->> 2, provider_id), last_error = t.value ->> 3,
             next_attempt_at = t.value ->> 4,
             sent_at = CASE WHEN t.value ->> 1 = 'sent' THEN ?1 END
         FROM json_each(?2) t WHERE messages.id = t.value ->> 0",
    )
    .bind(db_time(now))
    .bind(super::json_list(&rows)?)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Sessions whose numbers one transaction erases: a few thousand registrations at most, so
/// that sign-ups wait for the single writer a few milliseconds, not seconds.
const ERASE_SESSIONS: i64 = 50;

/// Erases residents' mobile numbers (on registrations and in the outbox), and which browser made
/// each registration, for sessions that ended
/// before `cutoff`, and marks those sessions erased at `now` (migration 9). Names, roles, states
/// and every count stay as they were; members keep theirs on their registrations, which their
/// account holds anyway. Returns how many registrations lost their number.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase_numbers_before(
    db: &Db,
    cutoff: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<u64, StoreError> {
    let mut erased = 0;
    loop {
        let mut tx = db.write.begin().await?;
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM sessions WHERE numbers_erased_at IS NULL AND ends_at < ?
             ORDER BY ends_at LIMIT ?",
        )
        .bind(db_time(cutoff))
        .bind(ERASE_SESSIONS)
        .fetch_all(&mut *tx)
        .await?;
        if due.is_empty() {
            return Ok(erased);
        }
        let ids = super::json_list(&due)?;
        erased += sqlx::query(
            "UPDATE registrations SET mobile = NULL
             WHERE session_id IN (SELECT value FROM json_each(?1))
               AND mobile IS NOT NULL AND member_user_id IS NULL",
        )
        .bind(&ids)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE registrations SET device_hash = NULL
             WHERE session_id IN (SELECT value FROM json_each(?1)) AND device_hash IS NOT NULL;
             UPDATE messages SET recipient = NULL
             WHERE recipient IS NOT NULL AND registration_id IN
                   (SELECT id FROM registrations WHERE session_id IN (SELECT value FROM json_each(?1)));
             UPDATE sessions SET numbers_erased_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))",
        )
        .bind(&ids)
        .bind(db_time(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if due.len() < ERASE_SESSIONS as usize {
            return Ok(erased);
        }
    }
}
