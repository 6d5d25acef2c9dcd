use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionCard;
use crate::{api::areas::AreaSummary, error::AppError};

/// Upcoming published sessions, optionally within an area's subtree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSessions {
    pub area: Option<AreaSummary>,
    pub sessions: Vec<SessionCard>,
}

/// Public.
#[server(endpoint = "sessions/public-list")]
pub async fn load_public_sessions(area: Option<i64>) -> Result<PublicSessions, AppError> {
    use crate::backend::{clock::now_local, repo, state};
    let db = state()?.db;
    let area = match area {
        Some(id) => Some(repo::areas::get(&db, id).await?),
        None => None,
    };
    let filter = match &area {
        Some(a) => repo::sessions::Where::UnderArea(&a.path),
        None => repo::sessions::Where::Anywhere,
    };
    let sessions = repo::sessions::upcoming(&db, filter, now_local(), 100).await?;
    Ok(PublicSessions { area, sessions })
}
