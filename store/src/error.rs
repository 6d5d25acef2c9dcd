//! The one error type of storage, and what a server function makes of it.

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
