use leptos::prelude::*;

use crate::error::AppError;

/// Deactivates or reactivates an area. An area that still has active platforms or active areas
/// below it cannot be deactivated: they would vanish from every list and count.
#[server(endpoint = "areas/set-active")]
pub async fn set_area_active(
    #[server(default)] id: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::{require_principal, state};
    use store::repo;

    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let area = repo::areas::get(&db, crate::api::parse_id(&id)?).await?;
        if !me.manages_area(&area.path) {
            return Err(AppError::Forbidden.into());
        }
        let active = active == "1";
        if !active {
            let (children, platforms) = repo::areas::active_below(&db, &area).await?;
            let mut errors = FieldErrors::default();
            if platforms > 0 {
                errors.add(FORM_FIELD, T::AreaHasActivePlatforms);
            } else if children > 0 {
                errors.add(FORM_FIELD, T::AreaHasActiveChildren);
            }
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }
        repo::areas::set_active(&db, me.user_id, &area, active).await?;
        Ok(Done::with_notice(
            format!("/manage/areas/{}", area.id),
            T::Saved,
        ))
    }
    .await;
    FormPost::new("/manage/areas", &[]).finish(result)
}
