//! Signing in and out, the signed-in account, and changing a password.

mod change_password;
mod login;
mod logout;
mod me;

pub use change_password::ChangePassword;
pub use login::Login;
pub use logout::Logout;
pub use me::{current_account, Me};
