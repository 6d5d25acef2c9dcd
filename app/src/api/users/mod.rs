//! Accounts of staff, organizers and members, managed by administrators and by staff within
//! their area subtree. A new account, or a reset, gets a one-time password shown once.

mod create;
mod list_view;
mod reset_password;
mod set_active;

pub use crate::views::users::{Choice, GrantView, UserRow};
pub use create::CreateUser;
pub use list_view::{load_users, UsersView};
pub use reset_password::ResetPassword;
pub use set_active::SetUserActive;
