use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Attendee, SessionDraft};
use crate::{api::sessions::SessionCard, error::AppError};

/// A session's workspace: its details to edit, and its people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEditView {
    /// None for a new session.
    pub card: Option<SessionCard>,
    /// What the edit form shows before anything is typed.
    pub draft: SessionDraft,
    pub platform_id: i64,
    pub platform_name: String,
    pub attendees: Vec<Attendee>,
    /// The numbers above are masked: the viewer is staff, not one of the session's organizers.
    pub numbers_masked: bool,
    /// The platforms the form offers as co-hosts (id, name · area).
    pub cohost_choices: Vec<(i64, String)>,
    /// How the session's text messages are getting on; none for a new session.
    pub delivery: Option<crate::views::delivery::SessionDelivery>,
    /// When check-in opens and closes; none for a new session.
    #[serde(default)]
    pub checkin_window: Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)>,
    /// The desk's latest check-in of the last minute (code, name), which can still be undone.
    #[serde(default)]
    pub just_checked_in: Option<(String, String)>,
}

/// `id` none: a new draft at `platform`, blank or copied from the session `copy`.
#[server(endpoint = "manage-sessions/edit-view")]
pub async fn load_session_edit(
    id: Option<i64>,
    platform: Option<i64>,
    copy: Option<i64>,
) -> Result<SessionEditView, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    let db = state()?.db;
    match id {
        Some(id) => {
            let host = repo::organizing::host(&db, id).await?;
            if !me.edits_platform(host.platform_id, &host.area_path) {
                return Err(AppError::Forbidden);
            }
            let card = repo::sessions::card(&db, id).await?;
            let draft = repo::organizing::draft(&db, id, true).await?;
            let mut attendees = repo::organizing::attendees(&db, id).await?;
            store::sign_up_list::for_viewer(&me, &host, &mut attendees);
            let numbers_masked = !store::sign_up_list::sees_numbers(&me, &host);
            let cohost_choices = repo::cohosts::choices(&db, host.platform_id, Some(id)).await?;
            let channel = crate::web::state()?.settings.sms_channel;
            let delivery = Some(repo::deliveries::of_session(&db, id, channel).await?);
            Ok(SessionEditView {
                checkin_window: Some(repo::organizing::checkin_window(&db, id).await?),
                just_checked_in: repo::organizing::last_check_in(
                    &db,
                    id,
                    store::clock::now_local() - repo::organizing::UNDO_WITHIN,
                )
                .await?,
                delivery,
                platform_id: card.platform_id,
                platform_name: card.platform_name.clone(),
                card: Some(card),
                draft,
                attendees,
                numbers_masked,
                cohost_choices,
            })
        }
        None => {
            let platform = repo::platforms::get(&db, platform.ok_or(AppError::NotFound)?).await?;
            if !me.edits_platform(platform.id, &platform.area_path) {
                return Err(AppError::Forbidden);
            }
            let draft = match copy {
                Some(source) => {
                    let host = repo::organizing::host(&db, source).await?;
                    if !me.edits_platform(host.platform_id, &host.area_path) {
                        return Err(AppError::Forbidden);
                    }
                    repo::organizing::draft(&db, source, false).await?
                }
                None => SessionDraft {
                    checkin_lead: "30".to_owned(),
                    ..SessionDraft::default()
                },
            };
            let cohost_choices = repo::cohosts::choices(&db, platform.id, None).await?;
            Ok(SessionEditView {
                checkin_window: None,
                just_checked_in: None,
                card: None,
                draft,
                platform_id: platform.id,
                platform_name: platform.name,
                attendees: Vec::new(),
                numbers_masked: false,
                cohost_choices,
                delivery: None,
            })
        }
    }
}
