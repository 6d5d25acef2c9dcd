//! The state of a form after a post: what was typed, what was wrong, or a notice of success.
//! Plain HTML forms post to server functions, which redirect back (post/redirect/get) with a
//! token `?f=…` naming this state, so a page without JavaScript keeps every typed value and shows
//! each error next to its field.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, i18n::T};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormState {
    /// The server function the form posted to, so that only that form shows these values.
    pub source: String,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, T>,
    pub notice: Option<T>,
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
}

/// The query parameter that names a stored form state.
pub const FLASH_PARAM: &str = "f";

#[server(endpoint = "forms/state")]
pub async fn load_form_state(token: String) -> Result<Option<FormState>, AppError> {
    Ok(crate::backend::state()?.flash.get(&token))
}

/// The form state named by this page's `?f=` parameter, if any. Empty when there is none.
pub fn use_form_state() -> Resource<FormState> {
    let query = use_query_map();
    Resource::new_blocking(
        move || query.read().get(FLASH_PARAM),
        |token| async move {
            match token {
                Some(t) if t.len() == 64 => {
                    load_form_state(t).await.ok().flatten().unwrap_or_default()
                }
                _ => FormState::default(),
            }
        },
    )
}
