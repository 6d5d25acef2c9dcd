//! Suggestions (意见建议), one row each, with their departments, deadline and handling. Every
//! change is audited with the row before and after.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqliteConnection;

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::{
    domain::{Adoption, Conversion, HandlingStatus, Light, OutcomeForm, ResultClass},
    views::closing::{OutcomeRow, OverdueOutcome},
};

/// A new suggestion, parsed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewOutcome {
    pub text: String,
    pub form: OutcomeForm,
    pub proposer_user_id: Option<i64>,
    pub lead_department: Option<String>,
    pub helpers: Vec<String>,
    pub deadline: Option<NaiveDate>,
}

/// Its handling, as the row form changes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Handling {
    pub lead_department: Option<String>,
    pub helpers: Vec<String>,
    pub deadline: Option<NaiveDate>,
    pub handling_status: HandlingStatus,
    pub result_class: Option<ResultClass>,
    pub adoption: Option<Adoption>,
    pub conversion: Option<Conversion>,
    pub feedback_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    text: String,
    form: OutcomeForm,
    proposer_name: Option<String>,
    lead_department: Option<String>,
    helpers: Option<String>,
    deadline: Option<NaiveDate>,
    handling_status: HandlingStatus,
    result_class: Option<ResultClass>,
    adoption: Option<Adoption>,
    conversion: Option<Conversion>,
    feedback_on: Option<NaiveDate>,
}

impl Row {
    fn into_view(self, today: NaiveDate) -> OutcomeRow {
        OutcomeRow {
            light: Light::of(self.handling_status, self.deadline, today),
            id: self.id,
            text: self.text,
            form: self.form,
            proposer_name: self.proposer_name,
            lead_department: self.lead_department,
            helpers: split_helpers(self.helpers),
            deadline: self.deadline,
            handling_status: self.handling_status,
            result_class: self.result_class,
            adoption: self.adoption,
            conversion: self.conversion,
            feedback_on: self.feedback_on,
        }
    }

    fn handling(&self) -> Handling {
        Handling {
            lead_department: self.lead_department.clone(),
            helpers: split_helpers(self.helpers.clone()),
            deadline: self.deadline,
            handling_status: self.handling_status,
            result_class: self.result_class,
            adoption: self.adoption,
            conversion: self.conversion,
            feedback_on: self.feedback_on,
        }
    }
}

// Helpers come back joined with a character no department name holds.
fn split_helpers(joined: Option<String>) -> Vec<String> {
    joined
        .map(|h| h.split('\u{1f}').map(str::to_owned).collect())
        .unwrap_or_default()
}

const SELECT: &str = "SELECT o.id, o.text, o.form, u.display_name AS proposer_name, o.lead_department,
        (SELECT group_concat(department, char(31)) FROM outcome_helpers h WHERE h.outcome_id = o.id) AS helpers,
        o.deadline, o.handling_status, o.result_class, o.adoption, o.conversion, o.feedback_on
     FROM outcomes o LEFT JOIN users u ON u.id = o.proposer_user_id";

