//! The workspace of staff and organizers.

mod areas;
mod dashboard;
mod platform_edit;
mod platforms;
mod sessions;
mod users;

pub use areas::ManageAreasPage;
pub use dashboard::DashboardPage;
pub use platform_edit::{EditPlatformPage, NewPlatformPage};
pub use platforms::ManagePlatformsPage;
pub use sessions::{EditSessionPage, ManageSessionsPage, NewSessionPage};
pub use users::UsersPage;
