use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::{platforms::PlatformCard, sessions::SessionCard},
    error::AppError,
};

/// The sessions an organizer or staff member runs, newest first, and where they may add one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManageSessions {
    pub sessions: Vec<SessionCard>,
    pub platforms: Vec<PlatformCard>,
}

#[server(endpoint = "manage-sessions/list")]
pub async fn load_manage_sessions() -> Result<ManageSessions, AppError> {
    use crate::backend::{repo, require_principal, state};
    let me = require_principal().await?;
    if !me.is_staff() && !me.is_organizer() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let platforms = match me.staff_scopes.first() {
        Some(scope) if !me.is_admin => {
            repo::platforms::cards_in_subtree(&db, &scope.path, 500, 0)
                .await?
                .0
        }
        _ if me.is_admin => repo::platforms::cards_in_subtree(&db, "/", 500, 0).await?.0,
        _ => repo::platforms::cards_by_ids(&db, &me.organizer_of).await?,
    };
    let ids: Vec<i64> = platforms.iter().map(|p| p.id).collect();
    let sessions = repo::sessions::recent_at(&db, &ids, 200).await?;
    Ok(ManageSessions {
        sessions,
        platforms,
    })
}
