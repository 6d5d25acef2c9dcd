//! The state of a form after a post: what was typed, what was wrong, or a notice of success.
//! Plain HTML forms post to server functions, which redirect back (post/redirect/get) with a
//! token `?f=…` naming this state, so a page without JavaScript keeps every typed value and shows
//! each error next to its field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::T;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormState {
    /// The server function the form posted to, so that only that form shows these values.
    pub source: String,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, T>,
    pub notice: Option<T>,
    /// Why a post was refused as a whole (not allowed, gone, try again); shown on any page.
    pub alert: Option<T>,
    /// A new account's username and one-time password, shown once.
    pub secret: Option<(String, String)>,
    /// Whom the notice is about, shown before it ("周建国 签到成功").
    #[serde(default)]
    pub subject: Option<String>,
    /// The notice is a warning: done, but not as asked.
    #[serde(default)]
    pub warning: bool,
}

impl FormState {
    pub fn notice(notice: T) -> Self {
        Self {
            notice: Some(notice),
            ..Self::default()
        }
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values.get(field).cloned()
    }

    pub fn error(&self, field: &str) -> Option<T> {
        self.errors.get(field).copied()
    }

    /// A field's error, if the post was to the server function at `source` (a page with
    /// several forms shows each error only at the form that caused it).
    pub fn error_from(&self, source: &str, field: &str) -> Option<T> {
        (self.source == source).then(|| self.error(field)).flatten()
    }
}

/// A form-level message (not tied to one field) is stored under this key.
pub const FORM_FIELD: &str = "_form";

/// The query parameter that names a stored form state.
pub const FLASH_PARAM: &str = "f";

/// The id of a refused form's list of errors: the post lands there, so the reader sees what to fix
/// without scrolling a long page for it.
pub const ERROR_SUMMARY: &str = "error-summary";
