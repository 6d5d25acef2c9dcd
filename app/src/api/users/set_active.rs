use leptos::prelude::*;

use crate::error::AppError;

/// Deactivates an account (ending its sessions) or reactivates it.
#[server(endpoint = "users/set-active")]
pub async fn set_user_active(
    #[server(default)] id: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
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
        repo::accounts::set_active(&db, me.user_id, id, active == "1").await?;
        Ok(Done::with_notice("/manage/users", T::Saved))
    }
    .await;
    FormPost::new("/manage/users", &[]).finish(result)
}
