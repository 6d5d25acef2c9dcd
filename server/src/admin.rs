use store::{
    auth::{hash_password, one_time_password},
    db::Db,
    repo::{
        users::{self, Grant},
        StoreError,
    },
};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("cannot create the account: {0}")]
    Store(#[from] StoreError),
    #[error("the username must have 3 to 64 characters")]
    Username,
}

/// Creates an administrator with a fresh random password, which is returned once and never
/// stored in the clear. There is no default password anywhere.
pub async fn create_admin(
    db: &Db,
    username: &str,
    display_name: &str,
) -> Result<String, AdminError> {
    let username = username.trim();
    if !(3..=64).contains(&username.chars().count()) {
        return Err(AdminError::Username);
    }
    let password = one_time_password();
    let hash = hash_password(password.clone())
        .await
        .expect("a 16-character password is long enough");
    users::create(db, username, display_name, &hash, &[Grant::Admin]).await?;
    Ok(password)
}
