use leptos::prelude::*;

use crate::error::AppError;

/// Staff move a platform to another area of their scope. Its past sessions keep the area they
/// were held in, so earlier years' figures do not change; its upcoming sessions move with it.
#[server(endpoint = "platforms/move")]
pub async fn move_platform(
    #[server(default)] id: String,
    #[server(default)] to_area_id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::RequiredText;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::repo;

    let keep = [
        ("to_area_id", to_area_id.as_str()),
        ("reason", reason.as_str()),
    ];
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let platform = repo::platforms::get(&db, crate::api::parse_id(&id)?).await?;
        if !me.covers_area(&platform.area_path) {
            return Err(AppError::Forbidden.into());
        }
        let mut errors = FieldErrors::default();
        let target = match crate::api::parse_id(&to_area_id) {
            Ok(tid) => Some(repo::areas::get(&db, tid).await?),
            Err(_) => None,
        };
        match &target {
            None => errors.add("to_area_id", T::ChooseOne),
            Some(t) if !me.covers_area(&t.path) => return Err(AppError::Forbidden.into()),
            Some(t) if !t.active => errors.add("to_area_id", T::AreaInactive),
            Some(t) if t.id == platform.area_id => errors.add("to_area_id", T::SameArea),
            Some(_) => {}
        }
        let reason = errors.check("reason", RequiredText::parse_optional(&reason, 200), |_| {
            T::TooLong
        });
        match (target, reason) {
            (Some(target), Some(reason)) if errors.is_empty() => {
                repo::platforms::move_to(
                    &db,
                    me.user_id,
                    &platform,
                    &target,
                    reason.as_ref().map(|r| r.as_str()),
                )
                .await?;
                Ok(Done::with_notice(
                    format!("/manage/platforms/{}", platform.id),
                    T::PlatformMoved,
                ))
            }
            _ => Err(errors.into()),
        }
    }
    .await;
    FormPost::new("/manage/platforms", &keep).finish(result)
}
