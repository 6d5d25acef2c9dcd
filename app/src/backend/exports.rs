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
/// itself last as the total. Only staff over the area get them.
async fn figure_rows(
    db: &Db,
    cookie: Option<&str>,
    area_id: i64,
    year: i32,
    now: NaiveDateTime,
) -> Result<(AreaSummary, Vec<(String, Figures)>), ExportError> {
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
    let mut areas_in_rows: Vec<(String, String)> = areas::children(db, &area)
        .await?
        .into_iter()
        .map(|c| (c.name, c.path))
        .collect();
    areas_in_rows.push((
        format!("{}（{}）", area.name, T::TotalRow.tr(Lang::Zh)),
        area.path.clone(),
    ));
    let mut rows = Vec::with_capacity(areas_in_rows.len());
    for (name, path) in areas_in_rows {
        rows.push((
            name,
            tallies::figures(db, &scope(&path), from, to, now).await?,
        ));
    }
    Ok((area, rows))
}

fn header() -> Vec<&'static str> {
    [T::AreaColumn.tr(Lang::Zh), T::YearColumn.tr(Lang::Zh)]
        .into_iter()
        .chain(columns(&Figures::default()).map(|(t, _)| t.tr(Lang::Zh)))
        .collect()
}

/// The figures as CSV.
pub async fn figures_csv(
    db: &Db,
    cookie: Option<&str>,
    area_id: i64,
    year: i32,
    now: NaiveDateTime,
) -> Result<(AreaSummary, Vec<u8>), ExportError> {
    let (area, rows) = figure_rows(db, cookie, area_id, year, now).await?;
    let write_err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(header()).map_err(write_err)?;
    for (name, f) in rows {
        let values = columns(&f).map(|(_, v)| v.to_string());
        out.write_record([name, year.to_string()].into_iter().chain(values))
            .map_err(write_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))?;
    Ok((area, bytes))
}

/// The figures as a workbook: a sheet by area (as the CSV) and a summary sheet with the rates
/// and their bases.
pub async fn figures_xlsx(
    db: &Db,
    cookie: Option<&str>,
    area_id: i64,
    year: i32,
    now: NaiveDateTime,
) -> Result<(AreaSummary, Vec<u8>), ExportError> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let (area, rows) = figure_rows(db, cookie, area_id, year, now).await?;
    let write = |e: XlsxError| ExportError::Write(e.to_string());
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let total = rows.last().map(|(_, f)| *f).unwrap_or_default();
    {
        let sheet = book
            .add_worksheet()
            .set_name(T::SheetSummary.tr(Lang::Zh))
            .map_err(write)?;
        sheet.set_column_width(0, 36).map_err(write)?;
        sheet
            .write_string_with_format(
                0,
                0,
                format!("{}{year}年协商议事工作统计", area.name),
                &bold,
            )
            .map_err(write)?;
        let mut r = 2;
        for (label, value) in columns(&total) {
            sheet
                .write_string(r, 0, label.tr(Lang::Zh))
                .map_err(write)?;
            sheet.write_number(r, 1, value as f64).map_err(write)?;
            r += 1;
        }
        for (label, rate) in [
            (T::ResolutionRate, total.resolution_rate()),
            (T::AdoptionRate, total.adoption_rate()),
            (T::SatisfactionRate, total.satisfaction_rate()),
        ] {
            sheet
                .write_string(r, 0, label.tr(Lang::Zh))
                .map_err(write)?;
            if let Some(p) = rate.percent() {
                sheet.write_number(r, 1, p).map_err(write)?;
                sheet
                    .write_string(r, 2, format!("%（{}/{}）", rate.part, rate.base))
                    .map_err(write)?;
            }
            r += 1;
        }
    }
    let sheet = book
        .add_worksheet()
        .set_name(T::ByArea.tr(Lang::Zh))
        .map_err(write)?;
    for (c, h) in header().into_iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, c, h, &bold)
            .map_err(write)?;
    }
    for (i, (name, f)) in rows.into_iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_string(r, 0, name).map_err(write)?;
        sheet.write_number(r, 1, year).map_err(write)?;
        for (c, (_, v)) in columns(&f).into_iter().enumerate() {
            let c = u16::try_from(c + 2).unwrap_or(u16::MAX);
            sheet.write_number(r, c, v as f64).map_err(write)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(write)?;
    Ok((area, bytes))
}
