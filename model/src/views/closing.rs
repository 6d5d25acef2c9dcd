//! The record of a held session: attendance, minutes, suggestions, problems, follow-ups, files
//! and ratings.

use crate::domain::{
    Adoption, Conversion, HandlingStatus, Light, OutcomeForm, RegistrationRole, ResultClass,
    ReviewerKind,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who came, counted from the check-ins: never typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub total: i64,
    pub walk_ins: i64,
    pub by_role: Vec<(RegistrationRole, i64)>,
}

/// The minutes as their form shows them (blank when none are recorded yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesText {
    pub agenda: String,
    pub key_points: String,
    pub consensus: String,
    pub disagreements: String,
    pub vote_subject: String,
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstain: String,
}

/// One suggestion (意见建议) and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRow {
    pub id: i64,
    pub text: String,
    pub form: OutcomeForm,
    pub proposer_name: Option<String>,
    pub lead_department: Option<String>,
    pub helpers: Vec<String>,
    pub deadline: Option<NaiveDate>,
    pub handling_status: HandlingStatus,
    pub result_class: Option<ResultClass>,
    pub adoption: Option<Adoption>,
    pub conversion: Option<Conversion>,
    pub feedback_on: Option<NaiveDate>,
    pub light: Light,
}

/// One concrete problem raised, resolved or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemRow {
    pub id: i64,
    pub description: String,
    pub outcome_id: Option<i64>,
    pub raised_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

/// One follow-up visit (回头看).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub id: i64,
    pub reviewed_on: NaiveDate,
    pub reviewer_kind: ReviewerKind,
    pub findings: String,
    pub outcome_id: Option<i64>,
}

/// A photo or file kept with the minutes, served at `/files/{storage_key}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Attachment {
    pub kind: String,
    pub file_name: String,
    pub storage_key: String,
    pub size_bytes: i64,
}

/// One change to a suggestion or a problem, from the audit log: who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Change {
    pub entity: String,
    pub entity_id: i64,
    pub at: chrono::NaiveDateTime,
    pub action: String,
    pub who: Option<String>,
}

/// Participants' ratings, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingTally {
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub unsatisfied: i64,
}

impl RatingTally {
    pub fn total(&self) -> i64 {
        self.satisfied + self.basically_satisfied + self.unsatisfied
    }
}

/// An open suggestion due within a week or past its deadline (督办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueOutcome {
    pub id: i64,
    pub session_id: i64,
    pub session_title: String,
    pub platform_name: String,
    pub text: String,
    pub lead_department: Option<String>,
    pub deadline: NaiveDate,
    pub handling_status: HandlingStatus,
    pub light: Light,
}
