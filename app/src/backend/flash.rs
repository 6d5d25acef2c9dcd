use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::forms::FormState;

/// Holds the outcome of a form post for the page the browser is redirected to (post, redirect,
/// get): what was typed and what was wrong with it. Kept in memory, never in the database or
/// the URL, because it may hold a resident's mobile number; entries expire after a few minutes.
#[derive(Clone, Debug, Default)]
pub struct FlashStore {
    inner: Arc<Mutex<HashMap<String, (Instant, FormState)>>>,
}

const TTL: Duration = Duration::from_secs(15 * 60);
const MAX_ENTRIES: usize = 20_000;

impl FlashStore {
    /// Stores a form state and returns the unguessable token that names it.
    pub fn put(&self, state: FormState) -> String {
        let token = super::auth::random_token();
        let now = Instant::now();
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (at, _)| now.duration_since(*at) < TTL);
        if map.len() >= MAX_ENTRIES {
            // Under a flood, forget the oldest rather than grow without bound.
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(token.clone(), (now, state));
        token
    }

    /// Reads a form state; it stays until it expires so that a reload shows the same page,
    /// except a one-time password, which is handed out once.
    pub fn get(&self, token: &str) -> Option<FormState> {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (at, state) = map.get_mut(token)?;
        if at.elapsed() >= TTL {
            return None;
        }
        let found = state.clone();
        state.secret = None;
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::T;

    #[test]
    fn a_stored_state_comes_back_by_its_token_only() {
        let store = FlashStore::default();
        let token = store.put(FormState::notice(T::Saved));
        assert_eq!(store.get(&token).unwrap().notice, Some(T::Saved));
        assert!(store.get("nope").is_none());
        assert_eq!(token.len(), 64);
    }

    #[test]
    fn a_one_time_password_is_handed_out_once() {
        let store = FlashStore::default();
        let secret = Some(("u".to_owned(), "p".to_owned()));
        let token = store.put(FormState {
            secret: secret.clone(),
            ..FormState::default()
        });
        assert_eq!(store.get(&token).unwrap().secret, secret);
        assert_eq!(store.get(&token).unwrap().secret, None);
    }
}
