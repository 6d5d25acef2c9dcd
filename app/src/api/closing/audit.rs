use leptos::prelude::*;

use crate::{error::AppError, views::audit::SessionAudit};

/// Entries shown on one page: a session's whole life fits, a bulk import's does not need to.
#[cfg(feature = "ssr")]
const SHOWN: i64 = 500;

/// A session's audit trail, for its organizers and the staff over it.
#[server(endpoint = "closing/audit")]
pub async fn load_session_audit(id: i64, user: Option<i64>) -> Result<SessionAudit, AppError> {
    use store::repo::{audit_trail, sessions};
    let (_, db, host) = crate::api::manage_sessions::managed_session(&id.to_string()).await?;
    let mut entries = audit_trail::of_session(&db, host.session_id, user, SHOWN + 1).await?;
    let truncated = entries.len() > SHOWN as usize;
    entries.truncate(SHOWN as usize);
    Ok(SessionAudit {
        card: sessions::card(&db, host.session_id).await?,
        entries,
        people: audit_trail::people_of_session(&db, host.session_id).await?,
        user,
        truncated,
    })
}
