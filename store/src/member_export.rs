//! 委员履职统计 as CSV, for 履职考核: the staff member's members with their totals for the
//! period, the same rows and columns as the page.

use chrono::NaiveDateTime;

use crate::{
    csv_out::CsvOut,
    db::Db,
    exports::{ExportError, Subject},
    repo::member_attendance,
};
use model::i18n::{fmt_period, Label, Lang, T};

/// The file's name: "东湖区2026年委员履职统计.csv".
pub fn file_name(s: &Subject) -> String {
    format!(
        "{}{}{}.csv",
        s.names.title(Lang::Zh),
        fmt_period(s.period, Lang::Zh),
        T::MemberTotalsTitle.tr(Lang::Zh)
    )
}

pub async fn members_csv(db: &Db, s: &Subject, now: NaiveDateTime) -> Result<Vec<u8>, ExportError> {
    let members = member_attendance::totals(db, &s.scope.area_path, s.period, now).await?;
    let write_err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut out = CsvOut::new(true);
    out.row(
        [
            T::MemberColumn,
            T::MemberLevelColumn,
            T::SectorColumn,
            T::HomeAreaColumn,
            T::PeriodColumn,
            T::AttendedColumn,
            T::GrassrootsColumn,
            T::AbsentColumn,
            T::LeaveColumn,
            T::SuggestionsColumn,
        ]
        .map(|t| t.tr(Lang::Zh)),
    )
    .map_err(write_err)?;
    let period = fmt_period(s.period, Lang::Zh);
    for m in members {
        out.row([
            m.name,
            m.level.label(Lang::Zh).to_owned(),
            m.sector,
            m.area_name.unwrap_or_default(),
            period.clone(),
            m.attended.to_string(),
            m.grassroots.to_string(),
            m.absent.to_string(),
            m.leave.to_string(),
            m.suggestions.to_string(),
        ])
        .map_err(write_err)?;
    }
    out.into_bytes().map_err(ExportError::Write)
}
