//! A session as its organizers work on it: its people, its form as typed, its fields as saved.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{
    RegistrationRole, RegistrationState, Seats, SessionFormat, SessionKind, TimeRange,
};

/// One person on a session's list, as its organizers see it (full mobile number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Attendee {
    pub code: String,
    pub name: String,
    pub mobile: Option<String>,
    pub role: RegistrationRole,
    pub state: RegistrationState,
    pub walk_in: bool,
    pub checked_in_at: Option<NaiveDateTime>,
    pub leave_reason: Option<String>,
}

/// A session's fields as the form holds them: a saved session's values, a copied session's
/// (without its times, which a copy must choose anew), or a blank form's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub format: String,
    pub format_local_name: String,
    pub place: String,
    pub starts_at: String,
    pub ends_at: String,
    pub seats: String,
    pub signup_deadline: String,
    pub checkin_lead: String,
    pub invited: Vec<RegistrationRole>,
    /// The co-hosting platforms' ids.
    #[serde(default)]
    pub coorganizers: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionFields {
    pub title: String,
    pub summary: String,
    pub kind: SessionKind,
    pub format: SessionFormat,
    pub format_local_name: Option<String>,
    pub place: String,
    pub time: TimeRange,
    pub seats: Seats,
    pub signup_deadline: NaiveDateTime,
    /// Who may sign up; empty means anyone.
    pub invited: Vec<RegistrationRole>,
    /// How long before the start check-in opens.
    pub checkin_lead_minutes: i64,
    /// The platforms co-hosting it (协办); it counts once, at its host.
    pub coorganizers: Vec<i64>,
}

impl SessionFields {
    pub fn checkin_opens_at(&self) -> NaiveDateTime {
        self.time.start() - chrono::Duration::minutes(self.checkin_lead_minutes)
    }
}

/// One person on the paper sign-in sheet of a session recorded afterwards, as the roster gives
/// them: a member is one of the member accounts, found by name or username.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPerson {
    pub name: crate::domain::PersonName,
    pub role: RegistrationRole,
    pub mobile: Option<crate::domain::Mobile>,
    pub member_user_id: Option<i64>,
}

/// What the desk's camera scanner is told of one scanned ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanAnswer {
    /// Whom it is about, shown first: "周建国".
    pub name: Option<String>,
    /// What came of it, in the reader's language: "签到成功".
    pub message: String,
    pub tone: ScanTone,
    /// How many are checked in now, so the desk's count stays current.
    pub attended: i64,
}

/// How a scan's answer is shown: done, done before (counted once), or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanTone {
    Done,
    Again,
    Refused,
}
