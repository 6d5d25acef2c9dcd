//! The audit log as staff and organizers read it: who changed what about a session, when, and
//! the record before and after.

use serde::{Deserialize, Serialize};

use super::sessions::SessionCard;

/// One change: who made it (none for a resident without an account), to which record, and the
/// record before and after as the log keeps them, one `field: value` pair per line
/// (`fields.title`, `state`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::NaiveDateTime,
    pub user_id: Option<i64>,
    pub who: Option<String>,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub before: Vec<(String, String)>,
    pub after: Vec<(String, String)>,
}

/// A session's changes, newest first, optionally only one person's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionAudit {
    pub card: SessionCard,
    pub entries: Vec<AuditEntry>,
    /// Everyone who changed something about the session: (user id, name), to filter by.
    pub people: Vec<(i64, String)>,
    pub user: Option<i64>,
    /// More entries than are shown.
    pub truncated: bool,
}

/// The latest changes about the sessions of an area, each with its session (id, title).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaAudit {
    pub area_id: i64,
    pub area_name: String,
    pub entries: Vec<(AuditEntry, i64, String)>,
    /// The people in these entries: (user id, name), to filter by.
    pub people: Vec<(i64, String)>,
    pub user: Option<i64>,
    pub truncated: bool,
}
