//! Problems raised at a session (问题): what "助力解决问题X个" counts, by resolution date. Each
//! change is audited, so every counted problem can be traced to who resolved it and on what
//! evidence.

use chrono::{NaiveDate, NaiveDateTime};

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::views::closing::ProblemRow;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
struct Row {
    id: i64,
    description: String,
    outcome_id: Option<i64>,
    raised_on: NaiveDate,
    resolved_on: Option<NaiveDate>,
    evidence: Option<String>,
}

impl From<Row> for ProblemRow {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            description: r.description,
            outcome_id: r.outcome_id,
            raised_on: r.raised_on,
            resolved_on: r.resolved_on,
            evidence: r.evidence,
        }
    }
}

const SELECT: &str =
    "SELECT id, description, outcome_id, raised_on, resolved_on, evidence FROM problems";

#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(db: &Db, session_id: i64) -> Result<Vec<ProblemRow>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE session_id = ? ORDER BY id"))
        .bind(session_id)
        .fetch_all(&db.read)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A problem raised at the session, on the session's day; linked to one of its suggestions
/// when given (a suggestion of another session is refused as `NotFound`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add(
    db: &Db,
    by: i64,
    session_id: i64,
    description: &str,
    outcome_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    if let Some(outcome) = outcome_id {
        sqlx::query_scalar::<_, i64>("SELECT id FROM outcomes WHERE id = ? AND session_id = ?")
            .bind(outcome)
            .bind(session_id)
            .fetch_one(&mut *tx)
            .await?;
    }
    let row: Row = sqlx::query_as(
        "INSERT INTO problems (session_id, outcome_id, description, raised_on, created_at, updated_at)
         SELECT id, ?, ?, date(starts_at), ?, ? FROM sessions WHERE id = ?
         RETURNING id, description, outcome_id, raised_on, resolved_on, evidence",
    )
    .bind(outcome_id)
    .bind(description)
    .bind(db_time(now))
    .bind(db_time(now))
    .bind(session_id)
    .fetch_one(&mut *tx)
    .await?;
    super::minutes::refresh_status(&mut tx, session_id, now).await?;
    audit::record(
        &mut tx,
        by,
        "problem",
        row.id,
        "create",
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok(row.id)
}

/// Why a resolution was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolve {
    Done,
    /// Not one of this session's problems.
    Unknown,
    /// Dated before the problem was raised.
    BeforeRaised,
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn resolve(
    db: &Db,
    by: i64,
    session_id: i64,
    problem_id: i64,
    resolved_on: NaiveDate,
    evidence: &str,
    now: NaiveDateTime,
) -> Result<Resolve, StoreError> {
    let mut tx = db.write.begin().await?;
    let before: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE id = ? AND session_id = ?"))
        .bind(problem_id)
        .bind(session_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(before) = before else {
        return Ok(Resolve::Unknown);
    };
    if resolved_on < before.raised_on {
        return Ok(Resolve::BeforeRaised);
    }
    let after = Row {
        resolved_on: Some(resolved_on),
        evidence: Some(evidence.to_owned()),
        ..before.clone()
    };
    sqlx::query("UPDATE problems SET resolved_on = ?, evidence = ?, updated_at = ? WHERE id = ?")
        .bind(resolved_on)
        .bind(evidence)
        .bind(db_time(now))
        .bind(problem_id)
        .execute(&mut *tx)
        .await?;
    super::minutes::refresh_status(&mut tx, session_id, now).await?;
    audit::record(
        &mut tx,
        by,
        "problem",
        problem_id,
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Resolve::Done)
}
