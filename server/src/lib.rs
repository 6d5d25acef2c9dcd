//! The 议事通 server: configuration, the database, the HTTP routes and the command-line tasks
//! (serving, creating the first administrator, generating demo data, timing the figures).

pub mod admin;
mod asset_cache;
pub mod backup;
mod body_limits;
pub mod config;
pub mod demo;
mod downloads;
mod error_status;
mod html_tail;
pub mod jobs;
mod list_cache;
pub mod messages;
mod multipart_guard;
mod preferences;
mod refusal;
mod request_log;
mod routes;
mod same_origin;
mod security_headers;
pub mod sms;
pub mod tally_timing;

pub use routes::{route_list, router};

use std::{path::Path, sync::Arc};

use app::web::{assets::Assets, flash::FlashStore, limits::Limits, AppState};
use config::Config;
use store::{
    db::Db,
    sign_up_queue::{SignUpQueue, SignUpWriter},
    Settings,
};

/// Opens (and migrates) the database and assembles the shared state, with the sign-up writer
/// that only a serving process runs (`start_sign_ups`).
pub async fn open_state(
    config: &Config,
) -> Result<(AppState, SignUpWriter), store::db::DbOpenError> {
    if let Some(dir) = Path::new(&config.database).parent() {
        // A missing folder is reported by the open that follows.
        let _ = std::fs::create_dir_all(dir);
    }
    let db = Db::open(Path::new(&config.database), config.readers).await?;
    let leptos_options = config.leptos_options();
    let (sign_ups, writer) = SignUpQueue::new();
    let state = AppState {
        db,
        assets: Assets::resolve(&leptos_options),
        leptos_options,
        flash: FlashStore::default(),
        settings: Arc::new(Settings {
            secure_cookies: config.secure_cookies,
            login_hours: 12,
            public_url: config.public_url.clone(),
            retention_days: config.retention_days,
            uploads_dir: config.uploads_dir.clone().into(),
            behind_proxy: config.behind_proxy,
            upload_quota_bytes: config.upload_quota_mb.saturating_mul(1024 * 1024),
            sms_channel: config.sms != sms::SmsConfig::Log,
        }),
        limits: Arc::new(Limits::new(config.rates)),
        sign_ups,
        outbox: Default::default(),
    };
    Ok((state, writer))
}

/// Starts writing queued sign-ups; the task ends when the state's last queue handle is dropped.
pub fn start_sign_ups(writer: SignUpWriter, state: &AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(writer.run(state.db.write.clone()))
}
