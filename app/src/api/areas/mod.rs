//! 行政区划: the public browse view and the staff's management of the tree.

mod create;
mod departments;
mod manage_view;
mod public_view;
mod set_active;
mod update;

pub use crate::views::areas::{AreaSummary, AreaWithCount};
pub use create::CreateArea;
pub use departments::{SaveDepartment, SetDepartmentActive};
pub use manage_view::{load_area_manage, AreaManageView};
pub use public_view::{load_area_public, AreaPublicView};
pub use set_active::SetAreaActive;
pub use update::UpdateArea;
