//! The yearly figures for staff (年度统计): a period and a scope (an area subtree, optionally one
//! platform type or one platform), against the year before, with every breakdown of domain.md;
//! each number opens the records behind it.

mod records;
mod uncovered;
mod view;

pub use records::load_tally_records;
pub use uncovered::load_uncovered;
pub use view::{load_tallies, TallyView};

pub use crate::domain::{Dimension, Drill};
pub use crate::views::tallies::{
    export_file_name, file_stem, Breakdown, BreakdownRow, ScopeNames, TallyParams, TallyRecord,
    TallyRecords, PER_PAGE,
};

/// The signed-in staff member's scope (see [`resolve_for`](store::repo::tallies::resolve_for)), for a server function.
#[cfg(feature = "ssr")]
pub(crate) async fn resolve(
    params: &TallyParams,
) -> Result<(store::db::Db, store::repo::tallies::Scope, ScopeNames), crate::error::AppError> {
    let me = crate::web::require_principal().await?;
    let db = crate::web::state()?.db;
    let (scope, names) = store::repo::tallies::resolve_for(&db, &me, params).await?;
    Ok((db, scope, names))
}
