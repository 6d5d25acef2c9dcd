//! The web glue of the server side: the request being answered, the state handlers share, form
//! posts and their flash store, cookies for the device and the remembered area, rate limits.
//! Compiled with `ssr` only.

pub mod area_memory;
pub mod assets;
pub mod code_guard;
pub mod device;
pub mod flash;
pub mod forms;
pub mod limits;
pub mod lookup_cookie;
pub mod multipart;
pub mod page_policy;
pub mod public_link;
pub mod request;
mod state;

pub use request::{request_principal, require_principal, state};
pub use state::AppState;
