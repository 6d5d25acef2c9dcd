//! Accounts as the account list shows them.

use crate::domain::MemberLevel;
use serde::{Deserialize, Serialize};

/// What an account may do, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantView {
    Admin,
    Staff { area: String },
    Organizer { platform: String },
    Member { level: MemberLevel, sector: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub active: bool,
    pub grants: Vec<GrantView>,
    /// The viewer may deactivate this account or reset its password.
    pub manageable: bool,
}

/// A choice in the form: an area or a platform within the viewer's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}
