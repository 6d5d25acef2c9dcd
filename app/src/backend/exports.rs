//! Exports of the yearly figures for spreadsheets. CSV is UTF-8 with a byte-order mark, which
//! is what makes Excel on Chinese Windows read the characters right.

use chrono::{NaiveDate, NaiveDateTime};

use super::{
    auth,
    db::Db,
    repo::{areas, tallies, StoreError},
};
use crate::{
    api::areas::AreaSummary,
    domain::Figures,
    i18n::{Lang, T},
};

/// Why an export was not made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Not signed in as staff over the area, or no such area: the same answer for both.
    #[error("no such export")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export failed: {0}")]
    Write(String),
}

/// The columns: every figure, with its label as reports word it.
fn columns(f: &Figures) -> [(T, i64); 16] {
    [
        (T::FigConsultations, f.consultations),
        (T::FigServices, f.services),
        (T::FigTopics, f.topics),
        (T::FigTopicsTakenUp, f.topics_taken_up),
        (T::FigResidentVisits, f.resident_visits),
        (T::FigMemberVisits, f.member_visits),
        (T::FigSuggestions, f.suggestions),
        (T::FigSuggestionsAdopted, f.suggestions_adopted),
        (T::FigProblemsResolved, f.problems_resolved),
        (T::FigProblemsRaised, f.problems_raised),
        (T::FigProblemsRaisedResolved, f.problems_raised_resolved),
        (T::FigRatings, f.ratings),
        (T::FigRatingsSatisfied, f.ratings_satisfied),
        (T::FigReviews, f.reviews),
        (T::FigPlatformsActive, f.platforms_active),
        (T::FigPlatformsNew, f.platforms_new),
    ]
}

/// A year's figures of an area and of each area directly below it, one row each, the area
/// itself last as the total. Only staff over the area get it.
pub async fn figures_csv(
    db: &Db,
    cookie: Option<&str>,
    area_id: i64,
    year: i32,
    now: NaiveDateTime,
) -> Result<(AreaSummary, Vec<u8>), ExportError> {
    let me = auth::principal_from_cookie(db, cookie).await?;
    let area = match areas::get(db, area_id).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => return Err(ExportError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !me.is_some_and(|m| m.is_staff() && m.covers_area(&area.path)) {
        return Err(ExportError::NotFound);
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ExportError::NotFound)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(ExportError::NotFound)?;
    let scope = |path: &str| tallies::Scope {
        area_path: path.to_owned(),
        platform_type: None,
        platform_id: None,
    };
    let write_err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = columns(&Figures::default()).map(|(t, _)| t.tr(Lang::Zh));
    out.write_record(
        [T::AreaColumn.tr(Lang::Zh), T::YearColumn.tr(Lang::Zh)]
            .into_iter()
            .chain(header),
    )
    .map_err(write_err)?;
    let mut rows: Vec<(String, String)> = areas::children_with_counts(db, &area, false)
        .await?
        .into_iter()
        .map(|c| (c.area.name, c.area.path))
        .collect();
    rows.push((
        format!("{}（{}）", area.name, T::TotalRow.tr(Lang::Zh)),
        area.path.clone(),
    ));
    for (name, path) in rows {
        let f = tallies::figures(db, &scope(&path), from, to, now).await?;
        let values = columns(&f).map(|(_, v)| v.to_string());
        out.write_record([name, year.to_string()].into_iter().chain(values))
            .map_err(write_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))?;
    Ok((area, bytes))
}
