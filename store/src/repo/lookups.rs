//! 查询我的报名: a resident proves a number with a one-time code sent to it, then sees the
//! number's registrations for a while. The browser holds a random token (in a cookie); the
//! database keeps only its SHA-256 and the code's. Whether the number has registrations never
//! changes what the asker is told before the code is proven: a number without any gets no text,
//! and the same page.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{NaiveDateTime, TimeDelta};

use super::{
    outbox::{self, Owed},
    StoreError,
};
use crate::{
    auth::{random_token, token_hash},
    clock::db_time,
    db::Db,
};
use model::{
    domain::{mask_mobile, Mobile},
    i18n::Lang,
    messages::{Message, LOOKUP_CODE_MINUTES},
    views::lookup::{FoundRegistration, LookupStep},
};

/// Wrong codes one look-up takes before its code is spent: a guess in 200,000.
pub const MAX_TRIES: i64 = 5;
/// How long a proven number's registrations are shown before the code is asked again.
pub const PROVEN_FOR: TimeDelta = TimeDelta::minutes(30);
/// A look-up's row (and its number) is deleted this long after it was made.
const KEPT_FOR: TimeDelta = TimeDelta::days(1);
/// Registrations of sessions that ended longer ago than this are not listed: what is left to do
/// with them (the results, the rating) is done.
const LISTED_AFTER_END: TimeDelta = TimeDelta::days(30);

/// A one-time code: six digits.
fn new_code() -> String {
    format!("{:06}", OsRng.next_u32() % 1_000_000)
}

/// What is stored for a code: bound to its look-up's token, so equal codes of two look-ups
/// hash apart.
fn code_hash(token: &str, code: &str) -> String {
    token_hash(&format!("{token}:{code}"))
}

/// Starts a look-up of `mobile`: queues its code to the number when the number has
/// registrations to show, and returns the token the browser keeps.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn start(
    db: &Db,
    mobile: &Mobile,
    lang: Lang,
    now: NaiveDateTime,
) -> Result<String, StoreError> {
    let token = random_token();
    let code = new_code();
    let mut tx = db.write.begin().await?;
    let listed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM registrations r JOIN sessions s ON s.id = r.session_id
                        WHERE r.mobile = ? AND r.state <> 'cancelled' AND s.ends_at > ?)",
    )
    .bind(mobile.as_str())
    .bind(db_time(now - LISTED_AFTER_END))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO number_lookups (token_hash, mobile, code_hash, lang, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(mobile.as_str())
    .bind(code_hash(&token, &code))
    .bind(lang.code())
    .bind(db_time(now))
    .bind(db_time(now + TimeDelta::minutes(LOOKUP_CODE_MINUTES)))
    .execute(&mut *tx)
    .await?;
    if listed {
        let owed = Owed {
            session_id: None,
            registration_id: None,
            recipient: Some(mobile.as_str().to_owned()),
            lang,
            outcome_id: None,
            message: Message::LookupCode { code },
        };
        outbox::queue(&mut tx, &[owed], now).await?;
    }
    tx.commit().await?;
    Ok(token)
}

/// What a typed code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    Proven,
    /// Wrong; this many tries are left.
    Wrong {
        left: i64,
    },
    /// Expired, used, tried too often, or no such look-up: a new code is needed.
    Spent,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    mobile: String,
    code_hash: String,
    attempts: i64,
    expires_at: NaiveDateTime,
    proven_at: Option<NaiveDateTime>,
}

async fn row(db: &Db, token: &str) -> Result<Option<Row>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, mobile, code_hash, attempts, expires_at, proven_at FROM number_lookups
         WHERE token_hash = ?",
    )
    .bind(token_hash(token))
    .fetch_optional(&db.write)
    .await?)
}

impl Row {
    fn open(&self, now: NaiveDateTime) -> bool {
        self.proven_at.is_none() && now < self.expires_at && self.attempts < MAX_TRIES
    }
}

