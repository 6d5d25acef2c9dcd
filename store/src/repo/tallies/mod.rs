//! The yearly figures of domain.md, for a period and a scope, each by exactly its definition:
//! a session counts once, at its host platform, in the area it was held in (`sessions.area_id`),
//! so a parent's figure is the sum of its children's; cancelled sessions and drafts never count;
//! consultation sessions and service activities are counted apart; 人次 are visits.

mod breakdowns;
mod coverage;
mod scope;
mod sources;

use chrono::NaiveDateTime;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::{clock::db_time, db::Db};
use model::domain::{Dimension, Drill, Period};
use model::views::tallies::TallyRecord;
use sources::Source;

pub use breakdowns::{breakdowns, name_of};
pub use coverage::{coverage, CoverageIndex};
pub use model::domain::Figures;
pub use scope::resolve_for;

/// Whose figures: an area subtree (by its path), optionally one platform type or one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub area_path: String,
    pub platform_type: Option<String>,
    pub platform_id: Option<i64>,
}

impl Scope {
    pub fn area(path: &str) -> Self {
        Self {
            area_path: path.to_owned(),
            platform_type: None,
            platform_id: None,
        }
    }
}

/// A query over one figure's records with the seven parameters every source statement uses.
fn bound<'q, O>(
    q: sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>,
    scope: &'q Scope,
    period: Period,
    now: NaiveDateTime,
    value: Option<&'q str>,
) -> sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>> {
    q.bind(&scope.area_path)
        .bind(&scope.platform_type)
        .bind(scope.platform_id)
        .bind(period.from().to_string())
        .bind((period.to() + chrono::TimeDelta::days(1)).to_string())
        .bind(db_time(now))
        .bind(value)
}

/// How many records one figure counts, optionally within one value of a dimension.
#[tracing::instrument(level = "debug", skip_all, fields(?drill))]
pub async fn count(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
) -> Result<i64, StoreError> {
    let source = Source::of(drill);
    let dimension = split.map(|(d, _)| d);
    let sql = match per_session(&source, dimension) {
        Some((column, filter)) => format!(
            "SELECT coalesce(sum({column}), 0) FROM {} WHERE {filter}",
            sources::SESSIONS
        ),
        None => format!(
            "SELECT count(*) FROM {} WHERE {}",
            source.from(dimension),
            source.filter_by(dimension)
        ),
    };
    let (n,): (i64,) = bound(
        sqlx::query_as(&sql),
        scope,
        period,
        now,
        split.map(|(_, v)| v),
    )
    .fetch_one(&db.read)
    .await?;
    Ok(n)
}

/// The sessions' column and filter to count a figure with, when it has them and the split (if
/// any) is the session's own; else the rows themselves are counted.
fn per_session(source: &Source, dimension: Option<Dimension>) -> Option<(&str, String)> {
    let (column, _) = source.per_session.as_ref()?;
    match dimension {
        None => Some((column, source.per_session_filter(None))),
        Some(d) if sources::on_session(d) => Some((column, source.per_session_filter(Some(d)))),
        Some(_) => None,
    }
}

