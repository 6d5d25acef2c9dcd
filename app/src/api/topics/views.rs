use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{TopicFacts, TopicSession};
use crate::error::AppError;

pub use crate::views::topics::TopicRow;

/// What the holder of a topic's code sees: the topic, its status, the reply and the session
/// that took it up. No number is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicReceipt {
    pub code: String,
    pub topic: TopicFacts,
    pub sessions: Vec<TopicSession>,
    pub has_photo: bool,
}

#[server(endpoint = "topics/receipt")]
pub async fn load_topic_receipt(code: String) -> Result<TopicReceipt, AppError> {
    use crate::web::code_guard::CodeGuard;
    use store::repo;
    let guard = CodeGuard::new()?;
    let code = guard.parse(&code)?;
    let db = guard.state().db.clone();
    let id = guard.found(repo::topics::by_code(&db, &code).await?)?;
    Ok(TopicReceipt {
        code: code.as_str().to_owned(),
        topic: repo::topics::facts(&db, id).await?,
        sessions: repo::topics::sessions_of(&db, id).await?,
        has_photo: repo::topics::photo_key(&db, id).await?.is_some(),
    })
}

/// The topics at the platforms the reader runs or oversees, `pending` ones only unless `all`.
#[server(endpoint = "topics/manage-list")]
pub async fn load_manage_topics(all: bool) -> Result<Vec<TopicRow>, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    if !me.is_staff() && !me.is_organizer() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let paths = me.area_paths();
    Ok(repo::topics::list(&db, &me.organizer_of, &paths, all).await?)
}

/// A topic as its reviewers see it, with what they can attach it to or merge it into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageTopic {
    pub topic: TopicFacts,
    pub proposer_name: Option<String>,
    /// In full for the platform's organizers, who reply to it; masked for staff.
    pub proposer_mobile: Option<String>,
    pub sessions: Vec<TopicSession>,
    /// Sessions of the platform not yet held, to attach the topic to.
    pub open_sessions: Vec<TopicSession>,
    /// Other open topics of the platform, to merge this one into: (id, title).
    pub merge_targets: Vec<(i64, String)>,
    /// The proposer's photo, served at `/files/{key}`.
    pub photo_key: Option<String>,
}

#[server(endpoint = "topics/manage-view")]
pub async fn load_manage_topic(id: i64) -> Result<ManageTopic, AppError> {
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo};
    let me = require_principal().await?;
    let db = state()?.db;
    let (platform_id, area_path) = repo::topics::host(&db, id).await?;
    if !me.edits_platform(platform_id, &area_path) {
        return Err(AppError::Forbidden);
    }
    let (proposer_name, proposer_mobile) = repo::topics::proposer(&db, id).await?;
    let proposer_mobile = me.sees_number(platform_id, proposer_mobile.as_deref());
    Ok(ManageTopic {
        topic: repo::topics::facts(&db, id).await?,
        proposer_name,
        proposer_mobile,
        sessions: repo::topics::sessions_of(&db, id).await?,
        open_sessions: repo::topics::open_sessions(&db, platform_id, now_local()).await?,
        merge_targets: repo::topics::merge_targets(&db, platform_id, id).await?,
        photo_key: repo::topics::photo_key(&db, id).await?,
    })
}
