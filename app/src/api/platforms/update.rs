// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Staff over the platform's area, or its organizers, edit its details.
#[server(endpoint = "platforms/update")]
pub async fn update_platform(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] brand_name: String,
    #[server(default)] type_code: String,
    #[server(default)] convener: String,
    #[server(default)] address: String,
    #[server(default)] description: String,
    #[server(default)] established_on: String,
    #[server(default)] star_rating: String,
) -> Result<(), AppError> {
    use super::fields::{self, RawPlatformFields};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::repo;

    let raw = RawPlatformFields {
        name: &name,
        brand_name: &brand_name,
        type_code: &type_code,
        convener: &convener,
        address: &address,
        description: &description,
        established_on: &established_on,
        star_rating: &star_rating,
    };
    let keep = raw.keep();
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let before = repo::platforms::get(&db, crate::api::parse_id(&id)?).await?;
        if !me.edits_platform(before.id, &before.area_path) {
            return Err(AppError::Forbidden.into());
        }
        let mut errors = FieldErrors::default();
        match fields::parse(&db, &raw, &mut errors).await? {
            Some(fields) if errors.is_empty() => {
                repo::platforms::update(&db, me.user_id, &before, &fields).await?;
                Ok(Done::with_notice(
                    format!("/manage/platforms/{}", before.id),
                    T::Saved,
                ))
            }
            _ => Err(errors.into()),
        }
    }
    .await;
    FormPost::new("/manage/platforms", &keep).finish(result)
}
