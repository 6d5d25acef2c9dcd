//! The form state of the page being rendered.

pub use crate::forms::{FormState, FLASH_PARAM};

/// The form state named by this page's `?f=` parameter; empty when there is none. Read during
/// the server render, from memory, so no request or suspense is needed.
pub fn use_form_state() -> FormState {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::*;
        let token = leptos_router::hooks::use_query_map()
            .read_untracked()
            .get(FLASH_PARAM);
        token
            .filter(|t| t.len() == 64)
            .and_then(|t| use_context::<crate::web::AppState>()?.flash.get(&t))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    FormState::default()
}
