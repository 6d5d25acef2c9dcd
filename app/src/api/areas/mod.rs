//! 行政区划: the public browse view and the staff's management of the tree.

mod create;
mod manage_view;
mod public_view;
mod set_active;
mod update;

pub use create::CreateArea;
pub use manage_view::{load_area_manage, AreaManageView};
pub use public_view::{load_area_public, AreaPublicView};
pub use set_active::SetAreaActive;
pub use update::UpdateArea;

use serde::{Deserialize, Serialize};

use crate::domain::AreaLevel;

/// An area as lists and breadcrumbs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AreaSummary {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: AreaLevel,
    pub code: Option<String>,
    pub name: String,
    pub path: String,
    pub active: bool,
}

/// A child area with how many active platforms stand anywhere in its subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AreaWithCount {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub area: AreaSummary,
    pub platforms: i64,
}
