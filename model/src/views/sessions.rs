//! Sessions as residents and their registrations see them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{
    MemberLevel, RegistrationRole, RegistrationState, Satisfaction, SessionFormat, SessionKind,
    SessionStatus,
};

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

    /// The card with its status as organizers read it: a published session that has ended is
    /// held, with its outcomes still to record (the stored status moves on when the minutes are
    /// saved).
    pub fn as_shown(self, now: NaiveDateTime) -> Self {
        let status = match self.status {
            SessionStatus::Published if now >= self.ends_at => SessionStatus::Held,
            status => status,
        };
        Self { status, ..self }
    }

    pub fn seats_left(&self) -> i64 {
        (self.seats - self.taken).max(0)
    }
}

/// One session's public page: what, when, where, seats left, and who may sign up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSession {
    pub card: SessionCard,
    pub summary: String,
    pub format_local_name: Option<String>,
    /// Empty when anyone may sign up; otherwise the roles invited.
    pub invited_roles: Vec<RegistrationRole>,
    pub waiting: i64,
    pub format: SessionFormat,
    /// The signed-in member viewing the page (name and level): they sign up as a member.
    #[serde(default)]
    pub member: Option<(String, MemberLevel)>,
    /// The registrations this browser made for the session (code, name): a phone may sign up
    /// a whole family, or a village's elderly.
    #[serde(default)]
    pub mine: Vec<(String, String)>,
    /// The co-hosting platforms (id, name).
    #[serde(default)]
    pub coorganizers: Vec<(i64, String)>,
}

/// What the holder of a registration code sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub code: String,
    pub name: String,
    /// Always masked here: the code is the only key to this page.
    pub mobile_masked: Option<String>,
    pub role: RegistrationRole,
    pub state: RegistrationState,
    /// Place on the waiting list, from 1.
    pub waiting_position: Option<i64>,
    pub session: SessionCard,
    /// The QR code of the ticket's check-in link, as SVG, for the door (set by the loader, which
    /// knows the site's address).
    pub qr_svg: String,
    /// The session's minutes and suggestions are on record: its results page has something.
    pub results_published: bool,
    /// This registration's rating, once given.
    pub rating: Option<Satisfaction>,
    /// Where its confirmation (or waiting-list notice) text message stands; none when no real
    /// channel sends messages, or none was owed.
    #[serde(default)]
    pub notice: Option<crate::messages::DeliveryState>,
}
