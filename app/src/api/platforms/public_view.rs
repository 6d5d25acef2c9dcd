use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PlatformDetail;
use crate::{api::areas::AreaSummary, error::AppError};

/// A platform's public page: what it is, where, and how to reach it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformPublicView {
    pub platform: PlatformDetail,
    pub ancestors: Vec<AreaSummary>,
}

/// Public.
#[server(endpoint = "platforms/public")]
pub async fn load_platform_public(id: i64) -> Result<PlatformPublicView, AppError> {
    use crate::backend::{repo, state};
    let db = state()?.db;
    let platform = repo::platforms::get(&db, id).await?;
    let area = repo::areas::get(&db, platform.area_id).await?;
    let mut ancestors = repo::areas::ancestors(&db, &area).await?;
    ancestors.push(area);
    Ok(PlatformPublicView {
        platform,
        ancestors,
    })
}
