//! The integration tests, as one binary: each module starts the real server (or the built
//! binary) against a database of its own. One binary links the shared helpers (`common`) and the
//! whole server once, instead of once per file.

mod common;

mod access;
mod accounts;
mod areas_platforms;
mod audit;
mod authorization;
mod backup;
mod closing;
mod cohosts;
mod crash;
mod demo;
mod feedback;
mod finding;
mod guards;
mod hostile_input;
mod injection;
mod layers;
mod ledger;
mod limits;
mod list_pages;
mod lookup;
mod members;
mod messages;
mod organizing;
mod privacy;
mod recorded;
mod request_log;
mod session_tools;
mod sign_up;
mod sms;
mod tallies;
mod tally_pages;
mod topics;
mod uploads;
mod users;
mod whole_loop;
