use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::sessions::SessionCard,
    domain::{RegistrationRole, RegistrationState},
    error::AppError,
};

/// The paper list at the door: everyone holding a place, with room to sign, and blank rows for
/// walk-ins. Numbers are masked: the sheet passes through many hands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInSheet {
    pub session: SessionCard,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    pub name: String,
    pub mobile_masked: Option<String>,
    pub role: RegistrationRole,
    pub code: String,
    pub state: RegistrationState,
}

/// For the session's organizers and the staff over it.
#[server(endpoint = "printouts/sign-in-sheet")]
pub async fn load_sign_in_sheet(id: i64) -> Result<SignInSheet, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    let db = state()?.db;
    let host = repo::organizing::host(&db, id).await?;
    if !me.edits_platform(host.platform_id, &host.area_path) {
        return Err(AppError::Forbidden);
    }
    let rows = repo::organizing::attendees(&db, id)
        .await?
        .into_iter()
        .filter(|a| {
            !matches!(
                a.state,
                RegistrationState::Cancelled | RegistrationState::Waitlisted
            )
        })
        .map(|a| SheetRow {
            mobile_masked: a.mobile.as_deref().map(crate::domain::mask_mobile),
            name: a.name,
            role: a.role,
            code: a.code,
            state: a.state,
        })
        .collect();
    Ok(SignInSheet {
        session: repo::sessions::card(&db, id).await?,
        rows,
    })
}
