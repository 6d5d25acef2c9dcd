//! A nudge to the sender: a message that must go at once (a look-up code, which the resident is
//! waiting for with the page open) wakes the delivery loop instead of waiting for its next
//! minute. A nudge while the loop is busy is kept for when it next waits, so none is lost.

use std::sync::Arc;

use tokio::sync::Notify;

#[derive(Debug, Clone, Default)]
pub struct OutboxWake(Arc<Notify>);

impl OutboxWake {
    /// Asks the delivery loop to run now.
    pub fn nudge(&self) {
        self.0.notify_one();
    }

    /// Waits for a nudge.
    pub async fn nudged(&self) {
        self.0.notified().await;
    }
}
