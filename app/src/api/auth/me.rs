use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::MemberLevel, error::AppError};

/// The signed-in account as the page header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user_id: i64,
    pub display_name: String,
    pub username: String,
    pub is_admin: bool,
    pub is_staff: bool,
    pub is_organizer: bool,
    pub member_level: Option<MemberLevel>,
}

#[server(endpoint = "auth/me")]
pub async fn current_account() -> Result<Option<Me>, AppError> {
    Ok(crate::web::request_principal().await?.map(|p| Me {
        user_id: p.user_id,
        is_admin: p.is_admin,
        is_staff: p.is_staff(),
        is_organizer: p.is_organizer(),
        member_level: p.member_level,
        display_name: p.display_name,
        username: p.username,
    }))
}
