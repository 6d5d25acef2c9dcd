use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    error::AppError,
    views::todo::{ToDo, ToDoSessions},
};

/// What waits for the signed-in organizer or staff member: counts, and the sessions of today
/// and those waiting for their minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToDoView {
    pub counts: ToDo,
    pub sessions: ToDoSessions,
}

/// How many of each session list the front page shows; the counts say how many there are.
#[cfg(feature = "ssr")]
const LISTED: i64 = 5;

#[server(endpoint = "manage-sessions/todo")]
pub async fn load_todo() -> Result<ToDoView, AppError> {
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo::todo};
    let me = require_principal().await?;
    // A member's account runs nothing: nothing waits for it here.
    if !me.is_staff() && !me.is_organizer() {
        return Err(AppError::Forbidden);
    }
    let db = state()?.db;
    let paths = me.area_paths();
    let now = now_local();
    Ok(ToDoView {
        counts: todo::counts(&db, &me.organizer_of, &paths, now).await?,
        sessions: todo::sessions(&db, &me.organizer_of, &paths, now, LISTED).await?,
    })
}