#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(
    db: &Db,
    session_id: i64,
    today: NaiveDate,
) -> Result<Vec<OutcomeRow>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE o.session_id = ? ORDER BY o.id"))
        .bind(session_id)
        .fetch_all(&db.read)
        .await?;
    Ok(rows.into_iter().map(|r| r.into_view(today)).collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn add(
    db: &Db,
    by: i64,
    session_id: i64,
    o: &NewOutcome,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO outcomes (session_id, text, form, proposer_user_id, lead_department, deadline,
             handling_status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?) RETURNING id",
    )
    .bind(session_id)
    .bind(&o.text)
    .bind(o.form)
    .bind(o.proposer_user_id)
    .bind(&o.lead_department)
    .bind(o.deadline)
    .bind(db_time(now))
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    write_helpers(&mut tx, id, &o.helpers).await?;
    super::minutes::refresh_status(&mut tx, session_id, now).await?;
    audit::record(&mut tx, by, "outcome", id, "create", None::<&()>, Some(o)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a suggestion's handling; `None` when it is not one of this session's.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    db: &Db,
    by: i64,
    session_id: i64,
    outcome_id: i64,
    h: &Handling,
    now: NaiveDateTime,
) -> Result<Option<()>, StoreError> {
    let mut tx = db.write.begin().await?;
    let before: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE o.id = ? AND o.session_id = ?"))
            .bind(outcome_id)
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE outcomes SET lead_department = ?, deadline = ?, handling_status = ?, result_class = ?,
             adoption = ?, conversion = ?, feedback_on = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&h.lead_department)
    .bind(h.deadline)
    .bind(h.handling_status)
    .bind(h.result_class)
    .bind(h.adoption)
    .bind(h.conversion)
    .bind(h.feedback_on)
    .bind(db_time(now))
    .bind(outcome_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM outcome_helpers WHERE outcome_id = ?")
        .bind(outcome_id)
        .execute(&mut *tx)
        .await?;
    write_helpers(&mut tx, outcome_id, &h.helpers).await?;
    super::minutes::refresh_status(&mut tx, session_id, now).await?;
    audit::record(
        &mut tx,
        by,
        "outcome",
        outcome_id,
        "update",
        Some(&before.handling()),
        Some(h),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(()))
}

async fn write_helpers(
    conn: &mut SqliteConnection,
    outcome_id: i64,
    helpers: &[String],
) -> Result<(), StoreError> {
    for department in helpers {
        sqlx::query("INSERT INTO outcome_helpers (outcome_id, department) VALUES (?, ?)")
            .bind(outcome_id)
            .bind(department)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Open suggestions with a deadline within `YELLOW_DAYS` or past it, at sessions hosted by the
/// given platforms or within the given area paths, the most overdue first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overdue(
    db: &Db,
    platforms: &[i64],
    area_paths: &[String],
    today: NaiveDate,
) -> Result<Vec<OverdueOutcome>, StoreError> {
    let horizon = today + chrono::Duration::days(model::domain::YELLOW_DAYS);
    let mut scope: Vec<String> = Vec::new();
    if !platforms.is_empty() {
        scope.push(format!(
            "s.host_platform_id IN ({})",
            vec!["?"; platforms.len()].join(",")
        ));
    }
    scope.extend(area_paths.iter().map(|_| "a.path LIKE ? || '%'".to_owned()));
    if scope.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT o.id, o.session_id, s.title AS session_title, p.name AS platform_name, o.text,
                o.lead_department, o.deadline, o.handling_status
         FROM outcomes o JOIN sessions s ON s.id = o.session_id
              JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = s.area_id
         WHERE o.handling_status <> 'completed' AND o.deadline IS NOT NULL AND o.deadline <= ?
           AND ({})
         ORDER BY o.deadline, o.id LIMIT 500",
        scope.join(" OR ")
    );
    let mut q = sqlx::query_as::<_, OverdueRow>(&sql).bind(horizon);
    for p in platforms {
        q = q.bind(p);
    }
    for path in area_paths {
        q = q.bind(path);
    }
    Ok(q.fetch_all(&db.read)
        .await?
        .into_iter()
        .map(|r| OverdueOutcome {
            light: Light::of(r.handling_status, Some(r.deadline), today),
            id: r.id,
            session_id: r.session_id,
            session_title: r.session_title,
            platform_name: r.platform_name,
            text: r.text,
            lead_department: r.lead_department,
            deadline: r.deadline,
            handling_status: r.handling_status,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct OverdueRow {
    id: i64,
    session_id: i64,
    session_title: String,
    platform_name: String,
    text: String,
    lead_department: Option<String>,
    deadline: NaiveDate,
    handling_status: HandlingStatus,
}

/// Every audited change to the session's suggestions and problems, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn history(
    db: &Db,
    session_id: i64,
) -> Result<Vec<model::views::closing::Change>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT l.entity, l.entity_id, l.at, l.action, u.display_name AS who
         FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
         WHERE (l.entity = 'outcome' AND l.entity_id IN (SELECT id FROM outcomes WHERE session_id = ?1))
            OR (l.entity = 'problem' AND l.entity_id IN (SELECT id FROM problems WHERE session_id = ?1))
         ORDER BY l.at, l.id",
    )
    .bind(session_id)
    .fetch_all(&db.read)
    .await?)
}