/// What the figures page shows: a period's figures, those of the same days a year before, and
/// every breakdown, read at once, each part on a read connection of its own.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overview(
    db: &Db,
    scope: &Scope,
    names: &model::views::tallies::ScopeNames,
    period: Period,
    now: NaiveDateTime,
) -> Result<(Figures, Figures, Vec<model::views::tallies::Breakdown>), StoreError> {
    futures_util::future::try_join3(
        figures(db, scope, period, now),
        figures(db, scope, period.year_before(), now),
        breakdowns(db, scope, names, period, now),
    )
    .await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn figures(
    db: &Db,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Figures, StoreError> {
    // Everything counted on held sessions in one pass; the rest one query each.
    let sql = format!(
        "SELECT total(s.kind IN {kinds}), total(s.kind NOT IN {kinds}),
                total(s.resident_visits), total(s.member_visits), total(s.suggestions),
                total(s.suggestions_adopted), total(s.ratings), total(s.ratings_satisfied)
         FROM {from} WHERE {filter}",
        kinds = sources::CONSULTATION_KINDS,
        from = sources::SESSIONS,
        filter = Source::of(Drill::ResidentVisits).per_session_filter(None),
    );
    let held: (f64, f64, f64, f64, f64, f64, f64, f64) =
        bound(sqlx::query_as(&sql), scope, period, now, None)
            .fetch_one(&db.read)
            .await?;
    // `total()` is SQLite's never-NULL sum, a float holding a whole count.
    let whole = |x: f64| x as i64;
    let n = |drill| count(db, drill, scope, period, now, None);
    let with_part = |w, p| count_with_part(db, w, p, scope, period, now);
    let (platforms_active, platforms_new, (topics, topics_taken_up)) = futures_util::try_join!(
        n(Drill::PlatformsActive),
        n(Drill::PlatformsNew),
        with_part(Drill::Topics, Drill::TopicsTakenUp),
    )?;
    let (problems_resolved, (problems_raised, problems_raised_resolved), reviews) = futures_util::try_join!(
        n(Drill::ProblemsResolved),
        with_part(Drill::ProblemsRaised, Drill::ProblemsRaisedResolved),
        n(Drill::Reviews),
    )?;
    Ok(Figures {
        platforms_active,
        platforms_new,
        consultations: whole(held.0),
        services: whole(held.1),
        topics,
        topics_taken_up,
        resident_visits: whole(held.2),
        member_visits: whole(held.3),
        suggestions: whole(held.4),
        suggestions_adopted: whole(held.5),
        problems_resolved,
        problems_raised,
        problems_raised_resolved,
        ratings: whole(held.6),
        ratings_satisfied: whole(held.7),
        reviews,
    })
}

/// One figure split by a dimension: each value that occurs, with its count, in value order.
/// The counts add up to the figure, since every record has exactly one value.
#[tracing::instrument(level = "debug", skip_all, fields(?drill, ?dimension))]
pub async fn breakdown(
    db: &Db,
    drill: Drill,
    dimension: Dimension,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<(String, i64)>, StoreError> {
    if !drill.has(dimension) {
        return Ok(Vec::new());
    }
    let source = Source::of(drill);
    let sql = match per_session(&source, Some(dimension)) {
        Some((column, _)) => format!(
            "SELECT {value} AS v, sum({column}) AS n FROM {from} WHERE {filter}
             GROUP BY v HAVING n > 0 ORDER BY v",
            value = source.value(dimension),
            from = sources::SESSIONS,
            filter = source.per_session_filter(None),
        ),
        None => format!(
            "SELECT {value} AS v, count(*) FROM {from} WHERE {filter} GROUP BY v ORDER BY v",
            value = source.value(dimension),
            from = source.from(Some(dimension)),
            filter = source.filter_by(None),
        ),
    };
    Ok(bound(sqlx::query_as(&sql), scope, period, now, None)
        .fetch_all(&db.read)
        .await?)
}

/// How many records a figure counts and how many of them a narrower figure of the same rows
/// counts (topics and those taken up; problems raised and those of them resolved), in one pass.
#[tracing::instrument(level = "debug", skip_all, fields(?whole))]
pub async fn count_with_part(
    db: &Db,
    whole: Drill,
    part: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<(i64, i64), StoreError> {
    let (w, p) = (Source::of(whole), Source::of(part));
    let sql = format!(
        "SELECT count(*), total(CASE WHEN {part} THEN 1 ELSE 0 END) FROM {from} WHERE {filter}",
        part = p.filter_by(None),
        from = w.from(None),
        filter = w.filter_by(None),
    );
    let (n, k): (i64, f64) = bound(sqlx::query_as(&sql), scope, period, now, None)
        .fetch_one(&db.read)
        .await?;
    // `total()` is SQLite's never-NULL sum, a float holding a whole count.
    Ok((n, k as i64))
}

/// A figure's records split by two dimensions at once (topics by category and by source), with
/// how many of each pair of values a narrower figure of the same rows counts: one pass for two
/// breakdowns. Each row: the two values, the figure's count and the narrower one's.
#[tracing::instrument(level = "debug", skip_all, fields(?whole, ?dimensions))]
pub async fn breakdown_pair(
    db: &Db,
    whole: Drill,
    part: Option<Drill>,
    dimensions: [Dimension; 2],
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    let w = Source::of(whole);
    let part = match part {
        Some(p) => format!(
            "total(CASE WHEN {} THEN 1 ELSE 0 END)",
            Source::of(p).filter_by(None)
        ),
        None => "0.0".to_owned(),
    };
    let sql = format!(
        "SELECT {a} AS a, {b} AS b, count(*), {part} FROM {from} WHERE {filter} GROUP BY a, b",
        a = w.value(dimensions[0]),
        b = w.value(dimensions[1]),
        from = w.from(None),
        filter = w.filter_by(None),
    );
    let rows: Vec<(String, String, i64, f64)> =
        bound(sqlx::query_as(&sql), scope, period, now, None)
            .fetch_all(&db.read)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(a, b, n, k)| (a, b, n, k as i64))
        .collect())
}

/// Several figures kept per session (see [`kept_per_session`]), split by a dimension of the
/// session's own (`sources::on_session`), in one pass over the scope's held sessions: each value
/// that occurs, with one count per figure of `drills`, in order. The same counts as
/// [`breakdown`] gives each figure, in one pass instead of one each.
#[tracing::instrument(level = "debug", skip_all, fields(?dimension))]
pub async fn breakdown_held(
    db: &Db,
    drills: &[Drill],
    dimension: Dimension,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<(String, Vec<i64>)>, StoreError> {
    let held = Source::of(Drill::ResidentVisits);
    let sums: Vec<String> = drills
        .iter()
        .map(|&drill| match per_session(&Source::of(drill), None) {
            Some((column, filter)) => format!("total(CASE WHEN {filter} THEN {column} ELSE 0 END)"),
            None => "0".to_owned(),
        })
        .collect();
    // The counts as one JSON array: a row of as many columns as figures asked for.
    let sql = format!(
        "SELECT {value} AS v, json_array({sums}) FROM {from} WHERE {filter} GROUP BY v ORDER BY v",
        value = held.value(dimension),
        sums = sums.join(", "),
        from = sources::SESSIONS,
        filter = held.per_session_filter(None),
    );
    let rows: Vec<(String, String)> = bound(sqlx::query_as(&sql), scope, period, now, None)
        .fetch_all(&db.read)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, json)| {
            // `total()` is SQLite's never-NULL sum, a float holding a whole count.
            let counts: Vec<f64> = serde_json::from_str(&json).ok()?;
            let counts: Vec<i64> = counts.into_iter().map(|n| n as i64).collect();
            counts.iter().any(|n| *n > 0).then_some((key, counts))
        })
        .collect())
}

