use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::members::{MemberRecord, MemberSuggestion, Participation};

/// The member sees their own record; staff see every member's.
#[server(endpoint = "members/record")]
pub async fn load_member_record(id: i64) -> Result<MemberRecord, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    if me.user_id != id && !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    Ok(repo::members::record(&db, id).await?)
}
