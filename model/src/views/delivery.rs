//! How a session's text messages are getting on, as its organizers see them.

use serde::{Deserialize, Serialize};

use crate::messages::{DeliveryState, MessageKind};

/// A message that failed (to be tried again) or was given up, to look into and try again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StuckMessage {
    pub id: i64,
    pub kind: MessageKind,
    pub state: DeliveryState,
    /// Masked: 138****1234.
    pub recipient: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// A session's messages: how many of each kind stand in each state, and those in trouble.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDelivery {
    pub counts: Vec<(MessageKind, DeliveryState, i64)>,
    pub stuck: Vec<StuckMessage>,
    /// A real channel delivers messages; otherwise they are only recorded in the log.
    pub channel: bool,
}
