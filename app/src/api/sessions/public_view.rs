use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionCard;
use crate::{
    domain::{MemberLevel, RegistrationRole, SessionFormat},
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
    /// The signed-in member viewing the page (name and level): they sign up as a member.
    #[serde(default)]
    pub member: Option<(String, MemberLevel)>,
    /// The registrations this browser made for the session (code, name): a phone may sign up
    /// a whole family, or a village's elderly.
    #[serde(default)]
    pub mine: Vec<(String, String)>,
}

/// Public; drafts are not found.
#[server(endpoint = "sessions/public")]
pub async fn load_public_session(id: i64) -> Result<PublicSession, AppError> {
    use crate::backend::{device, repo, request_principal, state};
    let state = state()?;
    let db = state.db;
    // The sign-up form is on this page: the browser gets its cookie before the first tap.
    let known = device::current();
    device::ensure(&state.settings);
    let mut session = repo::sessions::public(&db, id, known.as_deref())
        .await?
        .ok_or(AppError::NotFound)?;
    session.member = request_principal()
        .await?
        .and_then(|p| p.member_level.map(|level| (p.display_name, level)));
    Ok(session)
}
