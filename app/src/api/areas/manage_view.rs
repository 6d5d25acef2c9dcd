use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AreaSummary, AreaWithCount};
use crate::error::AppError;
use crate::views::areas::Department;

/// What staff see when managing an area: its children (inactive ones too) and what they may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaManageView {
    pub area: AreaSummary,
    pub ancestors: Vec<AreaSummary>,
    pub children: Vec<AreaWithCount>,
    /// May add, rename and deactivate the children.
    pub manages_children: bool,
    /// May rename or deactivate this area itself.
    pub manages_self: bool,
    /// The area's departments, with their contacts.
    pub departments: Vec<Department>,
}

/// Staff only, within their subtree. `id` none means the top of the caller's own scope.
#[server(endpoint = "areas/manage")]
pub async fn load_area_manage(id: Option<i64>) -> Result<AreaManageView, AppError> {
    use crate::web::{require_principal, state};
    use store::repo;
    let me = require_principal().await?;
    let db = state()?.db;
    let area = match id {
        Some(id) => repo::areas::get(&db, id).await?,
        None => match me.staff_scopes.first() {
            Some(scope) => repo::areas::get(&db, scope.area_id).await?,
            None if me.is_admin => repo::areas::root(&db).await?,
            None => return Err(AppError::Forbidden),
        },
    };
    if !me.covers_area(&area.path) {
        return Err(AppError::Forbidden);
    }
    let children = repo::areas::children_with_counts(&db, &area, false).await?;
    let ancestors = repo::areas::ancestors(&db, &area)
        .await?
        .into_iter()
        .filter(|a| me.covers_area(&a.path))
        .collect();
    let departments = repo::departments::of_area(&db, area.id).await?;
    Ok(AreaManageView {
        departments,
        manages_children: area.level.child().is_some(),
        manages_self: me.manages_area(&area.path),
        area,
        ancestors,
        children,
    })
}