/// Whether a figure is kept per session, so that [`breakdown_held`] counts it.
pub fn kept_per_session(drill: Drill) -> bool {
    Source::of(drill).per_session.is_some()
}

/// The `SELECT` of a figure's records, optionally within one value of a dimension, and only
/// those of sessions recorded afterwards when `recorded_only`, in date order.
fn records_sql(drill: Drill, split: Option<Dimension>, recorded_only: bool) -> String {
    let s = Source::of(drill);
    format!(
        "SELECT {link} AS link, date({date}) AS date, {title} AS title, p.name AS platform_name,
                a.name AS area_name, {detail} AS detail, {marked} AS recorded_afterwards
         FROM {from} WHERE {filter}{only} ORDER BY {date}, link",
        link = s.link,
        date = s.date,
        title = s.title,
        detail = s.detail,
        marked = s.marked,
        from = s.listed(),
        filter = s.filter_by(split),
        only = if recorded_only {
            format!(" AND {} = 1", s.marked)
        } else {
            String::new()
        },
    )
}

/// How many of a figure's records belong to sessions recorded afterwards (补录), optionally
/// within one value of a dimension: a count of the listed rows, for the filtered list.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_recorded(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
) -> Result<i64, StoreError> {
    let s = Source::of(drill);
    let sql = format!(
        "SELECT count(*) FROM {} WHERE {} AND {} = 1",
        s.listed(),
        s.filter_by(split.map(|(d, _)| d)),
        s.marked
    );
    let (n,): (i64,) = bound(
        sqlx::query_as(&sql),
        scope,
        period,
        now,
        split.map(|(_, v)| v),
    )
    .fetch_one(&db.read)
    .await?;
    Ok(n)
}

/// A page of the records behind a figure, by the figure's own definition.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn records(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
    recorded_only: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<TallyRecord>, StoreError> {
    let sql = format!(
        "{} LIMIT {limit} OFFSET {offset}",
        records_sql(drill, split.map(|(d, _)| d), recorded_only),
        limit = limit.clamp(0, 10_000),
        offset = offset.max(0),
    );
    Ok(bound(
        sqlx::query_as(&sql),
        scope,
        period,
        now,
        split.map(|(_, v)| v),
    )
    .fetch_all(&db.read)
    .await?)
}

/// Every record behind a figure, one at a time, handed to `sink` until it says stop, so an
/// export of millions of rows never holds them all in memory.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn each_record<F, Fut>(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
    recorded_only: bool,
    mut sink: F,
) -> Result<(), StoreError>
where
    F: FnMut(TallyRecord) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let sql = records_sql(drill, split.map(|(d, _)| d), recorded_only);
    let mut rows = bound(
        sqlx::query_as(&sql),
        scope,
        period,
        now,
        split.map(|(_, v)| v),
    )
    .fetch(&db.read);
    while let Some(record) = rows.try_next().await? {
        if !sink(record).await {
            break;
        }
    }
    Ok(())
}
