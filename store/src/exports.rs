//! Exports of the figures for spreadsheets, and of the records behind a figure. CSV is UTF-8
//! with a byte-order mark, which is what makes Excel on Chinese Windows read the characters
//! right. The record list is streamed: it may be millions of rows.

use chrono::NaiveDateTime;

use super::{
    auth::{self, Principal},
    csv_out::CsvOut,
    db::Db,
    repo::{
        areas,
        tallies::{self, resolve_for},
        StoreError,
    },
};
use model::{
    domain::{AreaLevel, Drill, Figures, Period},
    error::AppError,
    i18n::{fmt_period, Label, Lang, T},
    views::tallies::Coverage,
    views::tallies::{file_stem, Breakdown, ScopeNames, TallyParams},
};

/// Why an export was not made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Not signed in as staff over the scope, or no such scope: the same answer for both.
    #[error("no such export")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export failed: {0}")]
    Write(String),
}

impl From<AppError> for ExportError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Unexpected => Self::Write("unexpected".to_owned()),
            _ => Self::NotFound,
        }
    }
}

/// What an export is of: the staff member's scope and the period.
pub struct Subject {
    pub scope: tallies::Scope,
    pub names: ScopeNames,
    pub period: Period,
}

impl Subject {
    /// The file name without extension: "东湖区2026年协商议事统计".
    pub fn file_stem(&self) -> String {
        file_stem(&self.names, self.period)
    }
}

/// The scope a cookie's staff member may export, or `NotFound` for anyone else.
pub async fn subject(
    db: &Db,
    cookie: Option<&str>,
    params: &TallyParams,
    now: NaiveDateTime,
) -> Result<Subject, ExportError> {
    let me: Principal = auth::principal_from_cookie(db, cookie)
        .await?
        .ok_or(ExportError::NotFound)?;
    let (scope, names) = resolve_for(db, &me, params).await?;
    Ok(Subject {
        scope,
        names,
        period: params.period(now.date()),
    })
}

/// The columns: every figure, with its label as reports word it.
fn columns(f: &Figures) -> [(T, i64); 16] {
    f.each().map(|(drill, n)| (drill.label(), n))
}

/// One row of the table by area: its name, its figures, and its coverage (none for the own-share
/// row, which has no areas below it of its own).
struct AreaRow {
    name: String,
    figures: Figures,
    coverage: Option<Vec<Coverage>>,
}

/// The table by area, and the levels whose coverage it has columns for.
struct AreaTable {
    levels: Vec<AreaLevel>,
    rows: Vec<AreaRow>,
}

impl AreaTable {
    /// The column names: area, period, every figure, then per level its covered and all areas.
    fn header(&self) -> Vec<String> {
        [T::AreaColumn.tr(Lang::Zh), T::PeriodColumn.tr(Lang::Zh)]
            .into_iter()
            .chain(columns(&Figures::default()).map(|(t, _)| t.tr(Lang::Zh)))
            .map(str::to_owned)
            .chain(self.levels.iter().flat_map(|l| {
                let level = l.label(Lang::Zh);
                [
                    format!("{level}{}", T::CoverageCoveredColumn.tr(Lang::Zh)),
                    format!("{level}{}", T::CoverageAreasColumn.tr(Lang::Zh)),
                ]
            }))
            .collect()
    }

    /// A row's coverage cells, aligned with the header: empty where the level does not apply.
    fn coverage_cells(&self, row: &AreaRow) -> Vec<Option<i64>> {
        self.levels
            .iter()
            .flat_map(|level| {
                let found = row
                    .coverage
                    .as_ref()
                    .and_then(|c| c.iter().find(|c| c.level == *level));
                [found.map(|c| c.covered), found.map(|c| c.areas)]
            })
            .collect()
    }
}

