//! Queries, one module per entity. Rows map into the view types at this edge; nothing above
//! sees a raw row.

pub mod accounts;
pub mod areas;
pub mod login_failures;
pub mod members;
pub mod minutes;
pub mod organizing;
pub mod outbox;
pub mod outcomes;
pub mod platforms;
pub mod problems;
pub mod published;
pub mod registrations;
pub mod reviews;
pub mod sessions;
pub mod sign_ups;
pub mod tallies;
pub mod topics;
pub mod users;

use model::error::AppError;

/// The storage layer's error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no such record")]
    NotFound,
    /// A constraint of the schema refused the change (duplicate, bad reference, failed CHECK).
    #[error("refused by a constraint: {0}")]
    Conflict(String),
    #[error(transparent)]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(ref d)
                if d.is_unique_violation()
                    || d.is_check_violation()
                    || d.is_foreign_key_violation() =>
            {
                Self::Conflict(d.message().to_owned())
            }
            // SQLITE_CONSTRAINT_TRIGGER: a trigger's RAISE(ABORT, …) refused the change.
            sqlx::Error::Database(ref d) if d.code().as_deref() == Some("1811") => {
                Self::Conflict(d.message().to_owned())
            }
            e => Self::Database(e),
        }
    }
}

/// Values as one JSON array, bound as one parameter and read back with `json_each`: one
/// statement however many rows it reads or writes.
pub(crate) fn json_list(values: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(values).map_err(|e| StoreError::Database(sqlx::Error::Encode(e.into())))
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(m) => Self::BadRequest(m),
            StoreError::Database(e) => {
                tracing::error!(error = %e, "database error");
                Self::Unexpected
            }
        }
    }
}
