use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use {
    super::AreaSummary,
    crate::{
        domain::{AreaCode, AreaCodeError, RequiredText},
        i18n::T,
        web::forms::FieldErrors,
    },
};

/// Parses an area's name and optional code; a code must sit under the parent's code.
#[cfg(feature = "ssr")]
pub(super) fn parse_area_fields(
    name: &str,
    code: &str,
    parent: Option<&AreaSummary>,
    errors: &mut FieldErrors,
) -> Option<(String, Option<AreaCode>)> {
    let name = errors.check("name", RequiredText::parse_line(name, 64), T::from);
    let code = if code.trim().is_empty() {
        Some(None)
    } else {
        let parsed = AreaCode::parse(code).and_then(|c| {
            match parent
                .and_then(|p| Some((p.code.as_deref().map(AreaCode::parse)?.ok()?, p.level)))
            {
                Some((parent_code, level)) => c.check_under(&parent_code, level).map(|()| c),
                None => Ok(c),
            }
        });
        errors
            .check("code", parsed, |e| match e {
                AreaCodeError::Malformed => T::AreaCodeMalformed,
                AreaCodeError::NotUnderParent => T::AreaCodeNotUnderParent,
            })
            .map(Some)
    };
    Some((name?.into_inner(), code?))
}

/// Renames an area or corrects its code.
#[server(endpoint = "areas/update")]
pub async fn update_area(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::web::forms::{Done, FormPost};
    use crate::web::{require_principal, state};
    use store::repo;

    let keep = [("name", name.as_str()), ("code", code.as_str())];
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let area = repo::areas::get(&db, crate::api::parse_id(&id)?).await?;
        if !me.manages_area(&area.path) {
            return Err(AppError::Forbidden.into());
        }
        let parent = match area.parent_id {
            Some(pid) => Some(repo::areas::get(&db, pid).await?),
            None => None,
        };
        let mut errors = FieldErrors::default();
        let fields = parse_area_fields(&name, &code, parent.as_ref(), &mut errors);
        let Some((name, code)) = fields.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        match repo::areas::update(&db, me.user_id, &area, &name, code.as_ref()).await {
            Ok(()) => Ok(Done::with_notice(
                format!("/manage/areas/{}", area.id),
                T::Saved,
            )),
            Err(store::repo::StoreError::Conflict(_)) => {
                errors.add("code", T::AreaCodeTaken);
                Err(errors.into())
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    FormPost::new("/manage/areas", &keep).finish(result)
}
