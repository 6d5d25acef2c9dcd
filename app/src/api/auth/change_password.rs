use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in account's password and ends its other sessions.
#[server(endpoint = "auth/change-password")]
pub async fn change_password(
    #[server(default)] current: String,
    #[server(default)] new_password: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::auth::{hash_password, sessions, verify_password, PasswordError};
    use store::repo;

    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let mut errors = FieldErrors::default();
        let stored = repo::users::password_hash(&db, me.user_id).await?;
        if !verify_password(stored, current.clone()).await {
            errors.add("current", T::PasswordWrong);
        }
        if new_password != confirm {
            errors.add("confirm", T::PasswordsDiffer);
        }
        let hash = match hash_password(new_password.clone()).await {
            Ok(h) => Some(h),
            Err(PasswordError::TooShort) => {
                errors.add("new_password", T::PasswordTooShort);
                None
            }
            Err(PasswordError::TooLong) => {
                errors.add("new_password", T::TooLong);
                None
            }
        };
        match hash {
            Some(hash) if errors.is_empty() => {
                repo::users::set_password(&db, me.user_id, &hash).await?;
                if let Some(token) = crate::web::request::cookie_token() {
                    sessions::delete_others(&db, me.user_id, &token).await?;
                }
                Ok(Done::with_notice("/account".to_owned(), T::PasswordChanged))
            }
            _ => Err(errors.into()),
        }
    }
    .await;
    FormPost::new("/account", &[]).finish(result)
}
