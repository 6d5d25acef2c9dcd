//! 查询我的报名: what a resident who lost a registration's link is shown.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::RegistrationState;

/// One registration found for its holder: enough to recognise it, and its code to open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FoundRegistration {
    pub code: String,
    pub state: RegistrationState,
    pub session_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub place: String,
}

/// Where a look-up by number stands for this browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LookupStep {
    /// Nothing asked yet (or the last code expired): the number is asked for.
    Ask,
    /// A code was sent (if the number has registrations) to the number shown masked.
    Code { masked: String },
    /// The number is proven: its registrations.
    Found {
        masked: String,
        registrations: Vec<FoundRegistration>,
    },
}

/// The 查询我的报名 page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupView {
    /// Registrations made from this browser (its device cookie): found without any code.
    pub on_this_phone: Vec<FoundRegistration>,
    /// Whether codes can be sent at all: with no real SMS channel, the page says to ask the
    /// organizer instead.
    pub by_number: bool,
    pub step: LookupStep,
}
