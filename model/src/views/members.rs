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

/// A member account found by name, for an organizer to check in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberChoice {
    pub user_id: i64,
    pub name: String,
    pub level: MemberLevel,
    pub sector: String,
    /// Their home area (所在地区), if set.
    pub area_name: Option<String>,
    /// Already checked in at the session being looked at.
    pub attended: bool,
}

/// One member's service in a period, for 履职考核: counted from the sessions held in the period,
/// wherever they were held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberTotals {
    pub user_id: i64,
    pub name: String,
    pub level: MemberLevel,
    pub sector: String,
    pub area_name: Option<String>,
    /// Sessions attended.
    pub attended: i64,
    /// Of them, held in a township or a village (下沉基层).
    pub grassroots: i64,
    /// Signed up and absent, or on leave.
    pub absent: i64,
    pub leave: i64,
    /// Suggestions they proposed at those sessions.
    pub suggestions: i64,
}
