// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Staff add a platform to an area within their scope.
#[server(endpoint = "platforms/create")]
pub async fn create_platform(
    #[server(default)] area_id: String,
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
    let mut keep = raw.keep().to_vec();
    keep.push(("area_id", &area_id));
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let mut errors = FieldErrors::default();
        let area = match crate::api::parse_id(&area_id) {
            Ok(id) => Some(repo::areas::get(&db, id).await?),
            Err(_) => {
                errors.add("area_id", T::ChooseOne);
                None
            }
        };
        if let Some(a) = &area {
            if !me.covers_area(&a.path) {
                return Err(AppError::Forbidden.into());
            }
            if !a.active {
                errors.add("area_id", T::AreaInactive);
            }
        }
        let fields = fields::parse(&db, &raw, &mut errors).await?;
        match (area, fields) {
            (Some(area), Some(fields)) if errors.is_empty() => {
                let id = repo::platforms::create(&db, me.user_id, area.id, &fields).await?;
                Ok(Done::with_notice(
                    format!("/manage/platforms/{id}"),
                    T::Saved,
                ))
            }
            _ => Err(errors.into()),
        }
    }
    .await;
    FormPost::new("/manage/platforms/new", &keep).finish(result)
}
