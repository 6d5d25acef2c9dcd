use leptos::prelude::*;

use crate::error::AppError;

/// Publishes a draft: residents can find it and sign up.
#[server(endpoint = "manage-sessions/publish")]
pub async fn publish_session(#[server(default)] id: String) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};
    use store::repo;

    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        repo::organizing::publish(&db, me.user_id, host.session_id).await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}", host.session_id),
            T::SessionPublished,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &[]).finish(result)
}
