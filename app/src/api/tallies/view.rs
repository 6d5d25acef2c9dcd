use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api::areas::AreaSummary, error::AppError};

use crate::domain::Figures;

/// One year's figures for an area subtree, last year's for comparison, and the next level down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyView {
    pub year: i32,
    pub area: AreaSummary,
    pub figures: Figures,
    pub previous: Figures,
    pub children: Vec<(AreaSummary, Figures)>,
}

#[server(endpoint = "tallies/view")]
pub async fn load_tallies(year: Option<i32>, area: Option<i64>) -> Result<TallyView, AppError> {
    use crate::backend::{clock::now_local, repo, repo::tallies};
    use chrono::NaiveDate;
    let (db, area) = super::scoped_area(area).await?;
    let now = now_local();
    let year = super::year_or_now(year, now);
    let span = |y: i32| {
        (
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
        )
    };
    let scope = |path: &str| tallies::Scope {
        area_path: path.to_owned(),
        platform_type: None,
        platform_id: None,
    };
    let (from, to) = span(year);
    let (prev_from, prev_to) = span(year - 1);
    let figures = tallies::figures(&db, &scope(&area.path), from, to, now).await?;
    let previous = tallies::figures(&db, &scope(&area.path), prev_from, prev_to, now).await?;
    let mut children = Vec::new();
    for child in repo::areas::children(&db, &area).await? {
        let f = tallies::figures(&db, &scope(&child.path), from, to, now).await?;
        children.push((child, f));
    }
    Ok(TallyView {
        year,
        area,
        figures,
        previous,
        children,
    })
}
