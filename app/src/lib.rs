//! 议事通: pages, components and server functions of the consultation app.
//!
//! Built twice: with `ssr` into the server (rendering, server functions, storage in `backend`)
//! and with `hydrate` into a small wasm bundle that only wakes the islands. Pages are rendered on
//! the server and work as plain HTML.

// Leptos view types nest deeply; the optimised wasm build needs more than the default 128.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod domain;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod messages;
pub mod pages;
mod root;
pub mod url;
pub mod views;

pub use root::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
