//! A person written as attended without a sign-up of their own: a walk-in at the door, a member
//! checked in from the member list, a name on a 补录 sign-in sheet. Each gets a registration code
//! like everyone else, so every attendance row is one kind of record.

use chrono::NaiveDateTime;

use super::StoreError;
use crate::clock::db_time;
use model::domain::{MemberLevel, RegistrationCode, RegistrationRole};

/// One attended row to write.
pub(crate) struct Attended<'a> {
    pub session_id: i64,
    pub name: &'a str,
    pub mobile: Option<&'a str>,
    pub role: RegistrationRole,
    /// The member's account and their level that day, for role member.
    pub member: Option<(i64, MemberLevel)>,
    /// Came without signing up (现场登记): takes no seat. Otherwise marked by hand from a sheet.
    pub walk_in: bool,
    /// When they were there.
    pub at: NaiveDateTime,
}

/// Writes the row with a fresh code, in the caller's transaction, and returns its id. A code
/// that is taken already is drawn again; eight draws from 10^12 codes do not all collide.
pub(crate) async fn insert(
    conn: &mut sqlx::SqliteConnection,
    row: &Attended<'_>,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let method = if row.walk_in { "walk_in" } else { "hand" };
    for _ in 0..8 {
        let code = RegistrationCode::from_number(rand::random());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO registrations (session_id, code, name, mobile, role, member_user_id, member_level,
                 state, walk_in, checked_in_at, checkin_method, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'attended', ?, ?, ?, ?, ?)
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(row.session_id)
        .bind(code.as_str())
        .bind(row.name)
        .bind(row.mobile)
        .bind(row.role)
        .bind(row.member.map(|m| m.0))
        .bind(row.member.map(|m| m.1))
        .bind(row.walk_in)
        .bind(db_time(row.at))
        .bind(method)
        .bind(db_time(now))
        .bind(db_time(now))
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok(id);
        }
    }
    Err(StoreError::Conflict("no free registration code".into()))
}
