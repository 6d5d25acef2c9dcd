use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Choice, UserRow};
use crate::error::AppError;

/// The accounts a viewer oversees, with the choices the new-account form needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsersView {
    pub users: Vec<UserRow>,
    pub areas: Vec<Choice>,
    pub platforms: Vec<Choice>,
}

/// Staff and administrators only.
#[server(endpoint = "users/list")]
pub async fn load_users() -> Result<UsersView, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let users = repo::accounts::list_for(&db, &me).await?;
    let areas = repo::areas::active_in_scopes(&db, &me)
        .await?
        .into_iter()
        .map(|a| Choice {
            id: a.id,
            label: a.name,
        })
        .collect();
    let platforms = repo::accounts::platform_choices(&db, &me).await?;
    Ok(UsersView {
        users,
        areas,
        platforms,
    })
}
