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

/// Writes many rows in one statement (a ledger's session has dozens), each with a fresh code;
/// the few whose drawn code is taken already are written one by one by [`insert`].
pub(crate) async fn insert_many(
    conn: &mut sqlx::SqliteConnection,
    rows: &[Attended<'_>],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let codes: Vec<RegistrationCode> = rows
        .iter()
        .map(|_| RegistrationCode::from_number(rand::random()))
        .collect();
    let values: Vec<serde_json::Value> = rows
        .iter()
        .zip(&codes)
        .map(|(row, code)| {
            serde_json::json!([
                row.session_id,
                code.as_str(),
                row.name,
                row.mobile,
                row.role.code(),
                row.member.map(|m| m.0),
                row.member.map(|m| m.1.code()),
                row.walk_in,
                db_time(row.at),
                if row.walk_in { "walk_in" } else { "hand" },
            ])
        })
        .collect();
    let written: Vec<String> = sqlx::query_scalar(
        "INSERT INTO registrations (session_id, code, name, mobile, role, member_user_id, member_level,
             state, walk_in, checked_in_at, checkin_method, created_at, updated_at)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                'attended', value ->> 7, value ->> 8, value ->> 9, ?2, ?2
         FROM json_each(?1) WHERE true
         ON CONFLICT (code) DO NOTHING RETURNING code",
    )
    .bind(super::json_list(&values)?)
    .bind(db_time(now))
    .fetch_all(&mut *conn)
    .await?;
    if written.len() < rows.len() {
        let written: std::collections::HashSet<String> = written.into_iter().collect();
        for (row, code) in rows.iter().zip(&codes) {
            if !written.contains(code.as_str()) {
                insert(conn, row, now).await?;
            }
        }
    }
    Ok(())
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
