//! Server-only code: storage, authentication and the state the server functions share.
//! Compiled with the `ssr` feature only, so none of it can reach the wasm bundle.

pub mod area_memory;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod code_guard;
pub mod csv_out;
pub mod db;
pub mod device;
pub mod exports;
pub mod files;
pub mod flash;
pub mod forms;
pub mod limits;
pub mod page_policy;
pub mod qr;
pub mod readers;
pub mod repo;
pub mod request;
pub mod sign_up_list;
pub mod sign_up_queue;
mod state;
pub mod uploads;

pub use request::{request_principal, require_principal, state};
pub use state::{AppState, Settings};
