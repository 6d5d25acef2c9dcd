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
    /// On the front page: the area this visitor chose last time, to go straight back to.
    pub remembered: Option<AreaSummary>,
}

/// Public. `id` none means the top of the tree.
#[server(endpoint = "areas/public")]
pub async fn load_area_public(id: Option<i64>) -> Result<AreaPublicView, AppError> {
    use crate::web::{area_memory, state};
    use store::repo;
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
    let remembered = match id {
        Some(_) => {
            area_memory::remember(area.id);
            None
        }
        None => match area_memory::remembered().filter(|r| *r != area.id) {
            Some(r) => repo::areas::get(&db, r).await.ok().filter(|a| a.active),
            None => None,
        },
    };
    Ok(AreaPublicView {
        remembered,
        area,
        ancestors,
        children,
        platforms,
    })
}
