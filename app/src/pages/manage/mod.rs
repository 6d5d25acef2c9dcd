//! The workspace of staff and organizers.

mod areas;
mod dashboard;
mod platform_edit;
mod platforms;

pub use areas::ManageAreasPage;
pub use dashboard::DashboardPage;
pub use platform_edit::{EditPlatformPage, NewPlatformPage};
pub use platforms::ManagePlatformsPage;
