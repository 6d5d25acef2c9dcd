//! A member's record of service.

use crate::domain::{Adoption, HandlingStatus, MemberLevel, RegistrationState, SessionKind};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

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
