//! The yearly figures for staff (年度统计): a period and a scope (an area subtree, optionally one
//! platform type or one platform), against the year before, with every breakdown of domain.md;
//! each number opens the records behind it.

mod breakdowns;
mod params;
mod records;
mod view;

#[cfg(feature = "ssr")]
pub(crate) use breakdowns::breakdowns;
pub use breakdowns::{Breakdown, BreakdownRow};
pub use params::TallyParams;
pub use records::{
    export_file_name, file_stem, load_tally_records, TallyRecord, TallyRecords, PER_PAGE,
};
pub use view::{load_tallies, TallyView};

pub use crate::domain::{Dimension, Drill};
use crate::i18n::T;

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
        }
    }
}

/// A choice of scope as a page shows it: the area, and the platform type or platform if one
/// was chosen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScopeNames {
    pub area: crate::api::areas::AreaSummary,
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

/// The signed-in staff member's scope (see [`resolve_for`]), for a server function.
#[cfg(feature = "ssr")]
pub(crate) async fn resolve(
    params: &TallyParams,
) -> Result<
    (
        crate::backend::db::Db,
        crate::backend::repo::tallies::Scope,
        ScopeNames,
    ),
    crate::error::AppError,
> {
    let me = crate::backend::require_principal().await?;
    let db = crate::backend::state()?.db;
    let (scope, names) = resolve_for(&db, &me, params).await?;
    Ok((db, scope, names))
}

/// A staff member's scope: the area asked for if they cover it (else their own), and the
/// platform type or platform within it. A platform outside the area is refused as missing.
#[cfg(feature = "ssr")]
pub async fn resolve_for(
    db: &crate::backend::db::Db,
    me: &crate::backend::auth::Principal,
    params: &TallyParams,
) -> Result<(crate::backend::repo::tallies::Scope, ScopeNames), crate::error::AppError> {
    use crate::backend::{repo, repo::tallies::Scope};
    use crate::error::AppError;
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let area = match params.area {
        Some(id) => repo::areas::get(db, id).await?,
        None => match me.staff_scopes.first() {
            Some(scope) if !me.is_admin => repo::areas::get(db, scope.area_id).await?,
            _ => repo::areas::root(db).await?,
        },
    };
    if !me.covers_area(&area.path) {
        return Err(AppError::Forbidden);
    }
    let platform_type = match &params.platform_type {
        Some(code) => Some(
            repo::platforms::types(db)
                .await?
                .into_iter()
                .find(|t| &t.code == code)
                .map(|t| (t.name_zh, t.name_en))
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let platform = match params.platform {
        Some(id) => Some(
            sqlx::query_scalar::<_, String>(
                "SELECT p.name FROM platforms p JOIN areas a ON a.id = p.area_id
                 WHERE p.id = ? AND a.path LIKE ? || '%'",
            )
            .bind(id)
            .bind(&area.path)
            .fetch_optional(&db.read)
            .await
            .map_err(repo::StoreError::from)?
            .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let scope = Scope {
        area_path: area.path.clone(),
        platform_type: params.platform_type.clone(),
        platform_id: params.platform,
    };
    Ok((
        scope,
        ScopeNames {
            area,
            platform_type,
            platform,
        },
    ))
}
