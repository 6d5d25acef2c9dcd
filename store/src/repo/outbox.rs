//! The outbox of messages (confirmation, waiting list, promotion, reminder, change, cancellation,
//! results, overdue notices, look-up codes): written in the same transaction as the change they
//! announce, delivered later by whichever sender the deployment configures.

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
    /// None only for a look-up code, which belongs to no session.
    pub session_id: Option<i64>,
    pub registration_id: Option<i64>,
    /// The number now; None when erased or never given (nothing will be sent).
    pub recipient: Option<String>,
    /// The language its text is written in.
    pub lang: Lang,
    /// The suggestion an overdue notice is about.
    pub outcome_id: Option<i64>,
    pub message: Message,
}

impl Owed {
    /// `message` to the holder of a registration: its id, number and language as stored.
    pub fn to_registration(
        session_id: i64,
        (id, mobile, lang): (i64, Option<String>, String),
        message: Message,
    ) -> Self {
        Self {
            session_id: Some(session_id),
            registration_id: Some(id),
            recipient: mobile,
            lang: Lang::from_code(&lang).unwrap_or_default(),
            outcome_id: None,
            message,
        }
    }
}

/// Queues messages in one statement, inside the caller's transaction: the one place the outbox
/// is written. The message is kept whole, to be written out when it is sent (with the link);
/// `body` holds its text as it reads without the link, for the log and for staff.
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
            Ok((
                o.session_id,
                o.registration_id,
                o.message.kind().code(),
                o.recipient.as_deref(),
                o.message.text(o.lang, None),
                o.message
                    .params(o.lang, None)
                    .into_iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
                json_list(&o.message)?,
                o.lang.code(),
                o.outcome_id,
            ))
        })
        .collect::<Result<_, StoreError>>()?;
    sqlx::query(
        "INSERT INTO messages (session_id, registration_id, kind, recipient, body, params, message, lang,
                               outcome_id, created_at)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value -> 5,
                j.value ->> 6, j.value ->> 7, j.value ->> 8, ?2
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
    let holders: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT id, mobile, lang FROM registrations
         WHERE session_id = ? AND state IN ('registered', 'waitlisted')",
    )
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?;
    queue(conn, &to_each(session_id, holders, message), now).await
}

/// How long after a session its attendees are still told that its results are out: minutes
/// written up (or imported) months later are news to no one.
const RESULTS_TOLD_WITHIN: TimeDelta = TimeDelta::days(30);

/// Tells everyone who attended a session whose results are on record, once each, with the link
/// to their registration's page (the results and the rating form). Attendance recorded later is
/// told at the next save.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue_results(
    conn: &mut SqliteConnection,
    session_id: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let title: Option<String> = sqlx::query_scalar(
        "SELECT title FROM sessions
         WHERE id = ? AND status IN ('concluded', 'closed', 'reviewed') AND ends_at > ?",
    )
    .bind(session_id)
    .bind(db_time(now - RESULTS_TOLD_WITHIN))
    .fetch_optional(&mut *conn)
    .await?;
    let Some(title) = title else {
        return Ok(());
    };
    let attended = not_yet_told(conn, session_id, "attended", MessageKind::Results).await?;
    queue(
        conn,
        &to_each(session_id, attended, &Message::Results { title }),
        now,
    )
    .await
}

/// The registrations of a session in `state`, with a number, not yet sent a message of `kind`:
/// id, number and language.
async fn not_yet_told(
    conn: &mut SqliteConnection,
    session_id: i64,
    state: &str,
    kind: MessageKind,
) -> Result<Vec<(i64, Option<String>, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.mobile, r.lang FROM registrations r
         WHERE r.session_id = ?1 AND r.state = ?2 AND r.mobile IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.registration_id = r.id AND m.kind = ?3)",
    )
    .bind(session_id)
    .bind(state)
    .bind(kind.code())
    .fetch_all(&mut *conn)
    .await?)
}

/// `message` owed to each registration (id, number and language) of a session.
pub fn to_each(
    session_id: i64,
    registrations: Vec<(i64, Option<String>, String)>,
    message: &Message,
) -> Vec<Owed> {
    registrations
        .into_iter()
        .map(|r| Owed::to_registration(session_id, r, message.clone()))
        .collect()
}

/// A message waiting to be sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pending {
    pub id: i64,
    pub kind: MessageKind,
    /// None once the retention period erased the number: such a message is never sent.
    pub recipient: Option<String>,
    /// Its text as queued, without the link; replaced by the text to send (see [`Pending::written`]).
    pub body: String,
    /// Tries so far.
    pub attempts: i64,
    /// The named values of its template, as a JSON object (see `Message::params`).
    pub params: String,
    /// The message whole (JSON), for messages queued since it is kept.
    pub message: Option<String>,
    pub lang: String,
    pub session_id: Option<i64>,
    /// The code of the registration it is about, which its link opens.
    pub code: Option<String>,
}

impl Pending {
    /// The page a message's link opens: the registration's own page (its code, its results and
    /// the rating), or for an overdue notice, the session's results.
    pub fn path(&self) -> Option<String> {
        match (&self.code, self.kind, self.session_id) {
            (Some(code), _, _) => Some(format!("/r/{code}")),
            (None, MessageKind::Overdue, Some(session)) => {
                Some(format!("/sessions/{session}/results"))
            }
            _ => None,
        }
    }

    /// The message as it is sent: its text and template values written in its language, with
    /// `base` (the deployment's public address) and the path as its link. A message queued
    /// before messages were kept whole goes as its text stands.
    pub fn written(mut self, base: Option<&str>) -> Self {
        let Some(message) = self
            .message
            .as_deref()
            .and_then(|m| serde_json::from_str::<Message>(m).ok())
        else {
            return self;
        };
        let lang = Lang::from_code(&self.lang).unwrap_or_default();
        let link = base
            .zip(self.path())
            .map(|(base, path)| format!("{}{path}", base.trim_end_matches('/')));
        self.body = message.text(lang, link.as_deref());
        let params: std::collections::BTreeMap<_, _> =
            message.params(lang, link.as_deref()).into_iter().collect();
        self.params = serde_json::to_string(&params).unwrap_or_else(|_| "{}".to_owned());
        self
    }
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
        let due = not_yet_told(&mut tx, id, "registered", MessageKind::Reminder).await?;
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
        "SELECT m.id, m.kind, m.recipient, m.body, m.attempts, m.params, m.message, m.lang, m.session_id,
                r.code
         FROM messages m LEFT JOIN registrations r ON r.id = m.registration_id
         WHERE m.state IN ('queued', 'failed') AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?1)
         ORDER BY m.id LIMIT ?2",
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
