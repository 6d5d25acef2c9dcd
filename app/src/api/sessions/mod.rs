//! 协商活动 as residents see them: the list of upcoming sessions, one session, and signing up.

mod public_list;
mod public_view;
mod sign_up;

pub use crate::views::sessions::SessionCard;
pub use public_list::{load_public_sessions, PublicSessions};
pub use public_view::{load_public_session, PublicSession};
pub use sign_up::SignUp;
