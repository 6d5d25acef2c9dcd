use leptos::prelude::*;

use crate::error::AppError;

/// Adds an area under `parent_id`; the level follows from the parent's.
#[server(endpoint = "areas/create")]
pub async fn create_area(
    #[server(default)] parent_id: String,
    #[server(default)] name: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, Refusal};
    use crate::web::{require_principal, state};
    use store::repo;

    let keep = [("name", name.as_str()), ("code", code.as_str())];
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let parent = repo::areas::get(&db, crate::api::parse_id(&parent_id)?).await?;
        if !me.covers_area(&parent.path) {
            return Err(AppError::Forbidden.into());
        }
        let mut errors = FieldErrors::default();
        let Some(level) = parent.level.child() else {
            errors.add(crate::web::forms::FORM_FIELD, T::VillageHasNoChildren);
            return Err(Refusal::Fields(errors));
        };
        let fields = super::update::parse_area_fields(&name, &code, Some(&parent), &mut errors);
        let Some((name, code)) = fields.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        match repo::areas::create(&db, me.user_id, &parent, level, &name, code.as_ref()).await {
            Ok(id) => Ok(Done::with_notice(format!("/manage/areas/{id}"), T::Saved)),
            Err(repo::StoreError::Conflict(_)) => {
                errors.add("code", T::AreaCodeTaken);
                Err(errors.into())
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    FormPost::new("/manage/areas", &keep).finish(result)
}
