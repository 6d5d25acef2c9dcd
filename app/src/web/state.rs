use std::sync::Arc;

use leptos::config::LeptosOptions;

use store::{db::Db, sign_up_queue::SignUpQueue, Settings};

use super::{assets::Assets, flash::FlashStore, limits::Limits};

/// What every request handler and server function shares. Built once in `main` and handed to
/// the handlers through Leptos context and axum state, never through a global.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub assets: Assets,
    pub flash: FlashStore,
    pub settings: Arc<Settings>,
    pub limits: Arc<Limits>,
    /// Sign-ups, committed in groups by the writer the serving binary starts.
    pub sign_ups: SignUpQueue,
    /// Wakes the delivery loop the serving binary starts, for a message that must go at once.
    pub outbox: store::outbox_wake::OutboxWake,
}

/// Lets the Leptos axum integration find its options inside the shared state.
impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
