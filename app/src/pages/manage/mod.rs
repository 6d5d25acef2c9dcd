//! The workspace of staff and organizers.

mod areas;
mod dashboard;
mod platform_edit;
mod platforms;
mod users;

pub use areas::ManageAreasPage;
pub use dashboard::DashboardPage;
pub use platform_edit::{EditPlatformPage, NewPlatformPage};
pub use platforms::ManagePlatformsPage;
pub use users::UsersPage;
