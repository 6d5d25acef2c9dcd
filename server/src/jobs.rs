//! Background work of a running server, one pass a minute: queue reminders for tomorrow's
//! sessions and notices of overdue suggestions, deliver the outbox, and erase residents' numbers past the retention period. The
//! outbox is also delivered at once when a request nudges it.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use app::web::AppState;
use futures_util::{stream, StreamExt};
use store::repo::{
    self,
    outbox::{Pending, Tried},
    StoreError,
};

use crate::messages::Sender;

/// How long before a session its reminder goes out.
pub const REMINDER_AHEAD: TimeDelta = TimeDelta::hours(24);
/// Messages handed to the sender per pass; the rest wait for the next pass.
const BATCH: i64 = 200;
const PERIOD: Duration = Duration::from_secs(60);

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub reminders_queued: u64,
    /// Suggestions past their deadline whose notice was queued.
    pub overdue_noticed: u64,
    pub sent: u64,
    /// Failed this pass, to be tried again.
    pub failed: u64,
    /// Failed for good this pass.
    pub given_up: u64,
    pub numbers_erased: u64,
    pub files_removed: u64,
}

/// The pauses before the second, third, … try of a failed message: a busy gateway gets a
/// minute, an outage hours. After the last, the message is given up.
const BACKOFF_MINUTES: [i64; 5] = [1, 5, 30, 120, 360];

/// When a message that failed its `attempts`-th try is tried again; none when it is given up.
fn retry_at(retry: bool, attempts: i64, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let pause = usize::try_from(attempts - 1)
        .ok()
        .and_then(|i| BACKOFF_MINUTES.get(i))
        .filter(|_| retry)?;
    Some(now + TimeDelta::minutes(*pause))
}

/// One pass of every job at `now`.
pub async fn run_once(
    state: &AppState,
    sender: &dyn Sender,
    now: NaiveDateTime,
) -> Result<Pass, StoreError> {
    let db = &state.db;
    let mut pass = Pass {
        reminders_queued: repo::outbox::queue_reminders(db, now, REMINDER_AHEAD).await?,
        overdue_noticed: repo::departments::queue_overdue(db, now.date(), now).await?,
        ..Pass::default()
    };
    deliver(state, sender, now, &mut pass).await?;
    pass.numbers_erased = erase_expired_numbers(state, now).await?;
    repo::login_failures::forget_old(db, now).await?;
    state.limits.forget_idle();
    // Hourly, as SQLite advises for long-lived connections: refresh the planner's statistics
    // where they drifted, so the figures keep choosing their index searches.
    if chrono::Timelike::minute(&now) == 0 {
        sqlx::query("PRAGMA optimize").execute(&db.write).await?;
        pass.files_removed = remove_unrecorded_files(state, UNRECORDED_AGE).await?;
    }
    Ok(pass)
}

/// Messages handed to the sender at once: a gateway 50–100 ms away still takes a 2,000-person
/// session's reminders in well under a minute, far below the providers' rate limits.
const SENDING_AT_ONCE: usize = 8;

/// Hands the messages due at `now` to the sender, a batch at a time until none is left, and
/// records each batch's tries.
pub async fn deliver(
    state: &AppState,
    sender: &dyn Sender,
    now: NaiveDateTime,
    pass: &mut Pass,
) -> Result<(), StoreError> {
    let db = &state.db;
    repo::lookups::tidy(db, now).await?;
    let base = state.settings.public_url.as_deref();
    loop {
        let due = repo::outbox::due(db, now, BATCH).await?;
        let more = due.len() as i64 == BATCH;
        // Tries are recorded together after the batch; a crash in between sends them again on
        // restart (at least once, never lost). A failing message waits its pause while the
        // rest go.
        let tries: Vec<(i64, Tried)> = stream::iter(due)
            .map(|message| try_one(sender, message.written(base), now))
            .buffer_unordered(SENDING_AT_ONCE)
            .collect()
            .await;
        for (_, tried) in &tries {
            match tried {
                Tried::Sent { .. } => pass.sent += 1,
                Tried::Failed { .. } => pass.failed += 1,
                Tried::GivenUp { .. } => pass.given_up += 1,
            }
        }
        repo::outbox::record_tries(db, &tries, now).await?;
        // A failed message is not due again this pass, so a full batch means more are waiting.
        if !more {
            return Ok(());
        }
    }
}

/// One try of one message.
async fn try_one(sender: &dyn Sender, message: Pending, now: NaiveDateTime) -> (i64, Tried) {
    let Some(to) = &message.recipient else {
        // The number was erased before the message went out: nothing to send it to.
        let erased = Tried::GivenUp {
            error: "number erased".to_owned(),
        };
        return (message.id, erased);
    };
    let tried = match sender.send(to, &message).await {
        Ok(sent) => Tried::Sent {
            provider_id: sent.provider_id,
        },
        Err(e) => {
            tracing::warn!(id = message.id, attempts = message.attempts + 1, error = %e, "message not sent");
            match retry_at(e.retry, message.attempts + 1, now) {
                Some(retry_at) => Tried::Failed {
                    error: e.reason,
                    retry_at,
                },
                None => Tried::GivenUp { error: e.reason },
            }
        }
    };
    (message.id, tried)
}

/// Erases residents' numbers of sessions that ended longer than the retention period ago, and
/// topic proposers' numbers of topics left alone that long.
pub async fn erase_expired_numbers(
    state: &AppState,
    now: NaiveDateTime,
) -> Result<u64, StoreError> {
    let cutoff = now - TimeDelta::days(state.settings.retention_days);
    let residents = repo::outbox::erase_numbers_before(&state.db, cutoff, now).await?;
    let proposers = repo::topics::erase_numbers_before(&state.db, cutoff).await?;
    Ok(residents + proposers)
}

/// A stored file this old that no record names was never going to get one.
const UNRECORDED_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes uploaded files that no record names and that are older than `min_age`: uploads whose
/// post was refused or broken off, and photos of declined topics.
pub async fn remove_unrecorded_files(
    state: &AppState,
    min_age: std::time::Duration,
) -> Result<u64, StoreError> {
    let recorded = repo::minutes::storage_keys(&state.db).await?;
    match store::uploads::sweep_unrecorded(&state.settings.uploads_dir, &recorded, min_age).await {
        Ok(removed) => Ok(removed),
        Err(e) => {
            tracing::warn!(error = %e, "sweeping unrecorded uploads");
            Ok(0)
        }
    }
}

/// Runs the jobs every minute for as long as the server runs, and delivers the outbox at once
/// when nudged (a look-up code the resident is waiting for).
pub fn spawn(state: AppState, sender: Box<dyn Sender>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PERIOD);
        loop {
            let nudged = tokio::select! {
                _ = tick.tick() => false,
                () = state.outbox.nudged() => true,
            };
            let now = store::clock::now_local();
            let result = if nudged {
                let mut pass = Pass::default();
                deliver(&state, sender.as_ref(), now, &mut pass)
                    .await
                    .map(|()| pass)
            } else {
                run_once(&state, sender.as_ref(), now).await
            };
            match result {
                Ok(pass) if pass != Pass::default() => tracing::info!(?pass, "background jobs"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "background jobs"),
            }
        }
    })
}
