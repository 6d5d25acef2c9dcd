//! The yearly figures as pages and exports show them: the breakdowns, the scope's names, the
//! records behind a figure, and what those files are called.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::tally_params::TallyParams;
use crate::domain::{Dimension, Drill, Period};
use crate::i18n::T;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub columns: Vec<Drill>,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownRow {
    /// The value as links carry it (`key=`).
    pub key: String,
    /// How it reads: (zh-CN, English).
    pub name: (String, String),
    /// One count per column.
    pub counts: Vec<i64>,
    /// For a row of the area breakdown: the area, whose own figures the name opens.
    pub area_id: Option<i64>,
}

impl Drill {
    /// The figure a drill-down lists the records of.
    pub fn label(self) -> T {
        match self {
            Self::Consultations => T::FigConsultations,
            Self::Services => T::FigServices,
            Self::Topics => T::FigTopics,
            Self::TopicsTakenUp => T::FigTopicsTakenUp,
            Self::ResidentVisits => T::FigResidentVisits,
            Self::MemberVisits => T::FigMemberVisits,
            Self::Suggestions => T::FigSuggestions,
            Self::SuggestionsAdopted => T::FigSuggestionsAdopted,
            Self::ProblemsResolved => T::FigProblemsResolved,
            Self::ProblemsRaised => T::FigProblemsRaised,
            Self::ProblemsRaisedResolved => T::FigProblemsRaisedResolved,
            Self::Ratings => T::FigRatings,
            Self::RatingsSatisfied => T::FigRatingsSatisfied,
            Self::Reviews => T::FigReviews,
            Self::PlatformsActive => T::FigPlatformsActive,
            Self::PlatformsNew => T::FigPlatformsNew,
        }
    }
}

impl Dimension {
    pub fn label(self) -> T {
        match self {
            Self::Area => T::ByArea,
            Self::PlatformType => T::ByPlatformType,
            Self::Kind => T::ByKind,
            Self::Format => T::ByFormat,
            Self::Month => T::ByMonth,
            Self::Quarter => T::ByQuarter,
            Self::TopicCategory => T::ByTopicCategory,
            Self::TopicSource => T::ByTopicSource,
            Self::MemberLevel => T::ByMemberLevel,
            Self::Sector => T::BySector,
            Self::ResultClass => T::ByResultClass,
            Self::Conversion => T::ByConversion,
        }
    }
}

/// A choice of scope as a page shows it: the area, and the platform type or platform if one
/// was chosen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScopeNames {
    pub area: crate::views::areas::AreaSummary,
    /// (zh, en) name of the platform type.
    pub platform_type: Option<(String, String)>,
    pub platform: Option<String>,
}

impl ScopeNames {
    /// "东湖区", "东湖区 · 委员工作室", "东湖区 · 东湖社区议事室".
    pub fn title(&self, lang: crate::i18n::Lang) -> String {
        let mut t = self.area.name.clone();
        if let Some((zh, en)) = &self.platform_type {
            t.push_str(" · ");
            t.push_str(if lang == crate::i18n::Lang::Zh {
                zh
            } else {
                en
            });
        }
        if let Some(p) = &self.platform {
            t.push_str(" · ");
            t.push_str(p);
        }
        t
    }
}

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
    /// Its session was recorded afterwards (补录).
    pub recorded_afterwards: bool,
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
    /// How many records there are in all: the figure itself, or of those recorded afterwards
    /// when the list is narrowed to them (`params.recorded`).
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

/// A year closed for an area, by that area's staff or an area's above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ClosedYear {
    pub year: i32,
    pub area_id: i64,
    pub area_name: String,
}

/// 覆盖率: of the areas at one level inside a scope, how many had an active platform standing in
/// them or below them at the period's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub level: crate::domain::AreaLevel,
    pub areas: i64,
    pub covered: i64,
}

impl Coverage {
    pub fn rate(&self) -> crate::domain::Rate {
        crate::domain::Rate {
            part: self.covered,
            base: self.areas,
        }
    }
}

/// The areas at one level that no active platform covered at the period's end: the list staff
/// work from to reach full coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uncovered {
    pub params: TallyParams,
    pub period: Period,
    pub names: ScopeNames,
    pub level: crate::domain::AreaLevel,
    pub coverage: Coverage,
    pub areas: Vec<super::areas::AreaSummary>,
}
