use leptos::prelude::*;

use crate::error::AppError;

/// Moves a session to a new time (延期 or 提前), keeping the sign-up deadline as far before the
/// start as it was, and tells everyone signed up or waiting why.
#[server(endpoint = "manage-sessions/postpone")]
pub async fn postpone_session(
    #[server(default)] id: String,
    #[server(default)] new_starts_at: String,
    #[server(default)] new_ends_at: String,
    #[server(default)] postpone_reason: String,
) -> Result<(), AppError> {
    use crate::domain::{parse_local_datetime, RequiredText, SessionStatus, TimeRange};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("new_starts_at", new_starts_at.as_str()),
        ("new_ends_at", new_ends_at.as_str()),
        ("postpone_reason", postpone_reason.as_str()),
    ];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let now = now_local();
        let mut errors = FieldErrors::default();
        if !matches!(host.status, SessionStatus::Draft | SessionStatus::Published) {
            errors.add(crate::web::forms::FORM_FIELD, T::SessionNotEditable);
        }
        let start = errors.check(
            "new_starts_at",
            parse_local_datetime(&new_starts_at),
            |_| T::DateTimeMalformed,
        );
        let end = errors.check("new_ends_at", parse_local_datetime(&new_ends_at), |_| {
            T::DateTimeMalformed
        });
        let time = match (start, end) {
            (Some(s), Some(e)) => {
                errors.check("new_ends_at", TimeRange::new(s, e), |_| T::EndBeforeStart)
            }
            _ => None,
        };
        if time.is_some_and(|t| t.start() <= now) {
            errors.add("new_starts_at", T::StartInPast);
        }
        let reason = errors.check(
            "postpone_reason",
            RequiredText::parse(&postpone_reason, 200),
            |_| T::Required,
        );
        let (Some(time), Some(reason)) = (time.filter(|_| errors.is_empty()), reason) else {
            return Err(errors.into());
        };
        repo::organizing::postpone(&db, me.user_id, &host, time, reason.as_str(), now).await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}", host.session_id),
            T::SessionMovedNotice,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
