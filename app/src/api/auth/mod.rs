//! Signing in and out, the signed-in account, changing a password, and the number it is told on.

mod change_password;
mod login;
mod logout;
mod me;
mod notice_mobile;

pub use change_password::ChangePassword;
pub use login::Login;
pub use logout::Logout;
pub use me::{current_account, Me};
pub use notice_mobile::{load_notice_mobile, SetNoticeMobile};
