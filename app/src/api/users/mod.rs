//! Accounts of staff, organizers and members, managed by administrators and by staff within
//! their area subtree. A new account, or a reset, gets a one-time password shown once.

mod create;
mod list_view;
mod reset_password;
mod set_active;

pub use create::CreateUser;
pub use list_view::{load_users, UsersView};
pub use reset_password::ResetPassword;
pub use set_active::SetUserActive;

use serde::{Deserialize, Serialize};

use crate::domain::MemberLevel;

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
