//! One file per page. Resident-facing pages (browse, platform) are plain HTML; the sign-in and
//! management pages post plain forms too, so nothing depends on scripts.

mod account;
mod area_browse;
mod login;
mod lookup;
pub mod manage;
mod member_record;
mod not_found;
mod platform;
mod print;
mod public_figures;
mod registration;
mod results;
mod sessions;
mod topics;

pub use account::AccountPage;
pub use area_browse::{AreaPage, HomePage};
pub use login::LoginPage;
pub use lookup::LookupPage;
pub use member_record::MemberRecordPage;
pub use not_found::NotFoundPage;
pub use platform::PlatformPage;
pub use print::{PlatformPosterPage, SessionPosterPage, SignInSheetPage};
pub use public_figures::PublicFiguresPage;
pub use registration::{CancelRegistrationPage, RegistrationPage};
pub use results::ResultsPage;
pub use sessions::{SessionCardView, SessionPage, SessionsPage};
pub use topics::{ProposeTopicPage, TopicFactsView, TopicReceiptPage};
