//! Signing up and cancelling. Every step runs in one transaction on the single write
//! connection, so writers are serialised: the seat count read inside the transaction is the
//! count the insert relies on, and a session never takes more sign-ups than seats.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDateTime;
use sqlx::SqliteConnection;

use super::{
    organizing::{audit_attendance, AttendanceEntry},
    outbox::{self, Owed},
    StoreError,
};
use crate::{clock::db_time, db::Db};
use model::{
    domain::{Mobile, PersonName, RegistrationCode, RegistrationRole, RegistrationState},
    messages::Message,
};

/// A resident's (or member's) request for a place.
#[derive(Debug, Clone)]
pub struct SignUpRequest {
    pub session_id: i64,
    pub name: PersonName,
    pub mobile: Mobile,
    pub role: RegistrationRole,
    /// A signed-in member: their account and level when they take part.
    pub member: Option<(i64, model::domain::MemberLevel)>,
    /// The key of the browser signing up (`backend::device`), if it sent its cookie.
    pub device: Option<String>,
    /// The language the resident reads the site in: their messages are written in it.
    pub lang: model::i18n::Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignUpOutcome {
    Registered(String),
    Waitlisted(String),
    /// This browser (or this signed-in member) already holds a place, or a waiting-list place,
    /// for this session with the same number.
    Existing(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUpRefusal {
    NoSuchSession,
    Cancelled,
    DeadlinePassed,
    /// Not published, or already started.
    NotOpen,
    RoleNotInvited,
    /// The number holds a place made elsewhere: its code, name and state stay its holder's.
    NumberTaken,
}

/// A fresh random code; callers redraw on the rare clash with a stored one.
pub fn new_code() -> RegistrationCode {
    RegistrationCode::from_number(OsRng.next_u64())
}

/// What a sign-up comes to: done (or already done), refused, or a storage failure.
pub type SignUpResult = Result<Result<SignUpOutcome, SignUpRefusal>, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled,
    AlreadyCancelled,
    /// The session has started or is over; attendance is the organizer's to record now.
    TooLate,
}

/// Cancels a registration by its code; a freed seat goes to the first person waiting.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel(
    db: &Db,
    code: &RegistrationCode,
    now: NaiveDateTime,
) -> Result<CancelOutcome, StoreError> {
    cancel_in(db, None, code, now).await
}

/// Cancels a registration of `session_id` for its organizers (a place squatted with typed
/// numbers); a code of another session is not found.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel_for_organizer(
    db: &Db,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    now: NaiveDateTime,
) -> Result<CancelOutcome, StoreError> {
    cancel_in(db, Some((session_id, by)), code, now).await
}

/// Cancels a registration: the resident's own (`organizer` none), or one an organizer clears
/// from their session (`organizer` is the session and who cleared it, which is audited).
async fn cancel_in(
    db: &Db,
    organizer: Option<(i64, i64)>,
    code: &RegistrationCode,
    now: NaiveDateTime,
) -> Result<CancelOutcome, StoreError> {
    let only_session = organizer.map(|(session, _)| session);
    let mut tx = db.write.begin().await?;
    let (id, session_id, state, starts_at): (i64, i64, RegistrationState, NaiveDateTime) = sqlx::query_as(
        "SELECT r.id, r.session_id, r.state, s.starts_at FROM registrations r JOIN sessions s ON s.id = r.session_id
         WHERE r.code = ?1 AND (?2 IS NULL OR r.session_id = ?2)",
    )
    .bind(code.as_str())
    .bind(only_session)
    .fetch_one(&mut *tx)
    .await?;
    if state == RegistrationState::Cancelled {
        return Ok(CancelOutcome::AlreadyCancelled);
    }
    if now >= starts_at
        || !matches!(
            state,
            RegistrationState::Registered | RegistrationState::Waitlisted
        )
    {
        return Ok(CancelOutcome::TooLate);
    }
    sqlx::query("UPDATE registrations SET state = 'cancelled', updated_at = ? WHERE id = ?")
        .bind(db_time(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if let Some((_, by)) = organizer {
        let before = AttendanceEntry::state(session_id, state);
        let after = AttendanceEntry::state(session_id, RegistrationState::Cancelled);
        audit_attendance(&mut tx, by, id, Some(&before), &after).await?;
    }
    if state == RegistrationState::Registered {
        promote_waiting(&mut tx, session_id, now).await?;
    }
    tx.commit().await?;
    Ok(CancelOutcome::Cancelled)
}

/// Moves people from the waiting list, first come first served, while seats are free.
async fn promote_waiting(
    conn: &mut SqliteConnection,
    session_id: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let (free, title): (i64, String) =
        sqlx::query_as("SELECT seats - seats_taken, title FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_one(&mut *conn)
            .await?;
    let waiting: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, code, mobile, lang FROM registrations WHERE session_id = ? AND state = 'waitlisted'
         ORDER BY created_at, id LIMIT ?",
    )
    .bind(session_id)
    .bind(free.max(0))
    .fetch_all(&mut *conn)
    .await?;
    let mut owed = Vec::with_capacity(waiting.len());
    for (id, code, mobile, lang) in waiting {
        sqlx::query("UPDATE registrations SET state = 'registered', updated_at = ? WHERE id = ?")
            .bind(db_time(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        owed.push(Owed::to_registration(
            session_id,
            (id, mobile, lang),
            Message::Promoted {
                title: title.clone(),
                code,
            },
        ));
    }
    outbox::queue(conn, &owed, now).await
}

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    id: i64,
    session_id: i64,
    code: String,
    name: String,
    mobile: Option<String>,
    role: model::domain::RegistrationRole,
    state: RegistrationState,
    created_at: NaiveDateTime,
}

/// A registration's own page, by its code.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn view(
    db: &Db,
    code: &RegistrationCode,
) -> Result<Option<model::views::sessions::RegistrationView>, StoreError> {
    let row: Option<RegistrationRow> = sqlx::query_as(
        "SELECT id, session_id, code, name, mobile, role, state, created_at FROM registrations WHERE code = ?",
    )
    .bind(code.as_str())
    .fetch_optional(&db.read)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let waiting_position = if row.state == RegistrationState::Waitlisted {
        Some(
            sqlx::query_scalar(
                "SELECT count(*) + 1 FROM registrations WHERE session_id = ?1 AND state = 'waitlisted'
                 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3))",
            )
            .bind(row.session_id)
            .bind(db_time(row.created_at))
            .bind(row.id)
            .fetch_one(&db.read)
            .await?,
        )
    } else {
        None
    };
    let session = super::sessions::card(db, row.session_id).await?;
    Ok(Some(model::views::sessions::RegistrationView {
        notice: None,
        results_published: super::reviews::has_outcome(session.status),
        rating: super::reviews::rating_of(db, code).await?,
        qr_svg: String::new(),
        code: row.code,
        name: row.name,
        mobile_masked: row.mobile.as_deref().map(model::domain::mask_mobile),
        role: row.role,
        state: row.state,
        waiting_position,
        session,
    }))
}
