//! How often one source may try: sign-ups per network address and per mobile number, sign-ins
//! per network address. Each is a token bucket (`governor`): a burst is allowed, then attempts
//! refill at a steady rate. Counted in memory: a restart forgets them, which only ever lets
//! someone in sooner. Repeated wrong passwords lock a username in the database instead
//! (`repo::login_failures`), so that a lockout survives a restart.

use std::{fmt, net::IpAddr, num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// A bucket: `burst` attempts at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: NonZeroU32,
    pub every: Duration,
}

impl Rate {
    pub const fn new(burst: NonZeroU32, every: Duration) -> Self {
        Self { burst, every }
    }

    fn quota(self) -> Quota {
        // A zero period is no limit worth keeping; the shortest governor allows stands in.
        Quota::with_period(self.every)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
            .allow_burst(self.burst)
    }
}

/// The rates a deployment allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// Many residents may share one address (a community's Wi-Fi, a carrier's NAT): generous.
    pub sign_ups_per_address: Rate,
    /// One person signs up for a few sessions, not dozens in an hour.
    pub sign_ups_per_mobile: Rate,
    pub sign_ins_per_address: Rate,
}

impl Default for Rates {
    fn default() -> Self {
        const fn n(v: u32) -> NonZeroU32 {
            match NonZeroU32::new(v) {
                Some(n) => n,
                None => panic!("a burst is at least 1"),
            }
        }
        Self {
            sign_ups_per_address: Rate::new(n(120), Duration::from_millis(500)),
            sign_ups_per_mobile: Rate::new(n(10), Duration::from_secs(6 * 60)),
            sign_ins_per_address: Rate::new(n(20), Duration::from_secs(6)),
        }
    }
}

pub struct Limits {
    sign_ups_per_address: DefaultKeyedRateLimiter<IpAddr>,
    sign_ups_per_mobile: DefaultKeyedRateLimiter<String>,
    sign_ins_per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Limits {
    pub fn new(rates: Rates) -> Self {
        Self {
            sign_ups_per_address: RateLimiter::keyed(rates.sign_ups_per_address.quota()),
            sign_ups_per_mobile: RateLimiter::keyed(rates.sign_ups_per_mobile.quota()),
            sign_ins_per_address: RateLimiter::keyed(rates.sign_ins_per_address.quota()),
        }
    }

    /// Takes one sign-up attempt from the address's bucket (when the address is known).
    pub fn sign_up_from(&self, address: Option<IpAddr>) -> bool {
        address.is_none_or(|a| self.sign_ups_per_address.check_key(&a).is_ok())
    }

    /// Takes one sign-up from the number's bucket; `mobile` is the normalized number.
    pub fn sign_up_with(&self, mobile: &str) -> bool {
        self.sign_ups_per_mobile
            .check_key(&mobile.to_owned())
            .is_ok()
    }

    pub fn sign_in_from(&self, address: Option<IpAddr>) -> bool {
        address.is_none_or(|a| self.sign_ins_per_address.check_key(&a).is_ok())
    }

    /// Forgets full buckets, so memory holds only recent sources.
    pub fn forget_idle(&self) {
        self.sign_ups_per_address.retain_recent();
        self.sign_ups_per_mobile.retain_recent();
        self.sign_ins_per_address.retain_recent();
        self.sign_ups_per_address.shrink_to_fit();
        self.sign_ups_per_mobile.shrink_to_fit();
        self.sign_ins_per_address.shrink_to_fit();
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(Rates::default())
    }
}

impl fmt::Debug for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limits")
            .field("addresses", &self.sign_ups_per_address.len())
            .field("numbers", &self.sign_ups_per_mobile.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_source_waits_and_others_do_not() {
        let one = NonZeroU32::new(3).unwrap();
        let limits = Limits::new(Rates {
            sign_ups_per_address: Rate::new(one, Duration::from_secs(3600)),
            sign_ups_per_mobile: Rate::new(one, Duration::from_secs(3600)),
            sign_ins_per_address: Rate::new(one, Duration::from_secs(3600)),
        });
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| limits.sign_up_from(Some(a))));
        assert!(!limits.sign_up_from(Some(a)));
        assert!(limits.sign_up_from(Some(b)));
        // Sign-ins have their own bucket.
        assert!(limits.sign_in_from(Some(a)));
        assert!((0..3).all(|_| limits.sign_up_with("13800000001")));
        assert!(!limits.sign_up_with("13800000001"));
        assert!(limits.sign_up_with("13800000002"));
        // An unknown address is never refused by address.
        assert!((0..10).all(|_| limits.sign_up_from(None)));
    }
}
