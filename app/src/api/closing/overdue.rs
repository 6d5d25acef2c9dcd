use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::closing::OverdueOutcome;

/// What is due or overdue where the signed-in person works: their platforms' sessions, and
/// for staff every session in their areas.
#[server(endpoint = "closing/overdue")]
pub async fn load_overdue() -> Result<Vec<OverdueOutcome>, AppError> {
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo};
    let me = require_principal().await?;
    // A member's account runs no platform: nothing here is theirs to follow up.
    if !me.is_staff() && !me.is_organizer() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let paths = me.area_paths();
    Ok(repo::outcomes::overdue(&db, &me.organizer_of, &paths, now_local().date()).await?)
}
