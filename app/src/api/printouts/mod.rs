//! What gets printed and pinned up: A4 posters whose QR code leads to a session's or a
//! platform's page, and the sign-in sheet (签到表) for the door.

mod posters;
mod sign_in_sheet;

pub use posters::{load_platform_poster, load_session_poster, Poster};
pub use sign_in_sheet::{load_sign_in_sheet, SheetRow, SignInSheet};
