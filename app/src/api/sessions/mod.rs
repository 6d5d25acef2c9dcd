//! 协商活动 as residents see them: the list of upcoming sessions, one session, and signing up.

mod public_list;
mod public_view;
mod sign_up;

pub use public_list::{load_public_sessions, PublicSessions};
pub use public_view::{load_public_session, PublicSession};
pub use sign_up::SignUp;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{SessionFormat, SessionKind, SessionStatus};

/// A session as lists show it, with how many seats are left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SessionCard {
    pub id: i64,
    pub title: String,
    pub kind: SessionKind,
    pub format: SessionFormat,
    pub status: SessionStatus,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub signup_deadline: NaiveDateTime,
    pub place: String,
    pub platform_id: i64,
    pub platform_name: String,
    pub area_name: String,
    pub seats: i64,
    pub taken: i64,
    /// Sign-up is open now: published, before the deadline. Set by the loader, which knows the time.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub signup_open: bool,
    /// The session has started (or is over). Set by the loader.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub started: bool,
}

impl SessionCard {
    #[cfg(feature = "ssr")]
    pub fn with_clock(mut self, now: NaiveDateTime) -> Self {
        self.started = now >= self.starts_at;
        self.signup_open =
            self.status == SessionStatus::Published && now <= self.signup_deadline && !self.started;
        self
    }

    pub fn seats_left(&self) -> i64 {
        (self.seats - self.taken).max(0)
    }
}
