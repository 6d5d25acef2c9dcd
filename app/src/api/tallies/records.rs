use leptos::prelude::*;

use crate::error::AppError;
use crate::views::tallies::{TallyParams, TallyRecords};

/// The records behind one figure, by the same definition as the figure (so their number is
/// the figure), a page at a time.
#[server(endpoint = "tallies/records")]
pub async fn load_tally_records(params: TallyParams) -> Result<TallyRecords, AppError> {
    use crate::views::tallies::PER_PAGE;
    use store::{clock::now_local, repo::tallies};
    let drill = params.drill.ok_or(AppError::NotFound)?;
    let (db, scope, names) = super::resolve(&params).await?;
    let now = now_local();
    let period = params.period(now.date());
    let split = match (params.by, &params.key) {
        (Some(by), Some(key)) if drill.has(by) => Some((by, key.clone())),
        (Some(_), _) => return Err(AppError::NotFound),
        _ => None,
    };
    let split_ref = split.as_ref().map(|(d, k)| (*d, k.as_str()));
    let recorded = params.recorded && drill.of_sessions();
    let total = if recorded {
        tallies::count_recorded(&db, drill, &scope, period, now, split_ref).await?
    } else {
        tallies::count(&db, drill, &scope, period, now, split_ref).await?
    };
    let page = params.page.unwrap_or(1).max(1);
    let records = tallies::records(
        &db,
        drill,
        &scope,
        period,
        now,
        split_ref,
        recorded,
        (i64::from(page) - 1) * PER_PAGE,
        PER_PAGE,
    )
    .await?;
    let split = match split {
        Some((by, key)) => {
            let name = tallies::name_of(&db, &names, by, &key).await?;
            Some((by, key, name))
        }
        None => None,
    };
    Ok(TallyRecords {
        params: TallyParams {
            area: Some(names.area.id),
            ..params
        },
        period,
        names,
        drill,
        split,
        total,
        page,
        records,
    })
}
