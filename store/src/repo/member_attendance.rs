//! Members at the table: an organizer finds a member by name and checks them in, at the door or
//! afterwards, whether or not they signed up; and each member's totals for a period, for 履职考核.

use chrono::NaiveDateTime;

use super::{
    attended_rows::{self, Attended},
    organizing::{audit_attendance, AttendanceEntry},
    StoreError,
};
use crate::{clock::db_time, db::Db};
use model::{
    domain::{MemberLevel, Period, RegistrationRole, RegistrationState},
    views::members::{MemberChoice, MemberTotals},
};

/// The most members one search lists: a name narrows it to a handful.
const FOUND_MAX: i64 = 20;

/// Active member accounts whose name or username contains `typed`, marked if they are checked
/// in at `session_id` already.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn search(
    db: &Db,
    typed: &str,
    session_id: i64,
) -> Result<Vec<MemberChoice>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, m.level, m.sector, a.name AS area_name,
                EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = ?2 AND r.member_user_id = u.id
                        AND r.state = 'attended') AS attended
         FROM users u JOIN member_profiles m ON m.user_id = u.id LEFT JOIN areas a ON a.id = m.area_id
         WHERE u.active = 1 AND (instr(u.display_name, ?1) > 0 OR instr(u.username, ?1) > 0)
         ORDER BY u.display_name = ?1 DESC, u.display_name, u.id LIMIT ?3",
    )
    .bind(typed)
    .bind(session_id)
    .bind(FOUND_MAX)
    .fetch_all(&db.read)
    .await?)
}

/// What checking a member in did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberCheckIn {
    CheckedIn,
    AlreadyIn,
    /// Check-in has not opened yet.
    TooEarly,
    /// No active member account by that id.
    NotAMember,
}

/// Checks a member in at a session: on their own registration if they signed up and hold a
/// place (or were marked absent), otherwise as a member walk-in at their level today. After the
/// session has ended the attendance is dated at its start, as a sign-in sheet would be. Not
/// before the session's check-in opens.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check_in(
    db: &Db,
    by: i64,
    session_id: i64,
    member: i64,
    now: NaiveDateTime,
) -> Result<MemberCheckIn, StoreError> {
    let mut tx = db.write.begin().await?;
    let profile: Option<(String, MemberLevel)> = sqlx::query_as(
        "SELECT u.display_name, m.level FROM users u JOIN member_profiles m ON m.user_id = u.id
         WHERE u.id = ? AND u.active = 1",
    )
    .bind(member)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, level)) = profile else {
        return Ok(MemberCheckIn::NotAMember);
    };
    let (opens_at, starts_at, ends_at): (NaiveDateTime, NaiveDateTime, NaiveDateTime) =
        sqlx::query_as("SELECT checkin_opens_at, starts_at, ends_at FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_one(&mut *tx)
            .await?;
    if now < opens_at {
        return Ok(MemberCheckIn::TooEarly);
    }
    let at = if now > ends_at { starts_at } else { now };
    let own: Option<(i64, RegistrationState)> = sqlx::query_as(
        "SELECT id, state FROM registrations WHERE session_id = ? AND member_user_id = ?
           AND state IN ('attended', 'registered', 'absent', 'leave')
         ORDER BY state = 'attended' DESC, id LIMIT 1",
    )
    .bind(session_id)
    .bind(member)
    .fetch_optional(&mut *tx)
    .await?;
    let outcome = match own {
        Some((_, RegistrationState::Attended)) => MemberCheckIn::AlreadyIn,
        Some((id, before)) => {
            sqlx::query(
                "UPDATE registrations SET state = 'attended', checked_in_at = ?, checkin_method = 'hand',
                     leave_reason = NULL, updated_at = ? WHERE id = ?",
            )
            .bind(db_time(at))
            .bind(db_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let after = AttendanceEntry {
                method: Some("hand"),
                ..AttendanceEntry::state(session_id, RegistrationState::Attended)
            };
            let before = AttendanceEntry::state(session_id, before);
            audit_attendance(&mut tx, by, id, Some(&before), &after).await?;
            MemberCheckIn::CheckedIn
        }
        None => {
            let row = Attended {
                session_id,
                name: &name,
                mobile: None,
                role: RegistrationRole::Member,
                member: Some((member, level)),
                walk_in: true,
                at,
            };
            let id = attended_rows::insert(&mut tx, &row, now).await?;
            let after = AttendanceEntry {
                method: Some("walk_in"),
                role: Some(RegistrationRole::Member),
                ..AttendanceEntry::state(session_id, RegistrationState::Attended)
            };
            audit_attendance(&mut tx, by, id, None, &after).await?;
            MemberCheckIn::CheckedIn
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Every member whose home area is at or below `area_path` (with those who have none, for a
/// city's own staff), with their totals over the sessions held in `period` by `now`:
/// the same sessions the figures count, wherever they were held.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn totals(
    db: &Db,
    area_path: &str,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<MemberTotals>, StoreError> {
    Ok(sqlx::query_as(
        "WITH held AS (
             SELECT r.member_user_id AS user_id, sum(r.state = 'attended') AS attended,
                    sum(r.state = 'attended' AND sa.level IN ('township', 'village')) AS grassroots,
                    sum(r.state = 'absent') AS absent, sum(r.state = 'leave') AS leave
             FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN areas sa ON sa.id = s.area_id
             WHERE r.member_user_id IS NOT NULL AND r.state IN ('attended', 'absent', 'leave')
               AND s.status NOT IN ('draft', 'cancelled') AND s.starts_at >= ?2 AND s.starts_at < ?3
               AND s.starts_at <= ?4
             GROUP BY r.member_user_id),
         proposed AS (
             SELECT o.proposer_user_id AS user_id, count(*) AS suggestions
             FROM outcomes o JOIN sessions s ON s.id = o.session_id
             WHERE o.proposer_user_id IS NOT NULL AND s.status NOT IN ('draft', 'cancelled')
               AND s.starts_at >= ?2 AND s.starts_at < ?3 AND s.starts_at <= ?4
             GROUP BY o.proposer_user_id)
         SELECT u.id AS user_id, u.display_name AS name, m.level, m.sector, a.name AS area_name,
                coalesce(h.attended, 0) AS attended, coalesce(h.grassroots, 0) AS grassroots,
                coalesce(h.absent, 0) AS absent, coalesce(h.leave, 0) AS leave,
                coalesce(p.suggestions, 0) AS suggestions
         FROM users u JOIN member_profiles m ON m.user_id = u.id LEFT JOIN areas a ON a.id = m.area_id
              LEFT JOIN held h ON h.user_id = u.id LEFT JOIN proposed p ON p.user_id = u.id
         WHERE (a.path >= ?1 AND a.path < ?1 || '~') OR (?5 AND m.area_id IS NULL)
         ORDER BY attended DESC, u.display_name, u.id LIMIT 5000",
    )
    .bind(area_path)
    .bind(period.from().to_string())
    .bind((period.to() + chrono::TimeDelta::days(1)).to_string())
    .bind(db_time(now))
    .bind(area_path.matches('/').count() <= 2)
    .fetch_all(&db.read)
    .await?)
}
