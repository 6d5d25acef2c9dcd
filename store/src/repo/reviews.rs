//! Follow-up visits (回头看) and participants' ratings (评价).

use chrono::{NaiveDate, NaiveDateTime};

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::{
    domain::{RegistrationCode, RegistrationState, ReviewerKind, Satisfaction, SessionStatus},
    views::closing::{RatingTally, ReviewRow},
};

#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(db: &Db, session_id: i64) -> Result<Vec<ReviewRow>, StoreError> {
    let rows: Vec<(i64, NaiveDate, ReviewerKind, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, reviewed_on, reviewer_kind, findings, outcome_id FROM reviews
         WHERE session_id = ? ORDER BY reviewed_on, id",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, reviewed_on, reviewer_kind, findings, outcome_id)| ReviewRow {
                id,
                reviewed_on,
                reviewer_kind,
                findings,
                outcome_id,
            },
        )
        .collect())
}

/// A follow-up visit, parsed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewReview {
    pub reviewed_on: NaiveDate,
    pub reviewer_kind: ReviewerKind,
    pub findings: String,
    pub outcome_id: Option<i64>,
}

/// Records a visit; the session becomes 已回头看.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add(
    db: &Db,
    by: i64,
    session_id: i64,
    r: &NewReview,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    if let Some(outcome) = r.outcome_id {
        sqlx::query_scalar::<_, i64>("SELECT id FROM outcomes WHERE id = ? AND session_id = ?")
            .bind(outcome)
            .bind(session_id)
            .fetch_one(&mut *tx)
            .await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reviews (session_id, outcome_id, reviewed_on, reviewer_kind, findings, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(session_id)
    .bind(r.outcome_id)
    .bind(r.reviewed_on)
    .bind(r.reviewer_kind)
    .bind(&r.findings)
    .bind(by)
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE sessions SET status = 'reviewed', updated_at = ? WHERE id = ? AND status IN ('concluded', 'closed')",
    )
    .bind(db_time(now))
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, by, "review", id, "create", None::<&()>, Some(r)).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn ratings(db: &Db, session_id: i64) -> Result<RatingTally, StoreError> {
    let rows: Vec<(Satisfaction, i64)> = sqlx::query_as(
        "SELECT t.satisfaction, count(*) FROM ratings t JOIN registrations r ON r.id = t.registration_id
         WHERE r.session_id = ? GROUP BY t.satisfaction",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?;
    let mut tally = RatingTally::default();
    for (s, n) in rows {
        match s {
            Satisfaction::Satisfied => tally.satisfied = n,
            Satisfaction::BasicallySatisfied => tally.basically_satisfied = n,
            Satisfaction::Unsatisfied => tally.unsatisfied = n,
        }
    }
    Ok(tally)
}

/// What became of a rating.
#[derive(Debug, PartialEq, Eq)]
pub enum Rated {
    Done,
    /// This registration has rated already; the first rating stands.
    Already,
    /// Only someone who was there rates, and only once the outcome is recorded.
    NotYet,
    NotAttended,
    Unknown,
}

/// A participant rates the session once, with their registration code.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn rate(
    db: &Db,
    code: &RegistrationCode,
    satisfaction: Satisfaction,
    comment: Option<&str>,
    now: NaiveDateTime,
) -> Result<Rated, StoreError> {
    let mut tx = db.write.begin().await?;
    let row: Option<(i64, RegistrationState, SessionStatus)> = sqlx::query_as(
        "SELECT r.id, r.state, s.status FROM registrations r JOIN sessions s ON s.id = r.session_id
         WHERE r.code = ?",
    )
    .bind(code.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((registration_id, state, status)) = row else {
        return Ok(Rated::Unknown);
    };
    if state != RegistrationState::Attended {
        return Ok(Rated::NotAttended);
    }
    if !has_outcome(status) {
        return Ok(Rated::NotYet);
    }
    let inserted = sqlx::query(
        "INSERT INTO ratings (registration_id, satisfaction, comment, rated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (registration_id) DO NOTHING",
    )
    .bind(registration_id)
    .bind(satisfaction)
    .bind(comment)
    .bind(db_time(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(if inserted == 1 {
        Rated::Done
    } else {
        Rated::Already
    })
}

/// A registration's own rating, if given.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn rating_of(
    db: &Db,
    code: &RegistrationCode,
) -> Result<Option<Satisfaction>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT t.satisfaction FROM ratings t JOIN registrations r ON r.id = t.registration_id WHERE r.code = ?",
    )
    .bind(code.as_str())
    .fetch_optional(&db.read)
    .await?)
}

/// The session has its minutes and suggestions on record, so it can be rated and looked up.
pub fn has_outcome(status: SessionStatus) -> bool {
    matches!(
        status,
        SessionStatus::Concluded | SessionStatus::Closed | SessionStatus::Reviewed
    )
}
