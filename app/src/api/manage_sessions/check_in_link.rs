use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{RegistrationRole, RegistrationState},
    error::AppError,
};

/// What the link in a ticket's QR code opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CheckInLink {
    /// The viewer runs the session: who this is, and one tap to check them in.
    Desk {
        session_id: i64,
        title: String,
        starts_at: chrono::NaiveDateTime,
        name: String,
        role: RegistrationRole,
        state: RegistrationState,
        code: String,
    },
    /// Anyone else (the holder, or staff not signed in on this phone): nothing of the person.
    Holder { code: String, signed_in: bool },
}

/// The check-in page of a ticket's code (`/checkin/CODE`). The code is the holder's key, as
/// for `/r/CODE`, so looking one up is limited by [`CodeGuard`](crate::web::code_guard::CodeGuard).
#[server(endpoint = "manage-sessions/check-in-link")]
pub async fn load_check_in_link(code: String) -> Result<CheckInLink, AppError> {
    use crate::web::code_guard::CodeGuard;
    use store::repo;

    let guard = CodeGuard::new()?;
    let code = guard.parse(&code)?;
    let db = &guard.state().db;
    let found = guard.found(repo::registrations::view(db, &code).await?)?;
    let me = crate::web::request_principal().await?;
    let host = repo::organizing::host(db, found.session.id).await?;
    Ok(match me {
        Some(me) if me.edits_platform(host.platform_id, &host.area_path) => CheckInLink::Desk {
            session_id: found.session.id,
            title: found.session.title,
            starts_at: found.session.starts_at,
            name: found.name,
            role: found.role,
            state: found.state,
            code: found.code,
        },
        me => CheckInLink::Holder {
            code: found.code,
            signed_in: me.is_some(),
        },
    })
}
