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
    guard.found(repo::registrations::view(&guard.state().db, &code).await?)
}
