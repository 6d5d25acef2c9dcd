//! Storage of 议事通, server-only: the SQLite database and its readers, the repositories,
//! accounts and sessions, the audit log, uploads, exports, calendars, the sign-up queue and the
//! outbox. It knows the model and nothing above it: no pages, no server functions, no request.

pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod csv_out;
pub mod db;
mod error;
pub mod exports;
pub mod files;
pub mod ledger;
pub mod member_export;
pub mod outbox_wake;
pub mod qr;
pub mod readers;
pub mod repo;
mod settings;
pub mod sign_up_list;
pub mod sign_up_queue;
pub mod uploads;

pub use error::StoreError;
pub use settings::Settings;
