//! The islands: the only parts of any page that run in the browser. Each page works without
//! them; an island adds what only a script can (a camera).

#[cfg(feature = "hydrate")]
mod desk_runtime;
pub mod desk_scanner;
#[cfg(any(feature = "hydrate", test))]
mod qr_frame;
#[cfg(any(feature = "hydrate", test))]
mod scan_queue;
