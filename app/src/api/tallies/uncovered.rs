use leptos::prelude::*;

use crate::error::AppError;
use crate::views::tallies::{TallyParams, Uncovered};

/// The areas at `level` below the scope that no active platform covered at the period's end.
#[server(endpoint = "tallies/uncovered")]
pub async fn load_uncovered(params: TallyParams, level: String) -> Result<Uncovered, AppError> {
    use crate::domain::AreaLevel;
    use store::{clock::now_local, repo::tallies};
    let level = AreaLevel::from_code(&level).ok_or(AppError::NotFound)?;
    let (db, _, names) = super::resolve(&params).await?;
    let period = params.period(now_local().date());
    let day = period.to() + chrono::Days::new(1);
    let index = tallies::CoverageIndex::read(&db, &names.area, day).await?;
    let coverage = index
        .of(&names.area.path)
        .into_iter()
        .find(|c| c.level == level)
        .ok_or(AppError::NotFound)?;
    let areas = index.uncovered(level);
    Ok(Uncovered {
        params: TallyParams {
            area: Some(names.area.id),
            ..params
        },
        period,
        names,
        level,
        coverage,
        areas,
    })
}
