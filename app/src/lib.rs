//! 议事通: pages, components and server functions of the consultation app.
//!
//! Built twice: with `ssr` into the server (rendering, server functions, and through them the
//! `store` crate) and with `hydrate` into a small wasm bundle that only wakes the islands, which
//! never sees storage. Pages are rendered on the server and work as plain HTML.

// Leptos view types nest deeply; the optimised wasm build needs more than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod form_state;
pub mod islands;
pub mod pages;
mod root;
#[cfg(feature = "ssr")]
pub mod web;

// The model's modules, at the same paths in pages, server functions and the server.
pub use model::{domain, error, forms, i18n, messages, text_size, url, views};

pub use root::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
