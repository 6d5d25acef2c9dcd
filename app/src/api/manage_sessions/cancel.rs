use leptos::prelude::*;

use crate::error::AppError;

/// Cancels a session with a reason that everyone signed up is told.
#[server(endpoint = "manage-sessions/cancel")]
pub async fn cancel_session(
    #[server(default)] id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::{RequiredText, SessionStatus};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [("reason", reason.as_str())];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        if !matches!(host.status, SessionStatus::Draft | SessionStatus::Published) {
            errors.add(crate::web::forms::FORM_FIELD, T::SessionNotEditable);
        }
        let reason = errors.check("reason", RequiredText::parse(&reason, 200), |_| T::Required);
        let Some(reason) = reason.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        repo::organizing::cancel(&db, me.user_id, &host, reason.as_str(), now_local()).await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}", host.session_id),
            T::SessionCancelledNotice,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
