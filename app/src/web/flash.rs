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
    /// What the stored states hold, as [`weight`] counts it.
    bytes: usize,
}

const TTL: Duration = Duration::from_secs(15 * 60);
const MAX_ENTRIES: usize = 20_000;
/// The store's memory bound. A kept field is at most 5,000 characters (`forms::kept_max_chars`)
/// and refused posts are rate-limited per address, but anonymous posts can still come from many
/// addresses: past this, the oldest entries go first.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// About what a state occupies: its texts plus a fixed cost per text and per entry.
fn weight(token: &str, state: &FormState) -> usize {
    const PER_TEXT: usize = 48;
    let texts = state
        .values
        .iter()
        .map(|(k, v)| k.len() + v.len() + 2 * PER_TEXT)
        .sum::<usize>()
        + state
            .errors
            .keys()
            .map(|k| k.len() + PER_TEXT)
            .sum::<usize>()
        + state
            .secret
            .as_ref()
            .map_or(0, |(u, p)| u.len() + p.len() + 2 * PER_TEXT);
    256 + 2 * token.len() + state.source.len() + texts
}

impl FlashStore {
    /// Stores a form state and returns the unguessable token that names it.
    pub fn put(&self, state: FormState) -> String {
        let token = store::auth::random_token();
        let mut entries = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // Taken under the lock, so the queue stays in time order.
        let now = Instant::now();
        let size = weight(&token, &state);
        // The expired go; under a flood the oldest go too, rather than the store growing.
        while let Some((at, _)) = entries.oldest_first.front() {
            if now.duration_since(*at) < TTL
                && entries.by_token.len() < MAX_ENTRIES
                && entries.bytes + size <= MAX_BYTES
            {
                break;
            }
            if let Some((_, gone)) = entries.oldest_first.pop_front() {
                if let Some((_, old)) = entries.by_token.remove(&gone) {
                    entries.bytes -= weight(&gone, &old);
                }
            }
        }
        entries.bytes += size;
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
        let before = weight(token, state);
        state.secret = None;
        let freed = before - weight(token, state);
        entries.bytes -= freed;
        Some(found)
    }

    /// What the stored states occupy, about.
    pub fn bytes(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).bytes
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
    fn large_states_are_bounded_by_bytes_not_only_by_count() {
        let store = FlashStore::default();
        let big = FormState {
            values: [("description".to_owned(), "字".repeat(5000))].into(),
            ..FormState::default()
        };
        let first = store.put(big.clone());
        let count = 3 * MAX_BYTES / weight(&first, &big);
        let last: Vec<String> = (0..count).map(|_| store.put(big.clone())).collect();
        assert!(store.bytes() <= MAX_BYTES, "{} bytes", store.bytes());
        assert!(store.get(&first).is_none(), "the oldest was forgotten");
        assert!(
            store.get(last.last().unwrap()).is_some(),
            "the newest is kept"
        );
        let entries = store.inner.lock().unwrap();
        let counted: usize = entries
            .by_token
            .iter()
            .map(|(t, (_, s))| weight(t, s))
            .sum();
        assert_eq!(
            counted, entries.bytes,
            "the running count matches the entries"
        );
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
