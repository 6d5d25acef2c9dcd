use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::Period,
    error::AppError,
    views::tallies::{ScopeNames, TallyParams},
};

pub use crate::views::members::MemberTotals;

/// The members of a staff member's area with their totals for a period (履职考核).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberTotalsView {
    pub params: TallyParams,
    pub names: ScopeNames,
    pub period: Period,
    pub members: Vec<MemberTotals>,
}

/// Staff over the area only; members are listed by their home area.
#[server(endpoint = "members/totals")]
pub async fn load_member_totals(params: TallyParams) -> Result<MemberTotalsView, AppError> {
    use store::{clock::now_local, repo::member_attendance};
    let (db, scope, names) = crate::api::tallies::resolve(&params).await?;
    let now = now_local();
    let period = params.period(now.date());
    let members = member_attendance::totals(&db, &scope.area_path, period, now).await?;
    Ok(MemberTotalsView {
        params,
        names,
        period,
        members,
    })
}
