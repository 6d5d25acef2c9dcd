use leptos::prelude::*;

use crate::error::AppError;

/// Adds a department to an area (or updates the contact of the one of that name). Staff over
/// the area only.
#[server(endpoint = "areas/save-department")]
pub async fn save_department(
    #[server(default)] area_id: String,
    #[server(default)] name: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_mobile: String,
) -> Result<(), AppError> {
    use crate::domain::{Mobile, MobileError, RequiredText};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("name", name.as_str()),
        ("contact_name", contact_name.as_str()),
        ("contact_mobile", contact_mobile.as_str()),
    ];
    let result = async {
        let (db, area) = staff_area(&area_id).await?;
        let mut errors = FieldErrors::default();
        let name = errors.check("name", RequiredText::parse(&name, 100), T::from);
        let contact = errors.check(
            "contact_name",
            RequiredText::parse_optional(&contact_name, 50),
            T::from,
        );
        let mobile = match contact_mobile.trim() {
            "" => Some(None),
            typed => errors
                .check("contact_mobile", Mobile::parse(typed), |e| match e {
                    MobileError::Empty => T::Required,
                    MobileError::Malformed => T::MobileMalformed,
                })
                .map(Some),
        };
        let (Some(name), Some(contact), Some(mobile)) = (name, contact, mobile) else {
            return Err(errors.into());
        };
        repo::departments::save(
            &db,
            area,
            name.as_str(),
            contact.as_ref().map(|c| c.as_str()),
            mobile.as_ref(),
            now_local(),
        )
        .await?;
        Ok(Done::with_notice(
            format!("/manage/areas/{area}#departments"),
            T::Saved,
        ))
    }
    .await;
    FormPost::new("/manage/areas", &keep).finish(result)
}

/// Stops offering a department (or offers it again); past suggestions keep its name.
#[server(endpoint = "areas/set-department-active")]
pub async fn set_department_active(
    #[server(default)] area_id: String,
    #[server(default)] id: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};
    use store::{clock::now_local, repo};

    let result = async {
        let (db, area) = staff_area(&area_id).await?;
        let id = crate::api::parse_id(&id)?;
        if !repo::departments::set_active(&db, area, id, active == "1", now_local()).await? {
            return Err(AppError::NotFound.into());
        }
        Ok(Done::with_notice(
            format!("/manage/areas/{area}#departments"),
            T::Saved,
        ))
    }
    .await;
    FormPost::new("/manage/areas", &[]).finish(result)
}

/// The database and the area `id` names, when the caller is staff over it.
#[cfg(feature = "ssr")]
async fn staff_area(id: &str) -> Result<(store::db::Db, i64), AppError> {
    use crate::web::{require_principal, state};
    let me = require_principal().await?;
    let db = state()?.db;
    let area = store::repo::areas::get(&db, crate::api::parse_id(id)?).await?;
    if !me.covers_area(&area.path) {
        return Err(AppError::Forbidden);
    }
    Ok((db, area.id))
}
