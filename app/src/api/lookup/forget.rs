use leptos::prelude::*;

use crate::error::AppError;

/// Ends this browser's look-up: to ask for a new code, try another number, or leave a shared
/// phone without the list on it.
#[server(endpoint = "lookup/forget")]
pub async fn forget_lookup() -> Result<(), AppError> {
    use crate::web::forms::{Done, FormPost};
    use crate::web::{lookup_cookie, state};

    let result = async {
        lookup_cookie::clear(&state()?.settings);
        Ok(Done::to("/find#lookup"))
    }
    .await;
    FormPost::new("/find", &[]).finish(result)
}
