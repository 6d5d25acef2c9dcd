use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::sessions::PublicSession;

/// Public; drafts are not found.
#[server(endpoint = "sessions/public")]
pub async fn load_public_session(id: i64) -> Result<PublicSession, AppError> {
    use crate::web::{device, request_principal, state};
    use store::repo;
    let state = state()?;
    let db = state.db;
    // The sign-up form is on this page: the browser gets its cookie before the first tap.
    let known = device::current();
    if known.is_none() {
        device::issue(&state.settings);
    }
    let mut session = repo::sessions::public(&db, id, known.as_deref())
        .await?
        .ok_or(AppError::NotFound)?;
    session.member = request_principal()
        .await?
        .and_then(|p| p.member_level.map(|level| (p.display_name, level)));
    Ok(session)
}
