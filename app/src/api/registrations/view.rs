use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::sessions::SessionCard,
    domain::{RegistrationRole, RegistrationState, Satisfaction},
    error::AppError,
};

/// What the holder of a registration code sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub code: String,
    pub name: String,
    /// Always masked here: the code is the only key to this page.
    pub mobile_masked: Option<String>,
    pub role: RegistrationRole,
    pub state: RegistrationState,
    /// Place on the waiting list, from 1.
    pub waiting_position: Option<i64>,
    pub session: SessionCard,
    /// The QR code of the registration code, as SVG, for the door.
    pub qr_svg: String,
    /// The session's minutes and suggestions are on record: its results page has something.
    pub results_published: bool,
    /// This registration's rating, once given.
    pub rating: Option<Satisfaction>,
}

/// Public to whoever holds the code.
#[server(endpoint = "registrations/view")]
pub async fn load_registration(code: String) -> Result<RegistrationView, AppError> {
    use crate::backend::{code_guard::CodeGuard, repo};
    let guard = CodeGuard::new()?;
    let code = guard.parse(&code)?;
    guard.found(repo::registrations::view(&guard.state().db, &code).await?)
}