/// Checks a typed code against the look-up `token` names. A right code proves the number once:
/// typed again, it is spent.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn prove(
    db: &Db,
    token: &str,
    code: &str,
    now: NaiveDateTime,
) -> Result<Proof, StoreError> {
    // Read and written on the single writer, so two posts of one code cannot both prove it.
    let mut tx = db.write.begin().await?;
    let found: Option<Row> = sqlx::query_as(
        "SELECT id, mobile, code_hash, attempts, expires_at, proven_at FROM number_lookups
         WHERE token_hash = ?",
    )
    .bind(token_hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = found.filter(|r| r.open(now)) else {
        return Ok(Proof::Spent);
    };
    let proof = if code_hash(token, code.trim()) == row.code_hash {
        sqlx::query("UPDATE number_lookups SET proven_at = ? WHERE id = ?")
            .bind(db_time(now))
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        Proof::Proven
    } else {
        sqlx::query("UPDATE number_lookups SET attempts = attempts + 1 WHERE id = ?")
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        match MAX_TRIES - row.attempts - 1 {
            0 => Proof::Spent,
            left => Proof::Wrong { left },
        }
    };
    tx.commit().await?;
    Ok(proof)
}

/// Where the look-up `token` names stands at `now`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn step(db: &Db, token: &str, now: NaiveDateTime) -> Result<LookupStep, StoreError> {
    let Some(row) = row(db, token).await? else {
        return Ok(LookupStep::Ask);
    };
    let masked = mask_mobile(&row.mobile);
    Ok(match row.proven_at {
        Some(at) if now < at + PROVEN_FOR => LookupStep::Found {
            registrations: found(db, Holder::Number(&row.mobile), now).await?,
            masked,
        },
        _ if row.open(now) => LookupStep::Code { masked },
        _ => LookupStep::Ask,
    })
}

/// Who a list of registrations belongs to.
#[derive(Clone, Copy)]
enum Holder<'a> {
    Number(&'a str),
    /// The key of a browser's device cookie.
    Device(&'a str),
}

/// A holder's registrations worth listing (not cancelled, their session not long over), latest
/// first.
async fn found(
    db: &Db,
    holder: Holder<'_>,
    now: NaiveDateTime,
) -> Result<Vec<FoundRegistration>, StoreError> {
    let (column, key) = match holder {
        Holder::Number(mobile) => ("r.mobile", mobile),
        Holder::Device(device) => ("r.device_hash", device),
    };
    Ok(sqlx::query_as(&format!(
        "SELECT r.code, r.state, s.id AS session_id, s.title, s.starts_at, s.place
         FROM registrations r JOIN sessions s ON s.id = r.session_id
         WHERE {column} = ? AND r.state <> 'cancelled' AND s.ends_at > ?
         ORDER BY s.starts_at DESC LIMIT 50"
    ))
    .bind(key)
    .bind(db_time(now - LISTED_AFTER_END))
    .fetch_all(&db.read)
    .await?)
}

/// The registrations made from one browser (`device`, the key of its cookie) worth listing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_device(
    db: &Db,
    device: &str,
    now: NaiveDateTime,
) -> Result<Vec<FoundRegistration>, StoreError> {
    found(db, Holder::Device(device), now).await
}

/// Gives up codes not sent while they could still be used; deletes look-ups made over a day
/// ago, and blanks their texts in the outbox (number and code): neither is of use any more.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn tidy(db: &Db, now: NaiveDateTime) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE messages SET state = 'given_up', last_error = 'expired', next_attempt_at = NULL
         WHERE kind = 'lookup_code' AND state IN ('queued', 'failed') AND created_at < ?1;
         DELETE FROM number_lookups WHERE created_at < ?2;
         UPDATE messages SET recipient = NULL, body = '', params = '{}', message = NULL
         WHERE kind = 'lookup_code' AND created_at < ?2 AND (recipient IS NOT NULL OR message IS NOT NULL)",
    )
    .bind(db_time(now - TimeDelta::minutes(LOOKUP_CODE_MINUTES)))
    .bind(db_time(now - KEPT_FOR))
    .execute(&db.write)
    .await?;
    Ok(())
}
