//! Queries, one module per entity. Rows map into the view types at this edge; nothing above
//! sees a raw row.

pub mod accounts;
pub mod areas;
pub(crate) mod attended_rows;
pub mod audit_trail;
pub mod cohosts;
pub mod deliveries;
pub mod departments;
pub mod login_failures;
pub mod lookups;
pub mod member_attendance;
pub mod members;
pub mod minutes;
pub mod organizing;
pub mod outbox;
pub mod outcomes;
pub mod platforms;
pub mod problems;
pub mod published;
pub mod recorded;
pub mod registrations;
pub mod reviews;
pub mod sessions;
pub mod sign_ups;
pub mod tallies;
pub mod todo;
pub mod topics;
pub mod users;

pub use crate::error::StoreError;

/// Values as one JSON array, bound as one parameter and read back with `json_each`: one
/// statement however many rows it reads or writes.
pub(crate) fn json_list(values: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(values).map_err(|e| StoreError::Database(sqlx::Error::Encode(e.into())))
}
