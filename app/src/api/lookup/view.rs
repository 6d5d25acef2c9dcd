use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::lookup::LookupView;

/// What this browser may see: its own registrations, and a proven number's.
#[server(endpoint = "lookup/view")]
pub async fn load_lookup() -> Result<LookupView, AppError> {
    use crate::views::lookup::LookupStep;
    use crate::web::{device, lookup_cookie, state};
    use store::{clock::now_local, repo::lookups};

    let state = state()?;
    let now = now_local();
    let on_this_phone = match device::current() {
        Some(device) => lookups::of_device(&state.db, &device, now).await?,
        None => Vec::new(),
    };
    let by_number = state.settings.sms_channel;
    let step = match lookup_cookie::current() {
        Some(token) if by_number => lookups::step(&state.db, &token, now).await?,
        _ => LookupStep::Ask,
    };
    Ok(LookupView {
        on_this_phone,
        by_number,
        step,
    })
}
