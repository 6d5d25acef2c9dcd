//! The view types that pages, server functions and storage share: what a page shows, as storage
//! reads it. Below the server functions, so storage reads into them without reaching up.

pub mod areas;
pub mod audit;
pub mod closing;
pub mod delivery;
pub mod ledger;
pub mod lookup;
pub mod members;
pub mod organizing;
pub mod platforms;
pub mod published;
pub mod sessions;
pub mod tallies;
mod tally_params;
pub mod todo;
pub mod topics;
pub mod users;
