//! Signing up and cancelling. Every step runs in one transaction on the single write
//! connection, so writers are serialised: the seat count read inside the transaction is the
//! count the insert relies on, and a session never takes more sign-ups than seats.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDateTime;
use sqlx::SqliteConnection;

use super::StoreError;
use crate::{
    backend::{clock::db_time, db::Db},
    domain::{
        Mobile, PersonName, RegistrationCode, RegistrationRole, RegistrationState, SessionStatus,
    },
};

/// A resident's (or member's) request for a place.
#[derive(Debug, Clone)]
pub struct SignUpRequest {
    pub session_id: i64,
    pub name: PersonName,
    pub mobile: Mobile,
    pub role: RegistrationRole,
    /// A signed-in member: their account and level when they take part.
    pub member: Option<(i64, crate::domain::MemberLevel)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignUpOutcome {
    Registered(String),
    Waitlisted(String),
    /// The same number already holds a place (or a waiting-list place) for this session.
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
}

#[derive(sqlx::FromRow)]
struct SessionGate {
    status: SessionStatus,
    seats: i64,
    /// The seats held: registrations that are not walk-ins and are registered, attended, absent
    /// or on leave, counted by migration 8's triggers as they change.
    seats_taken: i64,
    signup_deadline: NaiveDateTime,
    starts_at: NaiveDateTime,
    audience: String,
    title: String,
    place: String,
}

/// A fresh random code; callers redraw on the rare clash with a stored one.
pub fn new_code() -> RegistrationCode {
    RegistrationCode::from_number(OsRng.next_u64())
}

async fn queue_message(
    conn: &mut SqliteConnection,
    session_id: i64,
    registration_id: i64,
    kind: &str,
    recipient: Option<&str>,
    body: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO messages (session_id, registration_id, kind, recipient, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(session_id)
    .bind(registration_id)
    .bind(kind)
    .bind(recipient)
    .bind(body)
    .bind(db_time(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What a sign-up comes to: done (or already done), refused, or a storage failure.
pub type SignUpResult = Result<Result<SignUpOutcome, SignUpRefusal>, StoreError>;

/// Signs up, or hands back the registration this number already has. A full session puts the
/// person on the waiting list. Sign-ups arriving together are committed together (see
/// `backend::sign_up_queue`); this returns once this one is durable.
pub async fn sign_up(db: &Db, req: &SignUpRequest, now: NaiveDateTime) -> SignUpResult {
    db.sign_ups.submit(req.clone(), now).await
}

/// One sign-up inside the caller's transaction: reads the seats taken and writes the
/// registration and its message, or refuses having written nothing.
pub(crate) async fn sign_up_in(
    tx: &mut SqliteConnection,
    req: &SignUpRequest,
    now: NaiveDateTime,
) -> SignUpResult {
    let gate: Option<SessionGate> = sqlx::query_as(
        "SELECT status, seats, seats_taken, signup_deadline, starts_at, audience, title, place
         FROM sessions WHERE id = ?",
    )
    .bind(req.session_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(gate) = gate else {
        return Ok(Err(SignUpRefusal::NoSuchSession));
    };
    match gate.status {
        SessionStatus::Cancelled => return Ok(Err(SignUpRefusal::Cancelled)),
        SessionStatus::Published => {}
        SessionStatus::Draft => return Ok(Err(SignUpRefusal::NoSuchSession)),
        _ => return Ok(Err(SignUpRefusal::NotOpen)),
    }
    if now >= gate.starts_at {
        return Ok(Err(SignUpRefusal::NotOpen));
    }
    if now > gate.signup_deadline {
        return Ok(Err(SignUpRefusal::DeadlinePassed));
    }
    if gate.audience == "invited_roles" {
        let invited: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM session_roles WHERE session_id = ? AND role = ?)",
        )
        .bind(req.session_id)
        .bind(req.role)
        .fetch_one(&mut *tx)
        .await?;
        if !invited {
            return Ok(Err(SignUpRefusal::RoleNotInvited));
        }
    }
    let existing: Option<(i64, String, RegistrationState)> = sqlx::query_as(
        "SELECT id, code, state FROM registrations WHERE session_id = ? AND mobile = ?",
    )
    .bind(req.session_id)
    .bind(req.mobile.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let seat_free = gate.seats_taken < gate.seats;
    let state = if seat_free {
        RegistrationState::Registered
    } else {
        RegistrationState::Waitlisted
    };
    let (id, code) = match existing {
        Some((_, code, s)) if s != RegistrationState::Cancelled => {
            return Ok(Ok(SignUpOutcome::Existing(code)));
        }
        // Signing up again after cancelling brings the same registration back.
        Some((id, code, _)) => {
            // It queues anew: the waiting list goes by the time of this sign-up.
            sqlx::query(
                "UPDATE registrations SET state = ?, name = ?, role = ?, created_at = ?, updated_at = ? WHERE id = ?",
            )
            .bind(state)
            .bind(req.name.as_str())
            .bind(req.role)
            .bind(db_time(now))
            .bind(db_time(now))
            .bind(id)
                .execute(&mut *tx)
                .await?;
            (id, code)
        }
        None => insert(tx, req, state, now).await?,
    };
    let (kind, body) = match state {
        RegistrationState::Registered => (
            "confirmation",
            format!(
                "【议事通】您已报名“{}”，{}，地点：{}。报名码 {code}。",
                gate.title,
                db_time(gate.starts_at),
                gate.place
            ),
        ),
        _ => (
            "waitlisted",
            format!(
                "【议事通】“{}”名额已满，您已进入候补名单，有空位时将通知您。报名码 {code}。",
                gate.title
            ),
        ),
    };
    queue_message(
        tx,
        req.session_id,
        id,
        kind,
        Some(req.mobile.as_str()),
        &body,
        now,
    )
    .await?;
    Ok(Ok(match state {
        RegistrationState::Registered => SignUpOutcome::Registered(code),
        _ => SignUpOutcome::Waitlisted(code),
    }))
}

async fn insert(
    conn: &mut SqliteConnection,
    req: &SignUpRequest,
    state: RegistrationState,
    now: NaiveDateTime,
) -> Result<(i64, String), StoreError> {
    // A fresh random code; on the rare collision with an existing one, draw again.
    for _ in 0..8 {
        let code = new_code();
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO registrations (session_id, code, name, mobile, role, member_user_id, member_level, state,
                 created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(req.session_id)
        .bind(code.as_str())
        .bind(req.name.as_str())
        .bind(req.mobile.as_str())
        .bind(req.role)
        .bind(req.member.map(|m| m.0))
        .bind(req.member.map(|m| m.1))
        .bind(state)
        .bind(db_time(now))
        .bind(db_time(now))
        .fetch_one(&mut *conn)
        .await;
        match inserted {
            Ok(id) => return Ok((id, code.as_str().to_owned())),
            Err(sqlx::Error::Database(d))
                if d.is_unique_violation() && d.message().contains("code") =>
            {
                continue
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict("no free registration code".into()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled,
    AlreadyCancelled,
    /// The session has started or is over; attendance is the organizer's to record now.
    TooLate,
}

/// Cancels a registration by its code; a freed seat goes to the first person waiting.
pub async fn cancel(
    db: &Db,
    code: &RegistrationCode,
    now: NaiveDateTime,
) -> Result<CancelOutcome, StoreError> {
    let mut tx = db.write.begin().await?;
    let (id, session_id, state, starts_at): (i64, i64, RegistrationState, NaiveDateTime) = sqlx::query_as(
        "SELECT r.id, r.session_id, r.state, s.starts_at FROM registrations r JOIN sessions s ON s.id = r.session_id
         WHERE r.code = ?",
    )
    .bind(code.as_str())
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
    let waiting: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, code, mobile FROM registrations WHERE session_id = ? AND state = 'waitlisted'
         ORDER BY created_at, id LIMIT ?",
    )
    .bind(session_id)
    .bind(free.max(0))
    .fetch_all(&mut *conn)
    .await?;
    for (id, code, mobile) in waiting {
        sqlx::query("UPDATE registrations SET state = 'registered', updated_at = ? WHERE id = ?")
            .bind(db_time(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let body = format!("【议事通】“{title}”有空位，您已由候补转为正式报名。报名码 {code}。");
        queue_message(
            conn,
            session_id,
            id,
            "promoted",
            mobile.as_deref(),
            &body,
            now,
        )
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    id: i64,
    session_id: i64,
    code: String,
    name: String,
    mobile: Option<String>,
    role: crate::domain::RegistrationRole,
    state: RegistrationState,
    created_at: NaiveDateTime,
}

/// A registration's own page, by its code.
pub async fn view(
    db: &Db,
    code: &RegistrationCode,
) -> Result<Option<crate::api::registrations::RegistrationView>, StoreError> {
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
    Ok(Some(crate::api::registrations::RegistrationView {
        results_published: super::reviews::has_outcome(session.status),
        rating: super::reviews::rating_of(db, code).await?,
        qr_svg: crate::backend::qr::svg(&row.code, 180),
        code: row.code,
        name: row.name,
        mobile_masked: row.mobile.as_deref().map(crate::domain::mask_mobile),
        role: row.role,
        state: row.state,
        waiting_position,
        session,
    }))
}
