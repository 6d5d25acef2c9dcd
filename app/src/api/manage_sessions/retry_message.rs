use leptos::prelude::*;

use crate::error::AppError;

/// Puts a failed or given-up text message of the session back in the queue, to be sent again.
#[server(endpoint = "manage-sessions/retry-message")]
pub async fn retry_message(
    #[server(default)] id: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};

    let result = async {
        let (_, db, host) = super::managed_session(&id).await?;
        let message = crate::api::parse_id(&message)?;
        if !store::repo::deliveries::retry(&db, host.session_id, message).await? {
            return Err(AppError::NotFound.into());
        }
        crate::web::state()?.outbox.nudge();
        Ok(Done::with_notice(
            format!("/manage/sessions/{}#messages", host.session_id),
            T::MessagesRequeued,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &[]).finish(result)
}
