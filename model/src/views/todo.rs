//! What waits for an organizer or staff member on their workspace's front page.

use serde::{Deserialize, Serialize};

use super::sessions::SessionCard;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ToDo {
    /// Sessions starting today, not cancelled: their desks open today.
    pub today: i64,
    /// Sessions that have ended without their minutes (待记录成果).
    pub to_record: i64,
    /// Topics residents proposed, still to review (待审核议题).
    pub to_review: i64,
    /// Suggestions past their deadline and not completed (超期).
    pub overdue: i64,
}

/// The sessions behind the first two counts, soonest first, at most `limit` of each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToDoSessions {
    pub today: Vec<SessionCard>,
    pub to_record: Vec<SessionCard>,
}
