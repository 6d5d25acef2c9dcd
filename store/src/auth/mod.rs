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
pub use token::{random_token, token_hash};

/// Who is signed in, from a request's `Cookie` header, for handlers outside server functions
/// (file downloads, exports).
pub async fn principal_from_cookie(
    db: &super::db::Db,
    cookie: Option<&str>,
) -> Result<Option<Principal>, super::StoreError> {
    let Some(token) = cookie.and_then(cookie::session_token) else {
        return Ok(None);
    };
    match sessions::lookup(db, &token).await? {
        Some(user) => Principal::load(db, user).await,
        None => Ok(None),
    }
}
