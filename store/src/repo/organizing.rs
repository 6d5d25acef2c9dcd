//! Sessions as organizers handle them: drafts, publishing, cancelling with notices to everyone
//! signed up, the registration list, and check-in at the door.

use chrono::NaiveDateTime;

use super::{outbox, StoreError};
use crate::{audit, clock::db_time, db::Db};
use model::{
    domain::{RegistrationCode, RegistrationState, RequestKey, SessionStatus},
    messages::Message,
    views::organizing::{Attendee, SessionDraft, SessionFields},
};

/// Who hosts a session and where, for the authorization check.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Host {
    pub session_id: i64,
    pub platform_id: i64,
    pub area_path: String,
    pub status: SessionStatus,
    pub title: String,
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn host(db: &Db, session_id: i64) -> Result<Host, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.id AS session_id, s.host_platform_id AS platform_id, a.path AS area_path, s.status, s.title
         FROM sessions s JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = p.area_id
         WHERE s.id = ?",
    )
    .bind(session_id)
    .fetch_one(&db.read)
    .await?)
}

/// Creates a draft at a platform, in the area the platform stands in.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    by: i64,
    platform_id: i64,
    f: &SessionFields,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (host_platform_id, area_id, title, summary, kind, format, format_local_name, place,
             starts_at, ends_at, seats, signup_deadline, checkin_opens_at, checkin_closes_at, audience, status,
             created_by, created_at, updated_at)
         SELECT p.id, p.area_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?
         FROM platforms p WHERE p.id = ? RETURNING id",
    )
    .bind(&f.title)
    .bind(&f.summary)
    .bind(f.kind)
    .bind(f.format)
    .bind(&f.format_local_name)
    .bind(&f.place)
    .bind(db_time(f.time.start()))
    .bind(db_time(f.time.end()))
    .bind(f.seats.get())
    .bind(db_time(f.signup_deadline))
    .bind(db_time(f.checkin_opens_at()))
    .bind(db_time(f.time.end()))
    .bind(audience(f))
    .bind(by)
    .bind(db_time(now))
    .bind(db_time(now))
    .bind(platform_id)
    .fetch_one(&mut *tx)
    .await?;
    write_roles(&mut tx, id, f).await?;
    super::cohosts::write(&mut tx, id, &f.coorganizers).await?;
    audit::record(&mut tx, by, "session", id, "create", None::<&()>, Some(f)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a session's details. If it is published and its time or place moved, everyone holding
/// a place or waiting is told.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    db: &Db,
    by: i64,
    id: i64,
    f: &SessionFields,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    let before: (SessionStatus, NaiveDateTime, String) =
        sqlx::query_as("SELECT status, starts_at, place FROM sessions WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE sessions SET title = ?, summary = ?, kind = ?, format = ?, format_local_name = ?, place = ?,
             starts_at = ?, ends_at = ?, seats = ?, signup_deadline = ?, checkin_opens_at = ?,
             checkin_closes_at = ?, audience = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&f.title)
    .bind(&f.summary)
    .bind(f.kind)
    .bind(f.format)
    .bind(&f.format_local_name)
    .bind(&f.place)
    .bind(db_time(f.time.start()))
    .bind(db_time(f.time.end()))
    .bind(f.seats.get())
    .bind(db_time(f.signup_deadline))
    .bind(db_time(f.checkin_opens_at()))
    .bind(db_time(f.time.end()))
    .bind(audience(f))
    .bind(db_time(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    write_roles(&mut tx, id, f).await?;
    super::cohosts::write(&mut tx, id, &f.coorganizers).await?;
    if before.0 == SessionStatus::Published && (before.1 != f.time.start() || before.2 != f.place) {
        let changed = Message::Changed {
            title: f.title.clone(),
            starts_at: f.time.start(),
            place: f.place.clone(),
        };
        outbox::queue_to_holders(&mut tx, id, &changed, now).await?;
    }
    audit::record(&mut tx, by, "session", id, "update", None::<&()>, Some(f)).await?;
    tx.commit().await?;
    Ok(())
}

fn audience(f: &SessionFields) -> &'static str {
    if f.invited.is_empty() {
        "public"
    } else {
        "invited_roles"
    }
}

/// Replaces the roles a session invites with the form's.
async fn write_roles(
    conn: &mut sqlx::SqliteConnection,
    session_id: i64,
    f: &SessionFields,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM session_roles WHERE session_id = ?")
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    for role in &f.invited {
        sqlx::query("INSERT INTO session_roles (session_id, role) VALUES (?, ?)")
            .bind(session_id)
            .bind(role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn publish(db: &Db, by: i64, id: i64) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE sessions SET status = 'published' WHERE id = ? AND status = 'draft'")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        by,
        "session",
        id,
        "update",
        None::<&()>,
        Some(&serde_json::json!({ "status": "published" })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a session and tells everyone signed up or waiting.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel(
    db: &Db,
    by: i64,
    host: &Host,
    reason: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "UPDATE sessions SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?",
    )
    .bind(reason)
    .bind(db_time(now))
    .bind(host.session_id)
    .execute(&mut *tx)
    .await?;
    let cancelled = Message::Cancelled {
        title: host.title.clone(),
        reason: reason.to_owned(),
    };
    outbox::queue_to_holders(&mut tx, host.session_id, &cancelled, now).await?;
    audit::record(
        &mut tx,
        by,
        "session",
        host.session_id,
        "update",
        None::<&()>,
        Some(&serde_json::json!({ "status": "cancelled", "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everyone signed up, waiting or checked in, in sign-up order (full numbers: the organizer's view).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn attendees(db: &Db, session_id: i64) -> Result<Vec<Attendee>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT code, name, mobile, role, state, walk_in, checked_in_at, leave_reason FROM registrations
         WHERE session_id = ? ORDER BY state = 'cancelled', created_at, id",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?)
}

/// What a check-in at the door came to; each answer names the person where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckIn {
    CheckedIn {
        name: String,
    },
    AlreadyIn {
        name: String,
    },
    /// The code belongs to another session, or to no one.
    UnknownCode,
    /// Cancelled or still waiting: no seat to check in to.
    NoSeat {
        name: String,
    },
    /// Before the session's check-in window opens.
    NotYetOpen,
    /// After the window closed: attendance is recorded on the closing page now.
    Closed,
}

/// When a session's check-in opens and closes.
pub async fn checkin_window(
    db: &Db,
    session_id: i64,
) -> Result<(NaiveDateTime, NaiveDateTime), StoreError> {
    Ok(
        sqlx::query_as("SELECT checkin_opens_at, checkin_closes_at FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_one(&db.read)
            .await?,
    )
}

/// A change to someone's attendance, as the audit log keeps it: the rows behind 参与人次 are the
/// easiest figure to pad, so each check-in, walk-in, absence and cleared place says who made it.
/// Names and numbers stay out: the registration's own row has them.
#[derive(serde::Serialize)]
pub(crate) struct AttendanceEntry<'a> {
    pub(crate) session_id: i64,
    pub(crate) state: RegistrationState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) role: Option<model::domain::RegistrationRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<&'a str>,
}

impl<'a> AttendanceEntry<'a> {
    pub(crate) fn state(session_id: i64, state: RegistrationState) -> Self {
        Self {
            session_id,
            state,
            method: None,
            role: None,
            reason: None,
        }
    }
}

/// Writes an attendance change to the audit log, in the caller's transaction.
pub(crate) async fn audit_attendance(
    conn: &mut sqlx::SqliteConnection,
    by: i64,
    registration_id: i64,
    before: Option<&AttendanceEntry<'_>>,
    after: &AttendanceEntry<'_>,
) -> Result<(), StoreError> {
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(
        conn,
        by,
        "registration",
        registration_id,
        action,
        before,
        Some(after),
    )
    .await
}

/// Checks a person in by their code, for the organizer `by`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check_in(
    db: &Db,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    method: &str,
    now: NaiveDateTime,
) -> Result<CheckIn, StoreError> {
    let mut tx = db.write.begin().await?;
    let (outcome, _) = check_in_on(&mut tx, by, session_id, code, method, now).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Checks in a ticket the desk's camera read at `at`, sent under `key`. Sent again under the same
/// key — the answer was lost, or the scan waited in the desk's offline queue — it gets its first
/// answer back and changes nothing, even if the check-in was taken back in between.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check_in_scanned(
    db: &Db,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    key: &RequestKey,
    at: NaiveDateTime,
) -> Result<CheckIn, StoreError> {
    let mut tx = db.write.begin().await?;
    let sent_before: Option<String> = sqlx::query_scalar(
        "SELECT r.name FROM check_in_requests k JOIN registrations r ON r.id = k.registration_id
         WHERE k.session_id = ? AND k.user_id = ? AND k.request_key = ?",
    )
    .bind(session_id)
    .bind(by)
    .bind(key.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(name) = sent_before {
        return Ok(CheckIn::CheckedIn { name });
    }
    let (outcome, registration) = check_in_on(&mut tx, by, session_id, code, "qr", at).await?;
    if let Some(registration_id) = registration {
        sqlx::query(
            "INSERT INTO check_in_requests (session_id, user_id, request_key, registration_id, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(session_id)
        .bind(by)
        .bind(key.as_str())
        .bind(registration_id)
        .bind(db_time(at))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// A check-in by code at `at` inside the caller's transaction: what came of it, and the
/// registration it checked in when it changed one.
async fn check_in_on(
    tx: &mut sqlx::SqliteConnection,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    method: &str,
    at: NaiveDateTime,
) -> Result<(CheckIn, Option<i64>), StoreError> {
    if let Some(refused) = outside_window(&mut *tx, session_id, at).await? {
        return Ok((refused, None));
    }
    let found: Option<(i64, RegistrationState, String)> = sqlx::query_as(
        "SELECT id, state, name FROM registrations WHERE code = ? AND session_id = ?",
    )
    .bind(code.as_str())
    .bind(session_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(match found {
        None => (CheckIn::UnknownCode, None),
        Some((_, RegistrationState::Attended, name)) => (CheckIn::AlreadyIn { name }, None),
        Some((_, RegistrationState::Cancelled | RegistrationState::Waitlisted, name)) => {
            (CheckIn::NoSeat { name }, None)
        }
        Some((id, before, name)) => {
            sqlx::query(
                "UPDATE registrations SET state = 'attended', checked_in_at = ?, checkin_method = ?, leave_reason = NULL,
                     updated_at = ? WHERE id = ?",
            )
            .bind(db_time(at))
            .bind(method)
            .bind(db_time(at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let after = AttendanceEntry {
                method: Some(method),
                ..AttendanceEntry::state(session_id, RegistrationState::Attended)
            };
            let before = AttendanceEntry::state(session_id, before);
            audit_attendance(&mut *tx, by, id, Some(&before), &after).await?;
            (CheckIn::CheckedIn { name }, Some(id))
        }
    })
}

/// How many are checked in at a session now.
pub async fn attended_count(db: &Db, session_id: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE session_id = ? AND state = 'attended'",
    )
    .bind(session_id)
    .fetch_one(&db.read)
    .await?)
}

/// How long a check-in at the desk can be taken back: long enough to notice the wrong row was
/// tapped, short enough that no count has been read off it.
pub const UNDO_WITHIN: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// The latest check-in at the door (by code, scanned or from a list; not a walk-in) made since `since`:
/// its code and name, for the desk's 撤销.
pub async fn last_check_in(
    db: &Db,
    session_id: i64,
    since: NaiveDateTime,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT code, name FROM registrations
         WHERE session_id = ? AND state = 'attended' AND walk_in = 0 AND checkin_method IN ('code', 'qr')
           AND checked_in_at >= ?
         ORDER BY checked_in_at DESC, id DESC LIMIT 1",
    )
    .bind(session_id)
    .bind(db_time(since))
    .fetch_optional(&db.read)
    .await?)
}

/// Takes back a check-in made at the door within [`UNDO_WITHIN`]: the person holds their place
/// again, not yet come. Returns their name; none when there is no such check-in (too late, a
/// walk-in, or another code).
pub async fn undo_check_in(
    db: &Db,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    now: NaiveDateTime,
) -> Result<Option<String>, StoreError> {
    let mut tx = db.write.begin().await?;
    let undone: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, checkin_method FROM registrations
         WHERE code = ? AND session_id = ? AND state = 'attended' AND walk_in = 0
           AND checkin_method IN ('code', 'qr') AND checked_in_at >= ?",
    )
    .bind(code.as_str())
    .bind(session_id)
    .bind(db_time(now - UNDO_WITHIN))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, name, method)) = undone else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE registrations SET state = 'registered', checked_in_at = NULL, checkin_method = NULL,
             updated_at = ? WHERE id = ?",
    )
    .bind(db_time(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let before = AttendanceEntry {
        method: Some(&method),
        ..AttendanceEntry::state(session_id, RegistrationState::Attended)
    };
    let after = AttendanceEntry::state(session_id, RegistrationState::Registered);
    audit_attendance(&mut tx, by, id, Some(&before), &after).await?;
    tx.commit().await?;
    Ok(Some(name))
}

/// Why a check-in at `now` is refused by the session's check-in window, if it is.
async fn outside_window(
    conn: &mut sqlx::SqliteConnection,
    session_id: i64,
    now: NaiveDateTime,
) -> Result<Option<CheckIn>, StoreError> {
    let (opens, closes): (NaiveDateTime, NaiveDateTime) =
        sqlx::query_as("SELECT checkin_opens_at, checkin_closes_at FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(if now < opens {
        Some(CheckIn::NotYetOpen)
    } else if now > closes {
        Some(CheckIn::Closed)
    } else {
        None
    })
}

/// A walk-in (现场登记): recorded as attended without taking a sign-up seat. Someone who gives a
/// number already signed up for this session is checked in on that registration instead.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn walk_in(
    db: &Db,
    by: i64,
    session_id: i64,
    name: &model::domain::PersonName,
    role: model::domain::RegistrationRole,
    mobile: Option<&model::domain::Mobile>,
    now: NaiveDateTime,
) -> Result<CheckIn, StoreError> {
    if let Some(m) = mobile {
        let code: Option<String> = sqlx::query_scalar(
            "SELECT code FROM registrations WHERE session_id = ? AND mobile = ?",
        )
        .bind(session_id)
        .bind(m.as_str())
        .fetch_optional(&db.read)
        .await?;
        if let Some(code) = code.and_then(|c| RegistrationCode::parse(&c).ok()) {
            return check_in(db, by, session_id, &code, "hand", now).await;
        }
    }
    let mut tx = db.write.begin().await?;
    if let Some(refused) = outside_window(&mut tx, session_id, now).await? {
        return Ok(refused);
    }
    let row = super::attended_rows::Attended {
        session_id,
        name: name.as_str(),
        mobile: mobile.map(|m| m.as_str()),
        role,
        member: None,
        walk_in: true,
        at: now,
    };
    let id = super::attended_rows::insert(&mut tx, &row, now).await?;
    let after = AttendanceEntry {
        method: Some("walk_in"),
        role: Some(role),
        ..AttendanceEntry::state(session_id, RegistrationState::Attended)
    };
    audit_attendance(&mut tx, by, id, None, &after).await?;
    tx.commit().await?;
    Ok(CheckIn::CheckedIn {
        name: name.as_str().to_owned(),
    })
}

/// A session's fields as its edit form shows them; `with_times` false for a copy, which must
/// choose its own times.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn draft(db: &Db, id: i64, with_times: bool) -> Result<SessionDraft, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        title: String,
        summary: String,
        kind: model::domain::SessionKind,
        format: model::domain::SessionFormat,
        format_local_name: Option<String>,
        place: String,
        starts_at: NaiveDateTime,
        ends_at: NaiveDateTime,
        seats: i64,
        signup_deadline: NaiveDateTime,
        checkin_opens_at: NaiveDateTime,
    }
    let row: Row = sqlx::query_as(
        "SELECT title, summary, kind, format, format_local_name, place, starts_at, ends_at, seats,
             signup_deadline, checkin_opens_at FROM sessions WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?;
    let invited = sqlx::query_scalar(
        "SELECT r.role FROM session_roles r JOIN sessions s ON s.id = r.session_id
         WHERE r.session_id = ? AND s.audience = 'invited_roles' ORDER BY r.rowid",
    )
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    let input = |t: NaiveDateTime| {
        if with_times {
            local_input(t)
        } else {
            String::new()
        }
    };
    let lead = (row.starts_at - row.checkin_opens_at).num_minutes();
    let lead = model::domain::CHECKIN_LEADS
        .into_iter()
        .min_by_key(|l| (l - lead).abs())
        .unwrap_or(30);
    Ok(SessionDraft {
        title: row.title,
        summary: row.summary,
        kind: row.kind.code().to_owned(),
        format: row.format.code().to_owned(),
        format_local_name: row.format_local_name.unwrap_or_default(),
        place: row.place,
        starts_at: input(row.starts_at),
        ends_at: input(row.ends_at),
        seats: row.seats.to_string(),
        signup_deadline: input(row.signup_deadline),
        checkin_lead: lead.to_string(),
        invited,
        coorganizers: super::cohosts::of_session(db, id).await?,
    })
}

/// `2026-11-21T14:30`, what a `datetime-local` input holds.
fn local_input(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// Why someone holding a place did not come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absence {
    Absent,
    /// 请假, with the reason they gave.
    Leave(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Done,
    /// Checked in already: attendance stands.
    CheckedIn,
    /// Cancelled, waiting, or not this session's code.
    NoSeat,
}

/// Marks a registration that holds a place as absent or on leave.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn mark_absence(
    db: &Db,
    by: i64,
    session_id: i64,
    code: &RegistrationCode,
    absence: &Absence,
    now: NaiveDateTime,
) -> Result<Marked, StoreError> {
    let mut tx = db.write.begin().await?;
    let found: Option<(i64, RegistrationState)> =
        sqlx::query_as("SELECT id, state FROM registrations WHERE code = ? AND session_id = ?")
            .bind(code.as_str())
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?;
    let outcome = match found {
        Some((_, RegistrationState::Attended)) => Marked::CheckedIn,
        Some((
            id,
            before @ (RegistrationState::Registered
            | RegistrationState::Absent
            | RegistrationState::Leave),
        )) => {
            let (state, reason) = match absence {
                Absence::Absent => ("absent", None),
                Absence::Leave(reason) => ("leave", Some(reason.as_str())),
            };
            sqlx::query(
                "UPDATE registrations SET state = ?, leave_reason = ?, updated_at = ?
                 WHERE code = ? AND session_id = ?",
            )
            .bind(state)
            .bind(reason)
            .bind(db_time(now))
            .bind(code.as_str())
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
            let after = AttendanceEntry {
                reason,
                ..AttendanceEntry::state(
                    session_id,
                    match absence {
                        Absence::Absent => RegistrationState::Absent,
                        Absence::Leave(_) => RegistrationState::Leave,
                    },
                )
            };
            let before = AttendanceEntry::state(session_id, before);
            audit_attendance(&mut tx, by, id, Some(&before), &after).await?;
            Marked::Done
        }
        _ => Marked::NoSeat,
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Moves a session to a new time. The sign-up deadline and check-in opening keep their distance
/// before the start; everyone holding a place or waiting is told, with the reason.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn postpone(
    db: &Db,
    by: i64,
    host: &Host,
    time: model::domain::TimeRange,
    reason: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    let (starts_at, deadline, opens): (NaiveDateTime, NaiveDateTime, NaiveDateTime) =
        sqlx::query_as(
            "SELECT starts_at, signup_deadline, checkin_opens_at FROM sessions WHERE id = ?",
        )
        .bind(host.session_id)
        .fetch_one(&mut *tx)
        .await?;
    let shift = time.start() - starts_at;
    sqlx::query(
        "UPDATE sessions SET starts_at = ?, ends_at = ?, signup_deadline = ?, checkin_opens_at = ?,
             checkin_closes_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(db_time(time.start()))
    .bind(db_time(time.end()))
    .bind(db_time((deadline + shift).min(time.start())))
    .bind(db_time(opens + shift))
    .bind(db_time(time.end()))
    .bind(db_time(now))
    .bind(host.session_id)
    .execute(&mut *tx)
    .await?;
    if host.status == SessionStatus::Published {
        let postponed = Message::Postponed {
            title: host.title.clone(),
            starts_at: time.start(),
            reason: reason.to_owned(),
        };
        outbox::queue_to_holders(&mut tx, host.session_id, &postponed, now).await?;
    }
    audit::record(
        &mut tx,
        by,
        "session",
        host.session_id,
        "update",
        Some(&serde_json::json!({ "starts_at": db_time(starts_at) })),
        Some(&serde_json::json!({ "starts_at": db_time(time.start()), "ends_at": db_time(time.end()), "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
