use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{ScopeNames, TallyParams};
use crate::domain::{Dimension, Drill, Period};
use crate::error::AppError;

/// One record behind a figure: a session held, an attendance, a suggestion, a problem, a rating,
/// a follow-up visit (each with its session), a topic or a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TallyRecord {
    /// Where the record itself is.
    pub link: String,
    pub date: NaiveDate,
    pub title: String,
    pub platform_name: String,
    pub area_name: String,
    /// The attendee, the suggestion, the problem and its evidence, the visit's findings.
    pub detail: Option<String>,
}

/// Records listed on one page.
pub const PER_PAGE: i64 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRecords {
    pub params: TallyParams,
    pub period: Period,
    pub names: ScopeNames,
    pub drill: Drill,
    /// The breakdown row the list is narrowed to, and how its value reads (zh, en).
    pub split: Option<(Dimension, String, (String, String))>,
    /// How many records there are in all: the figure itself.
    pub total: i64,
    pub page: u32,
    pub records: Vec<TallyRecord>,
}

/// "东湖区2026年协商议事统计": what exports of a scope's period are called.
pub fn file_stem(names: &ScopeNames, period: Period) -> String {
    use crate::i18n::{fmt_period, Lang};
    format!(
        "{}{}协商议事统计",
        names.title(Lang::Zh).replace(" · ", ""),
        fmt_period(period, Lang::Zh)
    )
}

/// "东湖区2026年协商议事统计-参与群众（人次）.csv": what a figure's record export is called.
pub fn export_file_name(names: &ScopeNames, period: Period, drill: Drill) -> String {
    format!(
        "{}-{}.csv",
        file_stem(names, period),
        drill.label().tr(crate::i18n::Lang::Zh)
    )
}

/// The records behind one figure, by the same definition as the figure (so their number is
/// the figure), a page at a time.
#[server(endpoint = "tallies/records")]
pub async fn load_tally_records(params: TallyParams) -> Result<TallyRecords, AppError> {
    use crate::backend::{clock::now_local, repo::tallies};
    let drill = params.drill.ok_or(AppError::NotFound)?;
    let (db, scope, names) = super::resolve(&params).await?;
    let now = now_local();
    let period = params.period(now.date());
    let split = match (params.by, &params.key) {
        (Some(by), Some(key)) if drill.has(by) => Some((by, key.clone())),
        (Some(_), _) => return Err(AppError::NotFound),
        _ => None,
    };
    let split_ref = split.as_ref().map(|(d, k)| (*d, k.as_str()));
    let total = tallies::count(&db, drill, &scope, period, now, split_ref).await?;
    let page = params.page.unwrap_or(1).max(1);
    let records = tallies::records(
        &db,
        drill,
        &scope,
        period,
        now,
        split_ref,
        (i64::from(page) - 1) * PER_PAGE,
        PER_PAGE,
    )
    .await?;
    let split = match split {
        Some((by, key)) => {
            let name = super::breakdowns::name_of(&db, &names, by, &key).await?;
            Some((by, key, name))
        }
        None => None,
    };
    Ok(TallyRecords {
        params: TallyParams {
            area: Some(names.area.id),
            ..params
        },
        period,
        names,
        drill,
        split,
        total,
        page,
        records,
    })
}
