//! 议事平台: public pages, and their management by staff and organizers.

mod create;
mod edit_view;
#[cfg(feature = "ssr")]
mod fields;
mod manage_list;
mod move_platform;
mod public_view;
mod set_status;
mod update;

pub use create::CreatePlatform;
pub use edit_view::{load_platform_edit, PlatformEditView};
pub use manage_list::{load_platform_list, PlatformManageList};
pub use move_platform::MovePlatform;
pub use public_view::{load_platform_public, PlatformPublicView};
pub use set_status::SetPlatformStatus;
pub use update::UpdatePlatform;

pub use crate::views::platforms::{
    PlatformCard, PlatformDetail, PlatformFields, PlatformMove, PlatformType,
};
