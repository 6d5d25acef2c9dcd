//! Sign-ups decided a batch at a time, inside the caller's transaction. The batch is decided in
//! arrival order from one read of its sessions and one of the numbers already signed up for
//! them, each sign-up seeing the ones before it — so seats are counted exactly as one by one —
//! and then written in one statement per table. Each statement is a round trip to SQLite's
//! connection thread; reading and writing every sign-up on its own took six, and those thread
//! hand-offs, not SQLite's work, were most of what a sign-up cost.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use sqlx::SqliteConnection;

use super::{
    json_list,
    outbox::{self, Owed},
    registrations::{new_code, SignUpOutcome, SignUpRefusal, SignUpRequest},
    StoreError,
};
use crate::clock::db_time;
use model::{
    domain::{RegistrationState, SessionStatus},
    messages::Message,
};

/// A sign-up decided: done (or already done), or refused.
pub type Decision = Result<SignUpOutcome, SignUpRefusal>;

/// What a sign-up checks of its session.
#[derive(sqlx::FromRow)]
struct Gate {
    id: i64,
    status: SessionStatus,
    seats: i64,
    /// Kept on the session by migration 8's triggers; counted on here as the batch takes seats.
    seats_taken: i64,
    signup_deadline: NaiveDateTime,
    starts_at: NaiveDateTime,
    audience: String,
    title: String,
    place: String,
    /// The invited roles' codes, comma-separated (no code holds a comma).
    invited: Option<String>,
}

impl Gate {
    fn admits(&self, req: &SignUpRequest, now: NaiveDateTime) -> Result<(), SignUpRefusal> {
        match self.status {
            SessionStatus::Published => {}
            SessionStatus::Cancelled => return Err(SignUpRefusal::Cancelled),
            SessionStatus::Draft => return Err(SignUpRefusal::NoSuchSession),
            _ => return Err(SignUpRefusal::NotOpen),
        }
        if now >= self.starts_at {
            return Err(SignUpRefusal::NotOpen);
        }
        if now > self.signup_deadline {
            return Err(SignUpRefusal::DeadlinePassed);
        }
        let invited = || {
            self.invited
                .as_deref()
                .is_some_and(|roles| roles.split(',').any(|r| r == req.role.code()))
        };
        if self.audience == "invited_roles" && !invited() {
            return Err(SignUpRefusal::RoleNotInvited);
        }
        Ok(())
    }
}

/// A number's stored registration for a session.
#[derive(sqlx::FromRow)]
struct Held {
    session_id: i64,
    mobile: String,
    id: i64,
    code: String,
    state: RegistrationState,
    device_hash: Option<String>,
    member_user_id: Option<i64>,
}

impl Held {
    /// Whether the one asking made this registration.
    fn made_by(&self, req: &SignUpRequest) -> bool {
        same_maker(self.device_hash.as_deref(), self.member_user_id, req)
    }
}

/// Whether `req` comes from whoever made a place: the same browser, or the same member.
fn same_maker(device: Option<&str>, member: Option<i64>, req: &SignUpRequest) -> bool {
    let same_device = device.is_some() && device == req.device.as_deref();
    let same_member = member.is_some() && member == req.member.map(|m| m.0);
    same_device || same_member
}

/// The answer to a number signing up again: its own place when the one asking made it, else a
/// refusal that names nothing of the place.
fn again(made_by_asker: bool, code: &str) -> Decision {
    if made_by_asker {
        Ok(SignUpOutcome::Existing(code.to_owned()))
    } else {
        Err(SignUpRefusal::NumberTaken)
    }
}

/// What a number holds for a session as the batch goes: a stored registration, or a place an
/// earlier sign-up of this batch took (its code is final only once written).
enum Known {
    Stored(Held),
    Placed(usize),
}

/// A registration this batch writes: a new one, or one cancelled before and taken up again.
struct Place<'a> {
    req: &'a SignUpRequest,
    now: NaiveDateTime,
    /// The stored registration taken up again; None for a new one until it is inserted.
    id: Option<i64>,
    taken_up_again: bool,
    /// A new place's code is drawn when it is inserted.
    code: String,
    state: RegistrationState,
}

/// A job's answer: decided on reading, or the place it takes (or a second tap finds, and
/// whether that tap made it), decided once written.
enum Answer {
    Decided(Decision),
    Place(usize),
    Again(usize, bool),
}

