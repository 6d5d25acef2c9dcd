use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionCard;
use crate::{api::areas::AreaSummary, domain::SessionKind, error::AppError};

/// Upcoming published sessions, narrowed by area (with the areas below it), platform, kind and
/// a first date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSessions {
    pub area: Option<AreaSummary>,
    /// The area came from the visitor's last visit, not from the address: the page says so.
    pub remembered: bool,
    /// The areas one level down, to narrow further, each with how many sessions it would list.
    pub sub_areas: Vec<(AreaSummary, i64)>,
    /// When nothing is listed: the area one level up, and the soonest sessions there (or
    /// anywhere, at the top), so the page never ends in nothing to try.
    pub parent: Option<AreaSummary>,
    pub nearby: Vec<SessionCard>,
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
    // `area=all` asks for every area, past the remembered one.
    let everywhere = area.as_deref() == Some("all");
    let area_id = chosen_area.or_else(|| {
        (platform.is_none() && !everywhere)
            .then(area_memory::remembered)
            .flatten()
    });
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
    let from_time = from_date.map(|d| d.and_time(chrono::NaiveTime::MIN));
    let now = now_local();
    let sessions = repo::sessions::upcoming(&db, filter, kind, from_time, now, 100).await?;
    let sub_areas = match &area {
        Some(a) if platform.is_none() => {
            let counts =
                repo::sessions::upcoming_by_child(&db, &a.path, kind, from_time, now).await?;
            // The children alone: their platforms are not counted here (the chips count
            // sessions), so the list page does not pay for that.
            repo::areas::children(&db, a)
                .await?
                .into_iter()
                .filter(|c| c.active)
                .map(|c| {
                    let n = counts
                        .iter()
                        .find(|(path, _)| *path == c.path)
                        .map_or(0, |(_, n)| *n);
                    (c, n)
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let (parent, nearby) = match (&area, sessions.is_empty()) {
        (Some(a), true) => {
            let parent = match a.parent_id {
                Some(id) => repo::areas::get(&db, id).await.ok().filter(|p| p.active),
                None => None,
            };
            let wider = parent
                .as_ref()
                .map_or(Where::Anywhere, |p| Where::UnderArea(&p.path));
            let nearby = repo::sessions::upcoming(&db, wider, None, None, now, 5).await?;
            (parent, nearby)
        }
        _ => (None, Vec::new()),
    };
    Ok(PublicSessions {
        remembered: chosen_area.is_none() && area.is_some() && platform.is_none(),
        area,
        sub_areas,
        parent,
        nearby,
        platform: platform.map(|p| (p.id, p.name)),
        kind,
        from: from_date.map(|d| d.to_string()).unwrap_or_default(),
        sessions,
    })
}