/// The figures of each area directly below the scope's, one row each, then what the scope's
/// own area holds itself (本级: its total less its children's, so the table adds up on its
/// face), and the scope last as the total; with each row's coverage when the scope is a whole
/// area (not one platform type or platform).
async fn area_table(db: &Db, s: &Subject, now: NaiveDateTime) -> Result<AreaTable, ExportError> {
    let mut scopes: Vec<(String, tallies::Scope)> = areas::children(db, &s.names.area)
        .await?
        .into_iter()
        .map(|c| {
            let scope = tallies::Scope {
                area_path: c.path,
                ..s.scope.clone()
            };
            (c.name, scope)
        })
        .collect();
    scopes.push((
        format!(
            "{}（{}）",
            s.names.title(Lang::Zh),
            T::TotalRow.tr(Lang::Zh)
        ),
        s.scope.clone(),
    ));
    let whole_area = s.scope.platform_type.is_none() && s.scope.platform_id.is_none();
    let index = match whole_area {
        true => {
            let day = s.period.to() + chrono::Days::new(1);
            Some(tallies::CoverageIndex::read(db, &s.names.area, day).await?)
        }
        false => None,
    };
    let mut rows = Vec::with_capacity(scopes.len() + 1);
    for (name, scope) in scopes {
        rows.push(AreaRow {
            name,
            figures: tallies::figures(db, &scope, s.period, now).await?,
            coverage: index.as_ref().map(|i| i.of(&scope.area_path)),
        });
    }
    if let Some((total, children)) = rows.split_last() {
        let own = children
            .iter()
            .fold(total.figures, |own, child| own.minus(&child.figures));
        let name = format!("{}（{}）", s.names.area.name, T::OwnShareRow.tr(Lang::Zh));
        rows.insert(
            rows.len() - 1,
            AreaRow {
                name,
                figures: own,
                coverage: None,
            },
        );
    }
    let levels = rows
        .last()
        .and_then(|t| t.coverage.as_ref())
        .map(|c| c.iter().map(|c| c.level).collect())
        .unwrap_or_default();
    Ok(AreaTable { levels, rows })
}

/// The figures by area as CSV.
pub async fn figures_csv(db: &Db, s: &Subject, now: NaiveDateTime) -> Result<Vec<u8>, ExportError> {
    let table = area_table(db, s, now).await?;
    let write_err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut out = CsvOut::new(true);
    out.row(table.header()).map_err(write_err)?;
    let period = fmt_period(s.period, Lang::Zh);
    for row in &table.rows {
        let values = columns(&row.figures).map(|(_, v)| v.to_string());
        let coverage = table
            .coverage_cells(row)
            .into_iter()
            .map(|n| n.map(|n| n.to_string()).unwrap_or_default());
        out.row(
            [row.name.clone(), period.clone()]
                .into_iter()
                .chain(values)
                .chain(coverage),
        )
        .map_err(write_err)?;
    }
    out.into_bytes().map_err(ExportError::Write)
}

/// The figures as a workbook: a summary with the rates and their bases, a sheet by area (as
/// the CSV), and a sheet for each breakdown.
pub async fn figures_xlsx(
    db: &Db,
    s: &Subject,
    now: NaiveDateTime,
) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let table = area_table(db, s, now).await?;
    let breakdowns: Vec<Breakdown> =
        tallies::breakdowns(db, &s.scope, &s.names, s.period, now).await?;
    let write = |e: XlsxError| ExportError::Write(e.to_string());
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let total = table.rows.last().map(|r| r.figures).unwrap_or_default();
    let period = fmt_period(s.period, Lang::Zh);
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
                format!("{}{period}协商议事工作统计", s.names.title(Lang::Zh)),
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
        let coverage = table
            .rows
            .last()
            .and_then(|r| r.coverage.clone())
            .unwrap_or_default();
        let rates = [
            (
                T::ResolutionRate.tr(Lang::Zh).to_owned(),
                total.resolution_rate(),
            ),
            (
                T::AdoptionRate.tr(Lang::Zh).to_owned(),
                total.adoption_rate(),
            ),
            (
                T::SatisfactionRate.tr(Lang::Zh).to_owned(),
                total.satisfaction_rate(),
            ),
        ]
        .into_iter()
        .chain(coverage.iter().map(|c| {
            (
                format!(
                    "{}{}",
                    c.level.label(Lang::Zh),
                    T::CoverageTitle.tr(Lang::Zh)
                ),
                c.rate(),
            )
        }));
        for (label, rate) in rates {
            sheet.write_string(r, 0, label).map_err(write)?;
            if let Some(p) = rate.percent() {
                sheet.write_number(r, 1, p).map_err(write)?;
                sheet
                    .write_string(r, 2, format!("%（{}/{}）", rate.part, rate.base))
                    .map_err(write)?;
            }
            r += 1;
        }
    }
    let cell = |c: usize| u16::try_from(c).unwrap_or(u16::MAX);
    let row_at = |r: usize| u32::try_from(r).unwrap_or(u32::MAX);
    {
        let sheet = book
            .add_worksheet()
            .set_name(T::ByArea.tr(Lang::Zh))
            .map_err(write)?;
        for (c, h) in table.header().into_iter().enumerate() {
            sheet
                .write_string_with_format(0, cell(c), h, &bold)
                .map_err(write)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = row_at(i + 1);
            sheet.write_string(r, 0, &row.name).map_err(write)?;
            sheet.write_string(r, 1, &period).map_err(write)?;
            let values = columns(&row.figures).map(|(_, v)| Some(v));
            let cells = values.into_iter().chain(table.coverage_cells(row));
            for (c, v) in cells.enumerate() {
                if let Some(v) = v {
                    sheet
                        .write_number(r, cell(c + 2), v as f64)
                        .map_err(write)?;
                }
            }
        }
    }
    // The area breakdown is the sheet above, with every figure; the others get a sheet each.
    for b in breakdowns
        .into_iter()
        .filter(|b| b.dimension != model::domain::Dimension::Area)
    {
        let sheet = book
            .add_worksheet()
            .set_name(b.dimension.label().tr(Lang::Zh))
            .map_err(write)?;
        sheet.set_column_width(0, 24).map_err(write)?;
        for (c, d) in b.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, cell(c + 1), d.label().tr(Lang::Zh), &bold)
                .map_err(write)?;
        }
        for (i, row) in b.rows.into_iter().enumerate() {
            sheet
                .write_string(row_at(i + 1), 0, row.name.0)
                .map_err(write)?;
            for (c, n) in row.counts.into_iter().enumerate() {
                sheet
                    .write_number(row_at(i + 1), cell(c + 1), n as f64)
                    .map_err(write)?;
            }
        }
    }
    book.save_to_buffer().map_err(write)
}