/// Decides and writes `jobs` (request and time of arrival) in order. An error leaves the
/// transaction to be rolled back: nothing of the batch stands.
#[tracing::instrument(level = "debug", skip_all)]
pub(crate) async fn sign_up_all(
    tx: &mut SqliteConnection,
    jobs: &[(&SignUpRequest, NaiveDateTime)],
) -> Result<Vec<Decision>, StoreError> {
    let mut gates = gates(tx, jobs).await?;
    let mut known: HashMap<(i64, String), Known> = held(tx, jobs)
        .await?
        .into_iter()
        .map(|h| ((h.session_id, h.mobile.clone()), Known::Stored(h)))
        .collect();
    let mut answers = Vec::with_capacity(jobs.len());
    let mut places: Vec<Place<'_>> = Vec::new();
    for &(req, now) in jobs {
        let Some(gate) = gates.get_mut(&req.session_id) else {
            answers.push(Answer::Decided(Err(SignUpRefusal::NoSuchSession)));
            continue;
        };
        if let Err(refusal) = gate.admits(req, now) {
            answers.push(Answer::Decided(Err(refusal)));
            continue;
        }
        let key = (req.session_id, req.mobile.as_str().to_owned());
        let before = match known.get(&key) {
            Some(Known::Placed(i)) => {
                let first = places[*i].req;
                let same = same_maker(first.device.as_deref(), first.member.map(|m| m.0), req);
                answers.push(Answer::Again(*i, same));
                continue;
            }
            Some(Known::Stored(h)) if h.state != RegistrationState::Cancelled => {
                answers.push(Answer::Decided(again(h.made_by(req), &h.code)));
                continue;
            }
            Some(Known::Stored(h)) => Some(h),
            None => None,
        };
        let state = if gate.seats_taken < gate.seats {
            gate.seats_taken += 1;
            RegistrationState::Registered
        } else {
            RegistrationState::Waitlisted
        };
        // Signing up again after cancelling brings the same registration back: under its code
        // for the browser (or member) that made it, under a fresh one for anyone else, who must
        // not learn the code the cancelled place was sent.
        let place = Place {
            req,
            now,
            id: before.map(|h| h.id),
            taken_up_again: before.is_some(),
            code: before
                .filter(|h| h.made_by(req))
                .map(|h| h.code.clone())
                .unwrap_or_default(),
            state,
        };
        known.insert(key, Known::Placed(places.len()));
        answers.push(Answer::Place(places.len()));
        places.push(place);
    }
    let mut drawn = HashSet::new();
    take_up_again(tx, &mut places, &mut drawn).await?;
    insert_new(tx, &mut places, &mut drawn).await?;
    queue_messages(tx, &gates, &places).await?;
    Ok(answers
        .into_iter()
        .map(|a| match a {
            Answer::Decided(d) => d,
            Answer::Place(i) => Ok(match places[i].state {
                RegistrationState::Registered => SignUpOutcome::Registered(places[i].code.clone()),
                _ => SignUpOutcome::Waitlisted(places[i].code.clone()),
            }),
            Answer::Again(i, same) => again(same, &places[i].code),
        })
        .collect())
}

/// The batch's sessions, by id.
async fn gates(
    tx: &mut SqliteConnection,
    jobs: &[(&SignUpRequest, NaiveDateTime)],
) -> Result<HashMap<i64, Gate>, StoreError> {
    let ids: Vec<i64> = jobs.iter().map(|(r, _)| r.session_id).collect();
    let gates: Vec<Gate> = sqlx::query_as(
        "SELECT s.id, s.status, s.seats, s.seats_taken, s.signup_deadline, s.starts_at, s.audience,
                s.title, s.place,
                (SELECT group_concat(role) FROM session_roles WHERE session_id = s.id) AS invited
         FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?1))",
    )
    .bind(json_list(&ids)?)
    .fetch_all(&mut *tx)
    .await?;
    Ok(gates.into_iter().map(|g| (g.id, g)).collect())
}

/// The registrations the batch's numbers already hold for its sessions.
async fn held(
    tx: &mut SqliteConnection,
    jobs: &[(&SignUpRequest, NaiveDateTime)],
) -> Result<Vec<Held>, StoreError> {
    let keys: Vec<(i64, &str)> = jobs
        .iter()
        .map(|(r, _)| (r.session_id, r.mobile.as_str()))
        .collect();
    Ok(sqlx::query_as(
        "SELECT r.session_id, r.mobile, r.id, r.code, r.state, r.device_hash, r.member_user_id
         FROM json_each(?1) j
         JOIN registrations r ON r.session_id = j.value ->> 0 AND r.mobile = j.value ->> 1",
    )
    .bind(json_list(&keys)?)
    .fetch_all(&mut *tx)
    .await?)
}

