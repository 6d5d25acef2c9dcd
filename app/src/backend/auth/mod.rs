//! Staff, organizer and member accounts: argon2id passwords, server-side sessions in SQLite,
//! and the principal every server function checks before it acts.

pub mod cookie;
mod password;
mod principal;
pub mod sessions;
mod token;

pub use password::{
    hash_password, one_time_password, verify_password, PasswordError, MIN_PASSWORD_CHARS,
};
pub use principal::{AreaScope, Principal};
pub use token::random_token;