/// Rows buffered before a chunk goes out: big enough to keep the socket busy, small enough
/// that memory stays flat however long the list is.
const ROWS_PER_CHUNK: usize = 500;

/// Every record behind a figure as CSV (only those of sessions recorded afterwards when
/// `recorded_only`), handed to `send` a chunk at a time (the first with the byte-order mark and
/// the header). Stops early when `send` says the client has gone.
#[allow(clippy::too_many_arguments)]
pub async fn records_csv<F, Fut>(
    db: &Db,
    s: &Subject,
    drill: Drill,
    split: Option<(model::domain::Dimension, &str)>,
    recorded_only: bool,
    now: NaiveDateTime,
    mut send: F,
) -> Result<(), ExportError>
where
    F: FnMut(Vec<u8>) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let new_writer = CsvOut::new;
    let mut out = new_writer(true);
    out.row([
        T::DateColumn.tr(Lang::Zh),
        T::TitleColumn.tr(Lang::Zh),
        T::AreaColumn.tr(Lang::Zh),
        T::PlatformColumn.tr(Lang::Zh),
        T::DetailColumn.tr(Lang::Zh),
        T::RecordedAfterwards.tr(Lang::Zh),
    ])
    .map_err(|e| ExportError::Write(e.to_string()))?;
    let mut buffered = 0;
    let mut failed = None;
    let mut out = Some(out);
    tallies::each_record(
        db,
        drill,
        &s.scope,
        s.period,
        now,
        split,
        recorded_only,
        |r| {
            let mut writer = out.take().unwrap_or_else(|| new_writer(false));
            let written = writer.row([
                r.date.to_string(),
                r.title,
                r.area_name,
                r.platform_name,
                r.detail.unwrap_or_default(),
                if r.recorded_afterwards { "是" } else { "" }.to_owned(),
            ]);
            buffered += 1;
            let chunk = if written.is_err() || buffered >= ROWS_PER_CHUNK {
                buffered = 0;
                if let Err(e) = written {
                    failed = Some(e.to_string());
                }
                writer.into_bytes().ok()
            } else {
                out = Some(writer);
                None
            };
            let keep_going = failed.is_none();
            let sent = chunk.map(&mut send);
            async move {
                match sent {
                    Some(sent) => sent.await && keep_going,
                    None => keep_going,
                }
            }
        },
    )
    .await?;
    if let Some(e) = failed {
        return Err(ExportError::Write(e));
    }
    if let Some(writer) = out {
        let rest = writer.into_bytes().map_err(ExportError::Write)?;
        send(rest).await;
    }
    Ok(())
}
