use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Attendee;
use crate::{api::sessions::SessionCard, error::AppError};

/// A session's workspace: its details to edit, and its people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEditView {
    /// None for a new session.
    pub card: Option<SessionCard>,
    pub summary: String,
    pub format_local_name: String,
    pub platform_id: i64,
    pub platform_name: String,
    pub attendees: Vec<Attendee>,
}

/// `id` none: a new draft at `platform`.
#[server(endpoint = "manage-sessions/edit-view")]
pub async fn load_session_edit(
    id: Option<i64>,
    platform: Option<i64>,
) -> Result<SessionEditView, AppError> {
    use crate::backend::{repo, require_principal, state};
    let me = require_principal().await?;
    let db = state()?.db;
    match id {
        Some(id) => {
            let host = repo::organizing::host(&db, id).await?;
            if !super::manages(&me, &host) {
                return Err(AppError::Forbidden);
            }
            let card = repo::sessions::card(&db, id).await?;
            let (summary, local): (String, Option<String>) =
                sqlx::query_as("SELECT summary, format_local_name FROM sessions WHERE id = ?")
                    .bind(id)
                    .fetch_one(&db.read)
                    .await
                    .map_err(repo::StoreError::from)?;
            let attendees = repo::organizing::attendees(&db, id).await?;
            Ok(SessionEditView {
                platform_id: card.platform_id,
                platform_name: card.platform_name.clone(),
                card: Some(card),
                summary,
                format_local_name: local.unwrap_or_default(),
                attendees,
            })
        }
        None => {
            let platform = repo::platforms::get(&db, platform.ok_or(AppError::NotFound)?).await?;
            if !me.edits_platform(platform.id, &platform.area_path) {
                return Err(AppError::Forbidden);
            }
            Ok(SessionEditView {
                card: None,
                summary: String::new(),
                format_local_name: String::new(),
                platform_id: platform.id,
                platform_name: platform.name,
                attendees: Vec::new(),
            })
        }
    }
}
