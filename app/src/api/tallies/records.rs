use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Drill;
use crate::{api::areas::AreaSummary, error::AppError};

/// One record behind a figure: a session held, an attendance, a suggestion, a problem resolved,
/// a follow-up visit (each with its session), or a topic.
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRecords {
    pub year: i32,
    pub area: AreaSummary,
    pub drill: Drill,
    pub records: Vec<TallyRecord>,
}

/// The records behind one figure, by the same definition as the figure (so their number is
/// the figure).
#[server(endpoint = "tallies/records")]
pub async fn load_tally_records(
    year: Option<i32>,
    area: Option<i64>,
    drill: String,
) -> Result<TallyRecords, AppError> {
    use crate::backend::{clock::now_local, repo::tallies};
    let drill = Drill::from_code(&drill).ok_or(AppError::NotFound)?;
    let (db, area) = super::scoped_area(area).await?;
    let now = now_local();
    let year = super::year_or_now(year, now);
    let records = tallies::records(&db, &area.path, year, drill, now).await?;
    Ok(TallyRecords {
        year,
        area,
        drill,
        records,
    })
}
