//! Sessions recorded after they happened (补录), with the attendance from their sign-in sheet, and
//! the years staff close once the annual report is filed.

use chrono::NaiveDateTime;

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::{
    domain::MemberLevel,
    views::{
        areas::AreaSummary,
        organizing::{RosterPerson, SessionFields},
        tallies::ClosedYear,
    },
};

/// The member accounts a roster line names, by display name or username (a username tells two
/// members of the same name apart).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn members_named(db: &Db, name: &str) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN member_profiles m ON m.user_id = u.id
         WHERE u.active = 1 AND (u.display_name = ?1 OR u.username = ?1) ORDER BY u.id LIMIT 3",
    )
    .bind(name)
    .fetch_all(&db.read)
    .await?)
}

/// How a held session came to be written after the fact.
pub(crate) enum Origin<'a> {
    /// 补录, from its paper sign-in sheet.
    Recorded,
    /// From a ledger upload, with its number in the ledger.
    Imported { import_id: i64, ledger_no: &'a str },
}

/// Writes a session held at `platform_id` as held, in the caller's transaction: sign-up and
/// check-in windows collapse to its start, and its seats are the people who came.
pub(crate) async fn insert_held(
    conn: &mut sqlx::SqliteConnection,
    by: i64,
    platform_id: i64,
    f: &SessionFields,
    origin: Origin<'_>,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let start = db_time(f.time.start());
    let (recorded, import_id, ledger_no) = match origin {
        Origin::Recorded => (true, None, None),
        Origin::Imported {
            import_id,
            ledger_no,
        } => (false, Some(import_id), Some(ledger_no)),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO sessions (host_platform_id, area_id, title, summary, kind, format, format_local_name, place,
             starts_at, ends_at, seats, signup_deadline, checkin_opens_at, checkin_closes_at, audience, status,
             recorded_afterwards, import_id, ledger_no, created_by, created_at, updated_at)
         SELECT p.id, p.area_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'public', 'held', ?, ?, ?, ?, ?, ?
         FROM platforms p WHERE p.id = ? RETURNING id",
    )
    .bind(&f.title)
    .bind(&f.summary)
    .bind(f.kind)
    .bind(f.format)
    .bind(&f.format_local_name)
    .bind(&f.place)
    .bind(&start)
    .bind(db_time(f.time.end()))
    .bind(f.seats.get())
    .bind(&start)
    .bind(db_time(f.checkin_opens_at()))
    .bind(db_time(f.time.end()))
    .bind(recorded)
    .bind(import_id)
    .bind(ledger_no)
    .bind(by)
    .bind(db_time(now))
    .bind(db_time(now))
    .bind(platform_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// Writes a session that was held at `platform_id`, with everyone on its roster as attended
/// (marked by hand, at the start time); it counts like any held session from this commit on.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_held(
    db: &Db,
    by: i64,
    platform_id: i64,
    f: &SessionFields,
    roster: &[RosterPerson],
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id = insert_held(&mut tx, by, platform_id, f, Origin::Recorded, now).await?;
    super::cohosts::write(&mut tx, id, &f.coorganizers).await?;
    for person in roster {
        let level: Option<MemberLevel> = match person.member_user_id {
            Some(user) => Some(
                sqlx::query_scalar("SELECT level FROM member_profiles WHERE user_id = ?")
                    .bind(user)
                    .fetch_one(&mut *tx)
                    .await?,
            ),
            None => None,
        };
        let row = super::attended_rows::Attended {
            session_id: id,
            name: person.name.as_str(),
            mobile: person.mobile.as_ref().map(|m| m.as_str()),
            role: person.role,
            member: person.member_user_id.zip(level),
            walk_in: false,
            at: f.time.start(),
        };
        super::attended_rows::insert(&mut tx, &row, now).await?;
    }
    #[derive(serde::Serialize)]
    struct Recorded<'a> {
        fields: &'a SessionFields,
        recorded_afterwards: bool,
        attended: usize,
    }
    let after = Recorded {
        fields: f,
        recorded_afterwards: true,
        attended: roster.len(),
    };
    audit::record(
        &mut tx,
        by,
        "session",
        id,
        "create",
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether a session was recorded afterwards, and the storage key of its sign-in sheet's photo.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn evidence(db: &Db, session_id: i64) -> Result<(bool, Option<String>), StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.recorded_afterwards, f.storage_key FROM sessions s
         LEFT JOIN attachments f ON f.id = s.sign_in_sheet_id WHERE s.id = ?",
    )
    .bind(session_id)
    .fetch_one(&db.read)
    .await?)
}

/// Whether `year` is closed for the area at `area_path`: closed there or at an area above it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn year_closed(db: &Db, area_path: &str, year: i32) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM closed_years c JOIN areas a ON a.id = c.area_id
                        WHERE c.year = ? AND ? LIKE a.path || '%')",
    )
    .bind(year)
    .bind(area_path)
    .fetch_one(&db.read)
    .await?)
}

/// Whether the year a session was held in is closed for the area it was held in.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn session_year_closed(db: &Db, session_id: i64) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sessions s JOIN areas sa ON sa.id = s.area_id
                          JOIN closed_years c ON c.year = CAST(substr(s.starts_at, 1, 4) AS INTEGER)
                          JOIN areas a ON a.id = c.area_id
                        WHERE s.id = ? AND sa.path LIKE a.path || '%')",
    )
    .bind(session_id)
    .fetch_one(&db.read)
    .await?)
}

/// The years closed for an area, each with the area that closed it (itself or one above).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn closed_years(db: &Db, area: &AreaSummary) -> Result<Vec<ClosedYear>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.year, a.id AS area_id, a.name AS area_name FROM closed_years c JOIN areas a ON a.id = c.area_id
         WHERE ? LIKE a.path || '%' ORDER BY c.year DESC",
    )
    .bind(&area.path)
    .fetch_all(&db.read)
    .await?)
}

/// Closes `year` for `area`: a second close changes nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn close_year(
    db: &Db,
    by: i64,
    area: &AreaSummary,
    year: i32,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    let added = sqlx::query(
        "INSERT INTO closed_years (area_id, year, closed_by, closed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(area.id)
    .bind(year)
    .bind(by)
    .bind(db_time(now))
    .execute(&mut *tx)
    .await?;
    if added.rows_affected() == 1 {
        let after = serde_json::json!({ "year": year });
        audit::record(
            &mut tx,
            by,
            "area",
            area.id,
            "close_year",
            None::<&()>,
            Some(&after),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Reopens `year` for `area` (closed at that area itself), with the reason for the correction;
/// false when it was not closed there.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn reopen_year(
    db: &Db,
    by: i64,
    area: &AreaSummary,
    year: i32,
    reason: &str,
) -> Result<bool, StoreError> {
    let mut tx = db.write.begin().await?;
    let removed = sqlx::query("DELETE FROM closed_years WHERE area_id = ? AND year = ?")
        .bind(area.id)
        .bind(year)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Ok(false);
    }
    let after = serde_json::json!({ "year": year, "reason": reason });
    audit::record(
        &mut tx,
        by,
        "area",
        area.id,
        "reopen_year",
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
