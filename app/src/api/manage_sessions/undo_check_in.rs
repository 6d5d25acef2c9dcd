use leptos::prelude::*;

use crate::error::AppError;

/// Takes back a check-in made at the desk within the last minute (the wrong row tapped).
#[server(endpoint = "manage-sessions/undo-check-in")]
pub async fn undo_check_in(
    #[server(default)] id: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::domain::RegistrationCode;
    use crate::i18n::T;
    use crate::web::forms::{Done, FormPost};
    use store::{clock::now_local, repo::organizing};

    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let code = RegistrationCode::parse(&code).map_err(|_| AppError::NotFound)?;
        let undone =
            organizing::undo_check_in(&db, me.user_id, host.session_id, &code, now_local()).await?;
        let desk = format!("/manage/sessions/{}", host.session_id);
        // Too late is said at the top of the desk: the 撤销 button it came from is gone by then.
        Ok(match undone {
            Some(name) => Done::with_notice(desk, T::CheckInUndone).about(name),
            None => Done::with_notice(desk, T::UndoTooLate),
        }
        .warning())
    }
    .await;
    FormPost::new("/manage/sessions", &[]).finish(result)
}
