//! What 议事通 is about, shared by the pages, the server functions and storage: domain types
//! that cannot hold invalid values, the texts in both languages, the text messages to
//! residents, the view types pages show and storage reads into, form state and the error type.
//!
//! Built for the server and for the browser alike; with `ssr` the types also read from SQLite
//! rows.

pub mod domain;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod messages;
pub mod text_size;
pub mod url;
pub mod views;
