use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionCard;
use crate::{api::areas::AreaSummary, domain::SessionKind, error::AppError};

/// Upcoming published sessions, narrowed by area (with the areas below it), platform, kind and
/// a first date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSessions {
    pub area: Option<AreaSummary>,
    /// The areas one level down, to narrow further.
    pub sub_areas: Vec<AreaSummary>,
    pub platform: Option<(i64, String)>,
    pub kind: Option<SessionKind>,
    /// `YYYY-MM-DD` as the date field holds it; empty for from today.
    pub from: String,
    pub sessions: Vec<SessionCard>,
}

/// Public. Without `area` (and without `platform`) the visitor's remembered area is used; a
/// chosen area is remembered. Unreadable filters are ignored rather than refused: this is a
/// list to browse.
#[server(endpoint = "sessions/public-list")]
pub async fn load_public_sessions(
    area: Option<String>,
    platform: Option<String>,
    kind: Option<String>,
    from: Option<String>,
) -> Result<PublicSessions, AppError> {
    use crate::web::{area_memory, state};
    use repo::sessions::Where;
    use store::{clock::now_local, repo};
    let db = state()?.db;
    let number = |s: &Option<String>| s.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
    let platform = match number(&platform) {
        Some(id) => repo::platforms::get(&db, id).await.ok(),
        None => None,
    };
    let chosen_area = number(&area);
    let area_id =
        chosen_area.or_else(|| platform.is_none().then(area_memory::remembered).flatten());
    let area = match area_id {
        Some(id) => repo::areas::get(&db, id).await.ok().filter(|a| a.active),
        None => None,
    };
    if let (Some(a), Some(_)) = (&area, chosen_area) {
        area_memory::remember(a.id);
    }
    let kind = kind.as_deref().and_then(SessionKind::from_code);
    let from_date = from
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let filter = match (&platform, &area) {
        (Some(p), _) => Where::AtPlatform(p.id),
        (None, Some(a)) => Where::UnderArea(&a.path),
        (None, None) => Where::Anywhere,
    };
    let sessions = repo::sessions::upcoming(
        &db,
        filter,
        kind,
        from_date.map(|d| d.and_time(chrono::NaiveTime::MIN)),
        now_local(),
        100,
    )
    .await?;
    let sub_areas = match &area {
        Some(a) if platform.is_none() => repo::areas::children_with_counts(&db, a, true)
            .await?
            .into_iter()
            .map(|c| c.area)
            .collect(),
        _ => Vec::new(),
    };
    Ok(PublicSessions {
        area,
        sub_areas,
        platform: platform.map(|p| (p.id, p.name)),
        kind,
        from: from_date.map(|d| d.to_string()).unwrap_or_default(),
        sessions,
    })
}
