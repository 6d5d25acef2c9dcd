//! The yearly figures of domain.md, for a period and a scope, each by exactly its definition:
//! a session counts once, at its host platform, in the area it was held in (`sessions.area_id`),
//! so a parent's figure is the sum of its children's; cancelled sessions and drafts never count;
//! consultation sessions and service activities are counted apart; 人次 are visits.

mod sources;

use chrono::NaiveDateTime;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::api::tallies::TallyRecord;
use crate::backend::{clock::db_time, db::Db};
use crate::domain::{Dimension, Drill, Period};
use sources::Source;

pub use crate::domain::Figures;

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
pub async fn count(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
) -> Result<i64, StoreError> {
    let source = Source::of(drill);
    let sql = format!(
        "SELECT count(*) FROM {} WHERE {}",
        source.from,
        source.filter_by(split.map(|(d, _)| d))
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

pub async fn figures(
    db: &Db,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Figures, StoreError> {
    let n = |drill| count(db, drill, scope, period, now, None);
    Ok(Figures {
        platforms_active: n(Drill::PlatformsActive).await?,
        platforms_new: n(Drill::PlatformsNew).await?,
        consultations: n(Drill::Consultations).await?,
        services: n(Drill::Services).await?,
        topics: n(Drill::Topics).await?,
        topics_taken_up: n(Drill::TopicsTakenUp).await?,
        resident_visits: n(Drill::ResidentVisits).await?,
        member_visits: n(Drill::MemberVisits).await?,
        suggestions: n(Drill::Suggestions).await?,
        suggestions_adopted: n(Drill::SuggestionsAdopted).await?,
        problems_resolved: n(Drill::ProblemsResolved).await?,
        problems_raised: n(Drill::ProblemsRaised).await?,
        problems_raised_resolved: n(Drill::ProblemsRaisedResolved).await?,
        ratings: n(Drill::Ratings).await?,
        ratings_satisfied: n(Drill::RatingsSatisfied).await?,
        reviews: n(Drill::Reviews).await?,
    })
}

/// One figure split by a dimension: each value that occurs, with its count, in value order.
/// The counts add up to the figure, since every record has exactly one value.
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
    let sql = format!(
        "SELECT {value} AS v, count(*) FROM {from} WHERE {filter} GROUP BY v ORDER BY v",
        value = source.value(dimension),
        from = source.from,
        filter = source.filter_by(None),
    );
    Ok(bound(sqlx::query_as(&sql), scope, period, now, None)
        .fetch_all(&db.read)
        .await?)
}

/// The `SELECT` of a figure's records, optionally within one value of a dimension, in date order.
fn records_sql(drill: Drill, split: Option<Dimension>) -> String {
    let s = Source::of(drill);
    format!(
        "SELECT {link} AS link, date({date}) AS date, {title} AS title, p.name AS platform_name,
                a.name AS area_name, {detail} AS detail
         FROM {from} WHERE {filter} ORDER BY {date}, link",
        link = s.link,
        date = s.date,
        title = s.title,
        detail = s.detail,
        from = s.from,
        filter = s.filter_by(split),
    )
}

/// A page of the records behind a figure, by the figure's own definition.
#[allow(clippy::too_many_arguments)]
pub async fn records(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
    offset: i64,
    limit: i64,
) -> Result<Vec<TallyRecord>, StoreError> {
    let sql = format!(
        "{} LIMIT {limit} OFFSET {offset}",
        records_sql(drill, split.map(|(d, _)| d)),
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
pub async fn each_record<F, Fut>(
    db: &Db,
    drill: Drill,
    scope: &Scope,
    period: Period,
    now: NaiveDateTime,
    split: Option<(Dimension, &str)>,
    mut sink: F,
) -> Result<(), StoreError>
where
    F: FnMut(TallyRecord) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let sql = records_sql(drill, split.map(|(d, _)| d));
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
