use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::{platforms::PlatformCard, sessions::SessionCard},
    domain::Month,
    error::AppError,
};

/// One month of the sessions an organizer or staff member runs, and where they may add one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManageSessions {
    pub month: Month,
    /// Today in Shanghai, for the calendar to mark.
    pub today: chrono::NaiveDate,
    pub sessions: Vec<SessionCard>,
    pub platforms: Vec<PlatformCard>,
}

/// `month` as `2026-11`; unreadable or absent means this month.
#[server(endpoint = "manage-sessions/list")]
pub async fn load_manage_sessions(month: Option<String>) -> Result<ManageSessions, AppError> {
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo};
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
    let today = now_local().date();
    let month = month
        .as_deref()
        .and_then(Month::parse)
        .unwrap_or_else(|| Month::of(today));
    let ids: Vec<i64> = platforms.iter().map(|p| p.id).collect();
    let start = |m: Month| m.first_day().and_time(chrono::NaiveTime::MIN);
    let now = now_local();
    let sessions = repo::sessions::between_at(&db, &ids, start(month), start(month.next()))
        .await?
        .into_iter()
        .map(|card| card.as_shown(now))
        .collect();
    Ok(ManageSessions {
        month,
        today,
        sessions,
        platforms,
    })
}
