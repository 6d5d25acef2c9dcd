use leptos::prelude::*;

use crate::error::AppError;

/// Gives an account a new one-time password (shown once) and ends its sessions.
#[server(endpoint = "users/reset-password")]
pub async fn reset_password(#[server(default)] id: String) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};
    use crate::web::{require_principal, state};
    use store::repo;

    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let id = crate::api::parse_id(&id)?;
        if id == me.user_id || !repo::accounts::manageable_by(&db, &me, id).await? {
            return Err(AppError::Forbidden.into());
        }
        let (username, password) = repo::accounts::reset_password(&db, me.user_id, id).await?;
        Ok(Done {
            to: "/manage/users".into(),
            notice: Some(T::PasswordReset),
            secret: Some((username, password)),
            ..Done::default()
        })
    }
    .await;
    FormPost::new("/manage/users", &[]).finish(result)
}
