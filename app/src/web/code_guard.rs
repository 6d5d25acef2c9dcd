//! Registration and topic codes are the only key residents hold, so looking one up is rate-
//! limited per network address where it misses: a mistyped code or two costs nothing, a search of
//! the code space is stopped (`limits::Limits::code_missed`). Every lookup by code from outside —
//! the `/r/` and `/t/` pages and the server functions that take a code — goes through here.

use std::net::IpAddr;

use super::{request::client_address, state, AppState};
use crate::{domain::RegistrationCode, error::AppError};

pub struct CodeGuard {
    state: AppState,
    address: Option<IpAddr>,
}

impl CodeGuard {
    /// Refuses at once when the address has used up its misses.
    pub fn new() -> Result<Self, AppError> {
        let state = state()?;
        let address = client_address(&state.settings);
        if !state.limits.code_lookup_allowed(address) {
            return Err(AppError::TooManyRequests);
        }
        Ok(Self { state, address })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A code as typed; one that cannot be a code is a miss.
    pub fn parse(&self, raw: &str) -> Result<RegistrationCode, AppError> {
        RegistrationCode::parse(raw).map_err(|_| self.miss())
    }

    /// The record a lookup found, or a miss.
    pub fn found<V>(&self, found: Option<V>) -> Result<V, AppError> {
        found.ok_or_else(|| self.miss())
    }

    /// Passes a result on, counting a `NotFound` as a miss.
    pub fn checked<V>(&self, result: Result<V, AppError>) -> Result<V, AppError> {
        result.map_err(|e| match e {
            AppError::NotFound => self.miss(),
            other => other,
        })
    }

    /// Counts a lookup that found nothing; the answer is `NotFound`.
    pub fn miss(&self) -> AppError {
        self.state.limits.code_missed(self.address);
        AppError::NotFound
    }
}