/// Registrations cancelled before and signed up for again: rare, a statement each. One taken up
/// by someone else gets a fresh code (drawn again on the rare clash with a stored one).
async fn take_up_again(
    tx: &mut SqliteConnection,
    places: &mut [Place<'_>],
    drawn: &mut HashSet<String>,
) -> Result<(), StoreError> {
    for p in places.iter_mut().filter(|p| p.taken_up_again) {
        let mut written = false;
        let keep = !p.code.is_empty();
        for _ in 0..8 {
            if !keep {
                p.code = draw(drawn);
            }
            // It queues anew: the waiting list goes by the time of this sign-up.
            let updated = sqlx::query(
                "UPDATE OR IGNORE registrations SET code = ?, state = ?, name = ?, role = ?, member_user_id = ?,
                     member_level = ?, device_hash = ?, created_at = ?, updated_at = ?, lang = ?
                 WHERE id = ?",
            )
            .bind(&p.code)
            .bind(p.state)
            .bind(p.req.name.as_str())
            .bind(p.req.role)
            .bind(p.req.member.map(|m| m.0))
            .bind(p.req.member.map(|m| m.1))
            .bind(p.req.device.as_deref())
            .bind(db_time(p.now))
            .bind(db_time(p.now))
            .bind(p.req.lang.code())
            .bind(p.id)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 1 {
                written = true;
                break;
            }
        }
        if !written {
            return Err(StoreError::Conflict("no free registration code".into()));
        }
    }
    Ok(())
}

/// A fresh code, unique within the batch too, so that each inserted code names one place.
fn draw(drawn: &mut HashSet<String>) -> String {
    loop {
        let code = new_code().as_str().to_owned();
        if drawn.insert(code.clone()) {
            return code;
        }
    }
}

/// Inserts the new registrations in one statement, in arrival order, each with a fresh code. A
/// code that clashes with a stored one is skipped by the insert and drawn again.
async fn insert_new(
    tx: &mut SqliteConnection,
    places: &mut [Place<'_>],
    drawn: &mut HashSet<String>,
) -> Result<(), StoreError> {
    let mut pending: Vec<usize> = Vec::new();
    for (i, p) in places.iter_mut().enumerate() {
        if !p.taken_up_again {
            p.code = draw(drawn);
            pending.push(i);
        }
    }
    for _ in 0..8 {
        if pending.is_empty() {
            return Ok(());
        }
        let rows: Vec<_> = pending
            .iter()
            .map(|&i| {
                let p = &places[i];
                (
                    p.req.session_id,
                    &p.code,
                    p.req.name.as_str(),
                    p.req.mobile.as_str(),
                    p.req.role.code(),
                    p.req.member.map(|m| m.0),
                    p.req.member.map(|m| m.1.code()),
                    p.state.code(),
                    db_time(p.now),
                    p.req.device.as_deref(),
                    p.req.lang.code(),
                )
            })
            .collect();
        let inserted: HashMap<String, i64> = sqlx::query_as::<_, (i64, String)>(
            "INSERT INTO registrations (session_id, code, name, mobile, role, member_user_id, member_level,
                 state, created_at, updated_at, device_hash, lang)
             SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
                    j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 8, j.value ->> 9, j.value ->> 10
             FROM json_each(?1) j WHERE true
             ON CONFLICT (code) DO NOTHING
             RETURNING id, code",
        )
        .bind(json_list(&rows)?)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id, code)| (code, id))
        .collect();
        pending.retain(|&i| {
            let p = &mut places[i];
            match inserted.get(&p.code) {
                Some(&id) => {
                    p.id = Some(id);
                    false
                }
                None => {
                    p.code = draw(drawn);
                    true
                }
            }
        });
    }
    if pending.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Conflict("no free registration code".into()))
    }
}

/// The confirmation or waiting-list message of each place, in one statement.
async fn queue_messages(
    tx: &mut SqliteConnection,
    gates: &HashMap<i64, Gate>,
    places: &[Place<'_>],
) -> Result<(), StoreError> {
    let owed: Vec<Owed> = places
        .iter()
        .filter_map(|p| {
            let gate = gates.get(&p.req.session_id)?;
            let (title, code) = (gate.title.clone(), p.code.clone());
            let message = match p.state {
                RegistrationState::Registered => Message::Confirmation {
                    title,
                    starts_at: gate.starts_at,
                    place: gate.place.clone(),
                    code,
                },
                _ => Message::Waitlisted { title, code },
            };
            Some(Owed {
                session_id: Some(p.req.session_id),
                registration_id: p.id,
                recipient: Some(p.req.mobile.as_str().to_owned()),
                lang: p.req.lang,
                outcome_id: None,
                message,
            })
        })
        .collect();
    // Written together, stamped with the batch's first arrival (a few milliseconds apart).
    match places.first() {
        Some(first) => outbox::queue(tx, &owed, first.now).await,
        None => Ok(()),
    }
}
