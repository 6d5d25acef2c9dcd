use leptos::prelude::*;

use crate::error::AppError;

/// Cancels a session with a reason that everyone signed up is told.
#[server(endpoint = "manage-sessions/cancel")]
pub async fn cancel_session(
    #[server(default)] id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::backend::forms::{Done, FieldErrors, FormPost};
    use crate::backend::{clock::now_local, repo, require_principal, state};
    use crate::domain::{RequiredText, SessionStatus};
    use crate::i18n::T;

    let keep = [("reason", reason.as_str())];
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let host = repo::organizing::host(&db, crate::api::parse_id(&id)?).await?;
        if !super::manages(&me, &host) {
            return Err(AppError::Forbidden.into());
        }
        let mut errors = FieldErrors::default();
        if !matches!(host.status, SessionStatus::Draft | SessionStatus::Published) {
            errors.add(crate::backend::forms::FORM_FIELD, T::SessionNotEditable);
        }
        let reason = errors.check("reason", RequiredText::parse(&reason, 200), |_| T::Required);
        let Some(reason) = reason.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        repo::organizing::cancel(&db, me.user_id, &host, reason.as_str(), now_local()).await?;
        Ok(Done {
            to: format!("/manage/sessions/{}", host.session_id),
            notice: Some(T::SessionCancelledNotice),
            secret: None,
        })
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
