use leptos::prelude::*;

use crate::error::AppError;

/// Staff deactivate a platform (it keeps its history and stops counting as active from that
/// day) or bring it back.
#[server(endpoint = "platforms/set-status")]
pub async fn set_platform_status(
    #[server(default)] id: String,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    use crate::domain::PlatformStatus;
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};
    use crate::web::{require_principal, state};
    use store::repo;

    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let platform = repo::platforms::get(&db, crate::api::parse_id(&id)?).await?;
        if !me.covers_area(&platform.area_path) {
            return Err(AppError::Forbidden.into());
        }
        let status = PlatformStatus::from_code(&status)
            .ok_or_else(|| AppError::BadRequest("status".into()))?;
        repo::platforms::set_status(&db, me.user_id, &platform, status).await?;
        Ok(Done::with_notice(
            format!("/manage/platforms/{}", platform.id),
            T::Saved,
        ))
    }
    .await;
    FormPost::new("/manage/platforms", &[]).finish(result)
}
