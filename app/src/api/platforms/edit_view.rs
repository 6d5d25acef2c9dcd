use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{PlatformDetail, PlatformMove, PlatformType};
use crate::{api::areas::AreaSummary, error::AppError};

/// The platform form: an existing platform (or a new one in `area`), with the choices it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformEditView {
    pub platform: Option<PlatformDetail>,
    pub types: Vec<PlatformType>,
    /// Where a new platform may be placed or an existing one moved (active areas in scope).
    pub area_choices: Vec<AreaSummary>,
    /// Staff may move a platform and deactivate it; its organizers may only edit its details.
    pub manages_placement: bool,
    pub moves: Vec<PlatformMove>,
    pub preselected_area: Option<i64>,
}

/// `id` none: the form for a new platform (staff only).
#[server(endpoint = "platforms/edit-view")]
pub async fn load_platform_edit(
    id: Option<i64>,
    area: Option<i64>,
) -> Result<PlatformEditView, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    let db = state()?.db;
    let types = repo::platforms::types(&db).await?;
    let (platform, manages_placement, moves) = match id {
        Some(id) => {
            let p = repo::platforms::get(&db, id).await?;
            if !me.edits_platform(p.id, &p.area_path) {
                return Err(AppError::Forbidden);
            }
            let manages = me.covers_area(&p.area_path);
            let moves = repo::platforms::moves(&db, p.id).await?;
            (Some(p), manages, moves)
        }
        None if me.is_staff() => (None, true, Vec::new()),
        None => return Err(AppError::Forbidden),
    };
    let area_choices = if manages_placement {
        repo::areas::active_in_scopes(&db, &me).await?
    } else {
        Vec::new()
    };
    Ok(PlatformEditView {
        platform,
        types,
        area_choices,
        manages_placement,
        moves,
        preselected_area: area,
    })
}
