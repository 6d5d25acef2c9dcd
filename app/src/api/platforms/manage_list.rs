use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PlatformCard;
use crate::{api::areas::AreaSummary, error::AppError};

/// The platforms a signed-in account manages, a page at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformManageList {
    /// The area whose subtree is listed (staff), or none for an organizer's own platforms.
    pub area: Option<AreaSummary>,
    pub platforms: Vec<PlatformCard>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// Staff: platforms anywhere under `area` (default: their own scope). Organizers: their own.
#[server(endpoint = "platforms/manage-list")]
pub async fn load_platform_list(
    area: Option<i64>,
    page: Option<i64>,
) -> Result<PlatformManageList, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    const PER_PAGE: i64 = 50;
    let me = require_principal().await?;
    let db = state()?.db;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let area = match (area, me.staff_scopes.first()) {
        (Some(id), _) => Some(repo::areas::get(&db, id).await?),
        (None, Some(scope)) => Some(repo::areas::get(&db, scope.area_id).await?),
        (None, None) if me.is_admin => Some(repo::areas::root(&db).await?),
        (None, None) => None,
    };
    let (platforms, total) = match &area {
        Some(a) if me.covers_area(&a.path) => {
            repo::platforms::cards_in_subtree(&db, &a.path, PER_PAGE, (page - 1) * PER_PAGE).await?
        }
        Some(_) => return Err(AppError::Forbidden),
        None => {
            let cards = repo::platforms::cards_by_ids(&db, &me.organizer_of).await?;
            let total = cards.len() as i64;
            (cards, total)
        }
    };
    Ok(PlatformManageList {
        area,
        platforms,
        total,
        page,
        per_page: PER_PAGE,
    })
}
