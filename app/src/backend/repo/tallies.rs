//! The yearly figures of domain.md, for a period and a scope, each by exactly its definition:
//! a session counts once, at its host platform, in the area it was held in (`sessions.area_id`),
//! so a parent's figure is the sum of its children's; cancelled sessions and drafts never count;
//! consultation sessions and service activities are counted apart; 人次 are visits.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::backend::{clock::db_time, db::Db};

/// Whose figures: an area subtree (by its path), optionally one platform type or one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub area_path: String,
    pub platform_type: Option<String>,
    pub platform_id: Option<i64>,
}

pub use crate::domain::Figures;

/// A platform's area on a day: where it stood before its first move after that day.
fn platform_area(day: &str) -> String {
    format!(
        "coalesce((SELECT m.from_area_id FROM platform_moves m WHERE m.platform_id = p.id AND m.moved_on >= {day}
                   ORDER BY m.moved_on, m.id LIMIT 1), p.area_id)"
    )
}

/// The sessions in scope, joined as `s` with their host platform `p` and held area `a`.
const SESSIONS: &str =
    "sessions s JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = s.area_id";
/// Scope filter on `a`, `p`: ?1 area path, ?2 platform type, ?3 platform.
const IN_SCOPE: &str =
    "a.path LIKE ?1 || '%' AND (?2 IS NULL OR p.type_code = ?2) AND (?3 IS NULL OR p.id = ?3)";
/// Held within the period: ?4 first day, ?5 the day after the last, ?6 now.
const HELD: &str = "s.status NOT IN ('draft', 'cancelled') AND s.starts_at >= ?4 AND s.starts_at < ?5 AND s.starts_at <= ?6";
const CONSULTATION_KINDS: &str = "('council', 'livelihood', 'sector', 'proposal', 'counterpart')";

pub async fn figures(
    db: &Db,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) -> Result<Figures, StoreError> {
    let start = from.to_string();
    let end = (to + chrono::TimeDelta::days(1)).to_string();
    let now = db_time(now);
    // Every query binds the same six parameters; one that needs fewer still names the others
    // (`?6 IS NOT NULL`), because SQLite refuses a binding its statement does not use.
    let count = |sql: String| {
        let (start, end, now) = (start.clone(), end.clone(), now.clone());
        async move {
            sqlx::query_scalar::<_, i64>(&sql)
                .bind(&scope.area_path)
                .bind(&scope.platform_type)
                .bind(scope.platform_id)
                .bind(start)
                .bind(end)
                .bind(now)
                .fetch_one(&db.read)
                .await
        }
    };
    let platforms = |condition: &str| {
        format!(
            "SELECT count(*) FROM platforms p JOIN areas a ON a.id = {area}
             WHERE {IN_SCOPE} AND {condition}",
            area = platform_area("?5"),
        )
    };
    let held = |kinds: &str| {
        format!("SELECT count(*) FROM {SESSIONS} WHERE {IN_SCOPE} AND {HELD} AND s.kind {kinds}")
    };
    let attendance = |member: &str| {
        format!(
            "SELECT count(*) FROM {SESSIONS} JOIN registrations r ON r.session_id = s.id
             WHERE {IN_SCOPE} AND {HELD} AND r.state = 'attended' AND r.role {member} 'member'"
        )
    };
    let topics = |condition: &str| {
        format!(
            "SELECT count(*) FROM topics t JOIN platforms p ON p.id = t.platform_id JOIN areas a ON a.id = {area}
             WHERE {IN_SCOPE} AND t.submitted_at >= ?4 AND t.submitted_at < ?5 AND ?6 IS NOT NULL AND {condition}",
            area = platform_area("date(t.submitted_at)"),
        )
    };
    let of_sessions = |table: &str, condition: &str| {
        format!(
            "SELECT count(*) FROM {SESSIONS} JOIN {table} ON x.session_id = s.id
             WHERE {IN_SCOPE} AND s.status NOT IN ('draft', 'cancelled') AND ?6 IS NOT NULL AND {condition}"
        )
    };
    Ok(Figures {
        platforms_active: count(platforms(
            "p.established_on < ?5 AND (p.deactivated_on IS NULL OR p.deactivated_on >= ?5) AND ?4 IS NOT NULL AND ?6 IS NOT NULL",
        ))
        .await?,
        platforms_new: count(platforms(
            "p.established_on >= ?4 AND p.established_on < ?5 AND ?6 IS NOT NULL",
        ))
        .await?,
        consultations: count(held(&format!("IN {CONSULTATION_KINDS}"))).await?,
        services: count(held(&format!("NOT IN {CONSULTATION_KINDS}"))).await?,
        topics: count(topics("1")).await?,
        topics_taken_up: count(topics("t.status IN ('accepted', 'consulted')")).await?,
        resident_visits: count(attendance("<>")).await?,
        member_visits: count(attendance("=")).await?,
        suggestions: count(format!(
            "SELECT count(*) FROM {SESSIONS} JOIN outcomes x ON x.session_id = s.id WHERE {IN_SCOPE} AND {HELD}"
        ))
        .await?,
        suggestions_adopted: count(format!(
            "SELECT count(*) FROM {SESSIONS} JOIN outcomes x ON x.session_id = s.id
             WHERE {IN_SCOPE} AND {HELD} AND x.adoption IN ('adopted', 'partly_adopted')"
        ))
        .await?,
        problems_resolved: count(of_sessions(
            "problems x",
            "x.resolved_on >= ?4 AND x.resolved_on < ?5",
        ))
        .await?,
        problems_raised: count(of_sessions(
            "problems x",
            "x.raised_on >= ?4 AND x.raised_on < ?5",
        ))
        .await?,
        problems_raised_resolved: count(of_sessions(
            "problems x",
            "x.raised_on >= ?4 AND x.raised_on < ?5 AND x.resolved_on IS NOT NULL",
        ))
        .await?,
        ratings: count(format!(
            "SELECT count(*) FROM {SESSIONS} JOIN registrations x ON x.session_id = s.id
             JOIN ratings t ON t.registration_id = x.id WHERE {IN_SCOPE} AND {HELD}"
        ))
        .await?,
        ratings_satisfied: count(format!(
            "SELECT count(*) FROM {SESSIONS} JOIN registrations x ON x.session_id = s.id
             JOIN ratings t ON t.registration_id = x.id
             WHERE {IN_SCOPE} AND {HELD} AND t.satisfaction IN ('satisfied', 'basically_satisfied')"
        ))
        .await?,
        reviews: count(of_sessions(
            "reviews x",
            "x.reviewed_on >= ?4 AND x.reviewed_on < ?5",
        ))
        .await?,
    })
}

