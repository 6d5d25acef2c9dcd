use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionCard;
use crate::{
    domain::{RegistrationRole, SessionFormat},
    error::AppError,
};

/// One session's public page: what, when, where, seats left, and who may sign up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSession {
    pub card: SessionCard,
    pub summary: String,
    pub format_local_name: Option<String>,
    /// Empty when anyone may sign up; otherwise the roles invited.
    pub invited_roles: Vec<RegistrationRole>,
    pub waiting: i64,
    pub format: SessionFormat,
}

/// Public; drafts are not found.
#[server(endpoint = "sessions/public")]
pub async fn load_public_session(id: i64) -> Result<PublicSession, AppError> {
    use crate::backend::{repo, state};
    let db = state()?.db;
    repo::sessions::public(&db, id)
        .await?
        .ok_or(AppError::NotFound)
}
