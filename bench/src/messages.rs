//! The sender loop against a stand-in SMS gateway: the server is started with the webhook sender
//! pointed at the gateway this module runs, which answers at once and notes when each message
//! of each kind arrived. Measured: how long a 2,000-person session's confirmations take to reach
//! the gateway while the residents sign up, and how fast its reminders drain when the day
//! before comes.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{extract::State, routing::post, Router};

use crate::site::{self, Site, SiteError};

/// When each message arrived, by kind; and how long the gateway takes to answer.
#[derive(Clone, Default)]
pub struct Gateway {
    arrived: Arc<Mutex<Vec<(String, Instant)>>>,
    latency: Duration,
}

impl Gateway {
    /// Serves the gateway on `port` of the loopback, for as long as the bench runs, answering
    /// each message after `latency` (a real gateway is tens of milliseconds away).
    pub async fn start(port: u16, latency: Duration) -> Result<Self, std::io::Error> {
        let gateway = Self {
            latency,
            ..Self::default()
        };
        let app = Router::new()
            .route("/sms", post(receive))
            .with_state(gateway.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(gateway)
    }

    fn arrivals(&self, kind: &str) -> Vec<Instant> {
        let all = self.arrived.lock().unwrap_or_else(|p| p.into_inner());
        all.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, at)| *at)
            .collect()
    }

    /// Waits until nothing has arrived for a while, then forgets what did: the phases before
    /// this one queued confirmations of their own.
    async fn settle(&self) {
        let mut seen = usize::MAX;
        loop {
            tokio::time::sleep(Duration::from_secs(2)).await;
            let now = self.arrived.lock().unwrap_or_else(|p| p.into_inner()).len();
            if now == seen {
                break;
            }
            seen = now;
        }
        self.arrived
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Waits (up to `limit`) until `n` messages of `kind` arrived; their arrival times.
    async fn wait_for(&self, kind: &str, n: usize, limit: Duration) -> Vec<Instant> {
        let until = Instant::now() + limit;
        loop {
            let arrived = self.arrivals(kind);
            if arrived.len() >= n || Instant::now() > until {
                return arrived;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(State(gateway): State<Gateway>, body: String) -> String {
    let message: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let kind = message["kind"].as_str().unwrap_or_default().to_owned();
    tokio::time::sleep(gateway.latency).await;
    gateway
        .arrived
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((kind, Instant::now()));
    serde_json::json!({ "id": message["id"] }).to_string()
}

/// What the drains measured.
#[derive(Debug)]
pub struct MessagesRun {
    pub people: usize,
    pub latency: Duration,
    /// The sign-ups, from the first sent to the last answered.
    pub sign_ups: Duration,
    /// From the first sign-up sent to the last confirmation at the gateway; how many arrived.
    pub confirmations: (Duration, usize),
    /// From the first reminder at the gateway to the last; how many arrived.
    pub reminders: (Duration, usize),
}

/// A session for `people` starting in 23 hours, so that its reminders are queued at the server's
/// next minute; everyone signs up, then the reminders drain.
pub async fn drain(
    site: &Site,
    gateway: &Gateway,
    organizer: &reqwest::Client,
    platform: i64,
    base: &str,
    people: usize,
) -> Result<MessagesRun, SiteError> {
    gateway.settle().await;
    let starts = site::shanghai_now() + chrono::TimeDelta::hours(23);
    let session = site
        .publish_session_at(organizer, platform, "短信提醒压测", people as u32, starts)
        .await?;
    let started = Instant::now();
    let base = base.to_owned();
    let sample = crate::load::exactly(32, people, move |c, i| {
        site::sign_up(c, base.clone(), session, i, 2)
    })
    .await;
    let sign_ups = started.elapsed();
    let confirmed = gateway
        .wait_for(
            "confirmation",
            people - sample.failures,
            Duration::from_secs(120),
        )
        .await;
    let confirmations = (
        confirmed
            .iter()
            .max()
            .map_or(Duration::ZERO, |last| *last - started),
        confirmed.len(),
    );
    // The reminders are queued at the server's next minute.
    let reminded = gateway
        .wait_for(
            "reminder",
            people - sample.failures,
            Duration::from_secs(180),
        )
        .await;
    let reminders = match (reminded.iter().min(), reminded.iter().max()) {
        (Some(first), Some(last)) => (*last - *first, reminded.len()),
        _ => (Duration::ZERO, 0),
    };
    Ok(MessagesRun {
        people,
        latency: gateway.latency,
        sign_ups,
        confirmations,
        reminders,
    })
}
