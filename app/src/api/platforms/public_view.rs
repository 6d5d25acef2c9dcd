use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PlatformDetail;
use crate::{
    api::{areas::AreaSummary, sessions::SessionCard},
    error::AppError,
};

/// A platform's public page: what it is, where, and how to reach it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformPublicView {
    pub platform: PlatformDetail,
    pub ancestors: Vec<AreaSummary>,
    pub upcoming: Vec<SessionCard>,
}

/// Public.
#[server(endpoint = "platforms/public")]
pub async fn load_platform_public(id: i64) -> Result<PlatformPublicView, AppError> {
    use crate::web::state;
    use store::{clock, repo};
    let db = state()?.db;
    let platform = repo::platforms::get(&db, id).await?;
    let area = repo::areas::get(&db, platform.area_id).await?;
    let mut ancestors = repo::areas::ancestors(&db, &area).await?;
    ancestors.push(area);
    let at_platform = repo::sessions::Where::AtPlatform(platform.id);
    let upcoming =
        repo::sessions::upcoming(&db, at_platform, None, None, clock::now_local(), 20).await?;
    Ok(PlatformPublicView {
        platform,
        ancestors,
        upcoming,
    })
}
