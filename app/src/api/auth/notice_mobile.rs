use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in account's number for notices (overdue suggestions of its sessions).
#[server(endpoint = "auth/notice-mobile")]
pub async fn load_notice_mobile() -> Result<Option<String>, AppError> {
    use crate::web::{require_principal, state};
    let me = require_principal().await?;
    Ok(store::repo::users::notice_mobile(&state()?.db, me.user_id).await?)
}

/// Sets (or, left empty, removes) the signed-in account's number for notices.
#[server(endpoint = "auth/set-notice-mobile")]
pub async fn set_notice_mobile(#[server(default)] mobile: String) -> Result<(), AppError> {
    use crate::domain::Mobile;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};

    let keep = [("mobile", mobile.as_str())];
    let result = async {
        let me = require_principal().await?;
        let mut errors = FieldErrors::default();
        let typed = match mobile.trim() {
            "" => None,
            typed => {
                let Some(m) = errors.check("mobile", Mobile::parse(typed), |_| T::MobileMalformed)
                else {
                    return Err(errors.into());
                };
                Some(m)
            }
        };
        store::repo::users::set_notice_mobile(&state()?.db, me.user_id, typed.as_ref()).await?;
        Ok(Done::with_notice("/account", T::Saved))
    }
    .await;
    FormPost::new("/account", &keep).finish(result)
}
