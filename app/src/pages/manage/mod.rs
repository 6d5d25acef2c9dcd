//! The workspace of staff and organizers.

mod areas;
mod audit;
mod check_in_link;
mod closing;
mod dashboard;
mod deliveries;
mod desk;
mod ledger;
mod member_picker;
mod overdue;
mod platform_edit;
mod platforms;
mod record_held;
mod sessions;
mod tallies;
mod topics;
mod users;

pub use areas::ManageAreasPage;
pub use audit::{AreaAuditPage, AuditPage};
pub use check_in_link::CheckInLinkPage;
pub use closing::ClosingPage;
pub use dashboard::DashboardPage;
pub use ledger::{ImportPage, ImportPreviewPage};
pub use overdue::OverduePage;
pub use platform_edit::{EditPlatformPage, NewPlatformPage};
pub use platforms::ManagePlatformsPage;
pub use record_held::RecordHeldPage;
pub use sessions::{EditSessionPage, ManageSessionsPage, NewSessionPage};
pub use tallies::{
    AnnualReportPage, MemberTotalsPage, PublishConfirmPage, TalliesPage, TallyRecordsPage,
    UncoveredPage,
};
pub use topics::{ManageTopicPage, ManageTopicsPage};
pub use users::UsersPage;
