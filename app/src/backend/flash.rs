use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::forms::FormState;

/// Holds the outcome of a form post for the page the browser is redirected to (post, redirect,
/// get): what was typed and what was wrong with it. Kept in memory, never in the database or
/// the URL, because it may hold a resident's mobile number; entries expire after a few minutes.
#[derive(Clone, Debug, Default)]
pub struct FlashStore {
    inner: Arc<Mutex<Entries>>,
}

/// The states by token, and their tokens oldest first: every sign-up leaves an entry, so
/// forgetting the expired ones must cost what expired, not a pass over thousands of entries
/// under the lock on every post.
#[derive(Debug, Default)]
struct Entries {
    by_token: HashMap<String, (Instant, FormState)>,
    oldest_first: VecDeque<(Instant, String)>,
}

const TTL: Duration = Duration::from_secs(15 * 60);
const MAX_ENTRIES: usize = 20_000;

impl FlashStore {
    /// Stores a form state and returns the unguessable token that names it.
    pub fn put(&self, state: FormState) -> String {
        let token = super::auth::random_token();
        let mut entries = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // Taken under the lock, so the queue stays in time order.
        let now = Instant::now();
        // The expired go; under a flood the oldest go too, rather than the store growing.
        while let Some((at, _)) = entries.oldest_first.front() {
            if now.duration_since(*at) < TTL && entries.by_token.len() < MAX_ENTRIES {
                break;
            }
            if let Some((_, gone)) = entries.oldest_first.pop_front() {
                entries.by_token.remove(&gone);
            }
        }
        entries.by_token.insert(token.clone(), (now, state));
        entries.oldest_first.push_back((now, token.clone()));
        token
    }

    /// Reads a form state; it stays until it expires so that a reload shows the same page,
    /// except a one-time password, which is handed out once.
    pub fn get(&self, token: &str) -> Option<FormState> {
        let mut entries = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (at, state) = entries.by_token.get_mut(token)?;
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
    fn a_flood_keeps_the_newest_entries_only() {
        let store = FlashStore::default();
        let first = store.put(FormState::notice(T::Saved));
        let tokens: Vec<String> = (0..MAX_ENTRIES)
            .map(|_| store.put(FormState::notice(T::Saved)))
            .collect();
        assert!(store.get(&first).is_none(), "the oldest was forgotten");
        assert!(tokens.iter().all(|t| store.get(t).is_some()));
        let entries = store.inner.lock().unwrap();
        assert_eq!(entries.by_token.len(), MAX_ENTRIES);
        assert_eq!(entries.oldest_first.len(), MAX_ENTRIES);
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
