use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{Adoption, HandlingStatus, MemberLevel, RegistrationState, SessionKind},
    error::AppError,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub user_id: i64,
    pub name: String,
    pub level: MemberLevel,
    pub sector: String,
    pub committee: Option<String>,
    pub participations: Vec<Participation>,
    pub suggestions: Vec<MemberSuggestion>,
}

/// One session the member signed up for and what became of it: attended, absent or on leave
/// (cancelled and waiting sign-ups are not part of the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Participation {
    pub session_id: i64,
    pub title: String,
    pub kind: SessionKind,
    pub starts_at: NaiveDateTime,
    pub platform_name: String,
    pub state: RegistrationState,
    /// Their level when they took part.
    pub member_level: MemberLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberSuggestion {
    pub session_id: i64,
    pub session_title: String,
    pub starts_at: NaiveDateTime,
    pub text: String,
    pub handling_status: HandlingStatus,
    pub adoption: Option<Adoption>,
}

/// The member sees their own record; staff see every member's.
#[server(endpoint = "members/record")]
pub async fn load_member_record(id: i64) -> Result<MemberRecord, AppError> {
    use crate::backend::{repo, require_principal, state};
    let me = require_principal().await?;
    if me.user_id != id && !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    Ok(repo::members::record(&db, id).await?)
}