/// The records behind a headline figure of an area subtree's year, by the figure's own
/// definition.
pub async fn records(
    db: &Db,
    area_path: &str,
    year: i32,
    drill: crate::api::tallies::Drill,
    now: NaiveDateTime,
) -> Result<Vec<crate::api::tallies::TallyRecord>, StoreError> {
    use crate::api::tallies::Drill;
    const SESSION_LINK: &str = "'/manage/sessions/' || s.id || '/closing'";
    let visits = |member: &str| {
        format!(
            "SELECT {SESSION_LINK} AS link, date(s.starts_at) AS date, s.title, p.name AS platform_name,
                    a.name AS area_name, r.name AS detail
             FROM {SESSIONS} JOIN registrations r ON r.session_id = s.id
             WHERE {IN_SCOPE} AND {HELD} AND r.state = 'attended' AND r.role {member} 'member'
             ORDER BY s.starts_at, s.id, r.id"
        )
    };
    let sql = match drill {
        Drill::Consultations | Drill::Services => format!(
            "SELECT {SESSION_LINK} AS link, date(s.starts_at) AS date, s.title, p.name AS platform_name,
                    a.name AS area_name, NULL AS detail
             FROM {SESSIONS} WHERE {IN_SCOPE} AND {HELD} AND s.kind {} IN {CONSULTATION_KINDS}
             ORDER BY s.starts_at, s.id",
            if drill == Drill::Services { "NOT" } else { "" }
        ),
        Drill::ResidentVisits => visits("<>"),
        Drill::MemberVisits => visits("="),
        Drill::Suggestions => format!(
            "SELECT {SESSION_LINK} || '#outcome-' || x.id AS link, date(s.starts_at) AS date, s.title,
                    p.name AS platform_name, a.name AS area_name, x.text AS detail
             FROM {SESSIONS} JOIN outcomes x ON x.session_id = s.id
             WHERE {IN_SCOPE} AND {HELD} ORDER BY s.starts_at, x.id"
        ),
        Drill::ProblemsResolved => format!(
            "SELECT {SESSION_LINK} || '#problem-' || x.id AS link, x.resolved_on AS date, s.title,
                    p.name AS platform_name, a.name AS area_name, x.description || '：' || x.evidence AS detail
             FROM {SESSIONS} JOIN problems x ON x.session_id = s.id
             WHERE {IN_SCOPE} AND s.status NOT IN ('draft', 'cancelled') AND ?6 IS NOT NULL
               AND x.resolved_on >= ?4 AND x.resolved_on < ?5
             ORDER BY x.resolved_on, x.id"
        ),
        Drill::Reviews => format!(
            "SELECT {SESSION_LINK} || '#reviews' AS link, x.reviewed_on AS date, s.title,
                    p.name AS platform_name, a.name AS area_name, x.findings AS detail
             FROM {SESSIONS} JOIN reviews x ON x.session_id = s.id
             WHERE {IN_SCOPE} AND s.status NOT IN ('draft', 'cancelled') AND ?6 IS NOT NULL
               AND x.reviewed_on >= ?4 AND x.reviewed_on < ?5
             ORDER BY x.reviewed_on, x.id"
        ),
        Drill::Topics => format!(
            "SELECT '/manage/topics/' || t.id AS link, date(t.submitted_at) AS date, t.title,
                    p.name AS platform_name, a.name AS area_name, NULL AS detail
             FROM topics t JOIN platforms p ON p.id = t.platform_id JOIN areas a ON a.id = {area}
             WHERE {IN_SCOPE} AND t.submitted_at >= ?4 AND t.submitted_at < ?5 AND ?6 IS NOT NULL
             ORDER BY t.submitted_at, t.id",
            area = platform_area("date(t.submitted_at)"),
        ),
    };
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default();
    Ok(sqlx::query_as(&sql)
        .bind(area_path)
        .bind(None::<String>)
        .bind(None::<i64>)
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(db_time(now))
        .fetch_all(&db.read)
        .await?)
}
