//! The yearly figures for staff (年度统计): a year and an area subtree, this year against the
//! last, broken down by the next level of areas; each headline number opens the records behind it.

mod records;
mod view;

pub use records::{load_tally_records, TallyRecord, TallyRecords};
pub use view::{load_tallies, TallyView};

/// Which records a drill-down lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Drill {
    Consultations,
    Services,
    Topics,
    ResidentVisits,
    MemberVisits,
    Suggestions,
    ProblemsResolved,
    Reviews,
}

impl Drill {
    pub fn code(self) -> &'static str {
        match self {
            Self::Consultations => "consultations",
            Self::Services => "services",
            Self::Topics => "topics",
            Self::ResidentVisits => "resident-visits",
            Self::MemberVisits => "member-visits",
            Self::Suggestions => "suggestions",
            Self::ProblemsResolved => "problems",
            Self::Reviews => "reviews",
        }
    }

    /// The figure a drill-down lists the records of.
    pub fn label(self) -> crate::i18n::T {
        use crate::i18n::T;
        match self {
            Self::Consultations => T::FigConsultations,
            Self::Services => T::FigServices,
            Self::Topics => T::FigTopics,
            Self::ResidentVisits => T::FigResidentVisits,
            Self::MemberVisits => T::FigMemberVisits,
            Self::Suggestions => T::FigSuggestions,
            Self::ProblemsResolved => T::FigProblemsResolved,
            Self::Reviews => T::FigReviews,
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Consultations,
            Self::Services,
            Self::Topics,
            Self::ResidentVisits,
            Self::MemberVisits,
            Self::Suggestions,
            Self::ProblemsResolved,
            Self::Reviews,
        ]
        .into_iter()
        .find(|d| d.code() == code)
    }
}

/// The staff member's area to show: the one asked for if they cover it, else their first.
#[cfg(feature = "ssr")]
pub(crate) async fn scoped_area(
    area: Option<i64>,
) -> Result<(crate::backend::db::Db, crate::api::areas::AreaSummary), crate::error::AppError> {
    use crate::backend::{repo, require_principal, state};
    use crate::error::AppError;
    let me = require_principal().await?;
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let area = match area {
        Some(id) => repo::areas::get(&db, id).await?,
        None => match me.staff_scopes.first() {
            Some(scope) if !me.is_admin => repo::areas::get(&db, scope.area_id).await?,
            _ => repo::areas::root(&db).await?,
        },
    };
    if !me.covers_area(&area.path) {
        return Err(AppError::Forbidden);
    }
    Ok((db, area))
}

/// A year from the query, or this year; years far outside the product's life are refused.
pub fn year_or_now(year: Option<i32>, now: chrono::NaiveDateTime) -> i32 {
    use chrono::Datelike;
    year.filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| now.year())
}
