use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::sessions::RegistrationView;

/// Public to whoever holds the code.
#[server(endpoint = "registrations/view")]
pub async fn load_registration(code: String) -> Result<RegistrationView, AppError> {
    use crate::web::code_guard::CodeGuard;
    use store::repo;
    let guard = CodeGuard::new()?;
    let code = guard.parse(&code)?;
    let db = &guard.state().db;
    let mut view = guard.found(repo::registrations::view(db, &code).await?)?;
    // The ticket's QR code opens the check-in page, so any camera at the door — the organizer's
    // WeChat scanner included — checks its holder in with one tap.
    view.qr_svg = store::qr::svg(
        &crate::web::public_link::public_link(&format!("/checkin/{}", code.as_str())),
        180,
    );
    // Only a real channel sends anything: with the log alone, nothing is claimed.
    if guard.state().settings.sms_channel {
        view.notice = repo::deliveries::first_notice(db, code.as_str()).await?;
    }
    Ok(view)
}
