use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Breakdown, ScopeNames, TallyParams};
use crate::domain::{Figures, Period};
use crate::error::AppError;

/// A period's figures for a scope, the same days a year earlier, and every breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyView {
    pub params: TallyParams,
    pub period: Period,
    pub names: ScopeNames,
    pub figures: Figures,
    pub previous: Figures,
    pub breakdowns: Vec<Breakdown>,
    /// The day the figures were counted (reports print it).
    pub today: chrono::NaiveDate,
    /// The year these figures could be published as (a whole year of an area, not narrowed to
    /// a platform type or platform), and when it was, if it was.
    pub publishable: Option<i32>,
    pub published_at: Option<chrono::NaiveDateTime>,
    /// Platform types to narrow to.
    pub platform_types: Vec<crate::api::platforms::PlatformType>,
    /// 覆盖率 at each level below the area (for the whole area only, not one platform type).
    pub coverage: Vec<crate::views::tallies::Coverage>,
    /// The years closed for the area, here or above.
    pub closed_years: Vec<crate::views::tallies::ClosedYear>,
}

#[server(endpoint = "tallies/view")]
pub async fn load_tallies(params: TallyParams) -> Result<TallyView, AppError> {
    use store::{
        clock::now_local,
        repo::{self, published, tallies},
    };
    let (db, scope, names) = super::resolve(&params).await?;
    let now = now_local();
    let period = params.period(now.date());
    let (figures, previous, breakdowns) =
        tallies::overview(&db, &scope, &names, period, now).await?;
    let publishable = period
        .whole_year()
        .filter(|_| scope.platform_type.is_none() && scope.platform_id.is_none());
    let published_at = match publishable {
        Some(year) => published::published_at(&db, names.area.id, year).await?,
        None => None,
    };
    let platform_types = repo::platforms::types(&db).await?;
    let closed_years = repo::recorded::closed_years(&db, &names.area).await?;
    let coverage = if scope.platform_type.is_none() && scope.platform_id.is_none() {
        tallies::coverage(&db, &names.area, period.to() + chrono::Days::new(1)).await?
    } else {
        Vec::new()
    };
    Ok(TallyView {
        params: TallyParams {
            area: Some(names.area.id),
            ..params
        },
        period,
        names,
        figures,
        previous,
        breakdowns,
        today: now.date(),
        publishable,
        published_at,
        platform_types,
        closed_years,
        coverage,
    })
}
