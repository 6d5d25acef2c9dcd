use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};

pub const MIN_PASSWORD_CHARS: usize = 10;

/// A random password of 16 characters that are easy to read aloud and type (no 0/O, 1/l/I),
/// for a new account or a reset; its owner changes it after signing in.
pub fn one_time_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..16)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("a password has at least 10 characters")]
    TooShort,
    #[error("a password has at most 128 characters")]
    TooLong,
}

/// Checks a new password's length; long passphrases beat forced symbol rules.
pub fn check_new_password(pw: &str) -> Result<(), PasswordError> {
    match pw.chars().count() {
        n if n < MIN_PASSWORD_CHARS => Err(PasswordError::TooShort),
        n if n > 128 => Err(PasswordError::TooLong),
        _ => Ok(()),
    }
}

/// Hashes with argon2id and its recommended parameters, off the async runtime's threads.
pub async fn hash_password(pw: String) -> Result<String, PasswordError> {
    check_new_password(&pw)?;
    let hash = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| h.to_string())
            .expect("argon2 with default parameters accepts any password")
    })
    .await
    .expect("hashing task does not panic");
    Ok(hash)
}

/// Verifies a password; a malformed stored hash simply fails.
pub async fn verify_password(stored_hash: String, pw: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored_hash)
            .map(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_refuse_wrong_passwords() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(hash.clone(), "correct horse".into()).await);
        assert!(!verify_password(hash, "wrong horse!".into()).await);
        assert!(!verify_password("not a hash".into(), "x".into()).await);
        assert_eq!(
            hash_password("short".into()).await,
            Err(PasswordError::TooShort)
        );
    }
}
