use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AreaSummary, AreaWithCount};
use crate::{api::platforms::PlatformCard, error::AppError};

/// What a resident sees of an area: where it sits, the areas below it, and its platforms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaPublicView {
    pub area: AreaSummary,
    pub ancestors: Vec<AreaSummary>,
    pub children: Vec<AreaWithCount>,
    pub platforms: Vec<PlatformCard>,
}

/// Public. `id` none means the top of the tree.
#[server(endpoint = "areas/public")]
pub async fn load_area_public(id: Option<i64>) -> Result<AreaPublicView, AppError> {
    use crate::backend::{repo, state};
    let db = state()?.db;
    let area = match id {
        Some(id) => repo::areas::get(&db, id).await?,
        None => repo::areas::root(&db).await?,
    };
    if !area.active {
        return Err(AppError::NotFound);
    }
    let children = repo::areas::children_with_counts(&db, &area, true).await?;
    let platforms = repo::platforms::cards_in_area(&db, area.id).await?;
    let ancestors = repo::areas::ancestors(&db, &area).await?;
    Ok(AreaPublicView {
        area,
        ancestors,
        children,
        platforms,
    })
}
