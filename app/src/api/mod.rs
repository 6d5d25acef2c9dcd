//! Server functions, one per file, in a folder named for their domain. Each checks, on the
//! server, who is asking before it reads or writes anything that is not public.

pub mod areas;
pub mod auth;
pub mod closed_years;
pub mod closing;
pub mod ledger;
pub mod lookup;
pub mod manage_sessions;
pub mod members;
pub mod platforms;
pub mod printouts;
pub mod published;
pub mod registrations;
pub mod results;
pub mod sessions;
pub mod tallies;
pub mod topics;
pub mod users;

/// The server functions that take `multipart/form-data` (file uploads).
pub fn multipart_endpoints() -> [&'static str; 4] {
    [
        <ledger::UploadLedger as leptos::server_fn::ServerFn>::PATH,
        <closing::AttachFile as leptos::server_fn::ServerFn>::PATH,
        <closing::AttachSignInSheet as leptos::server_fn::ServerFn>::PATH,
        <topics::AttachTopicPhoto as leptos::server_fn::ServerFn>::PATH,
    ]
}

/// Parses a numeric id from a form or path; anything else is a bad request, never a panic.
pub fn parse_id(input: &str) -> Result<i64, crate::error::AppError> {
    input
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| crate::error::AppError::BadRequest("id".into()))
}
