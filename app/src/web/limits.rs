//! How often one source may try: sign-ups per network address and per mobile number, sign-ins
//! per network address, look-up codes per address and per number. Each is a token bucket (`governor`): a burst is allowed, then attempts
//! refill at a steady rate. Counted in memory: a restart forgets them, which only ever lets
//! someone in sooner. Repeated wrong passwords lock a username in the database instead
//! (`repo::login_failures`), so that a lockout survives a restart.

use std::{
    collections::HashMap,
    fmt,
    net::IpAddr,
    num::NonZeroU32,
    sync::Mutex,
    time::{Duration, Instant},
};

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
        // governor keeps burst × period in nanoseconds in a u64: a configured burst past that
        // would overflow (and panic at start), and is no limit at all anyway.
        let nanos = u64::try_from(self.every.as_nanos())
            .unwrap_or(u64::MAX)
            .max(1);
        let most = u32::try_from(u64::MAX / nanos / 2)
            .unwrap_or(u32::MAX)
            .max(1);
        let burst = self
            .burst
            .min(NonZeroU32::new(most).unwrap_or(NonZeroU32::MIN));
        // A zero period is no limit worth keeping; the shortest governor allows stands in.
        Quota::with_period(self.every)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
            .allow_burst(burst)
    }
}

/// The rates a deployment allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// Many residents may share one address (a community's Wi-Fi, a carrier's NAT), so this is
    /// generous; what one address may take of one session is the tighter bound.
    pub sign_ups_per_address: Rate,
    /// Sign-ups one address makes for one session: a family, or a village's shared phone
    /// signing up its elderly — not a script filling every seat.
    pub sign_ups_per_address_session: Rate,
    /// One person signs up for a few sessions, not dozens in an hour.
    pub sign_ups_per_mobile: Rate,
    pub sign_ins_per_address: Rate,
    /// Refused form posts one address may leave in memory (what was typed, for the form).
    pub refusals_per_address: Rate,
    /// Registration and topic codes that one address may look up in vain: a mistyped code or
    /// two, not a search of the code space.
    pub code_misses_per_address: Rate,
    /// Topics proposed (and photos added to them) from one address, and with one number.
    pub proposals_per_address: Rate,
    pub proposals_per_mobile: Rate,
    /// Look-up codes (查询我的报名) asked from one address: each may send a text message.
    pub lookups_per_address: Rate,
    /// Look-up codes sent to one number: a resident who mistyped asks again; a stranger cannot
    /// flood someone's phone.
    pub lookups_per_mobile: Rate,
}

const fn n(v: u32) -> NonZeroU32 {
    match NonZeroU32::new(v) {
        Some(n) => n,
        None => panic!("a burst is at least 1"),
    }
}

const fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

impl Default for Rates {
    fn default() -> Self {
        Self {
            sign_ups_per_address: Rate::new(n(60), Duration::from_secs(1)),
            sign_ups_per_address_session: Rate::new(n(8), minutes(5)),
            sign_ups_per_mobile: Rate::new(n(10), minutes(6)),
            sign_ins_per_address: Rate::new(n(20), Duration::from_secs(6)),
            refusals_per_address: Rate::new(n(30), Duration::from_secs(4)),
            code_misses_per_address: Rate::new(n(20), Duration::from_secs(30)),
            proposals_per_address: Rate::new(n(6), minutes(10)),
            proposals_per_mobile: Rate::new(n(3), minutes(60)),
            lookups_per_address: Rate::new(n(10), minutes(6)),
            lookups_per_mobile: Rate::new(n(3), minutes(20)),
        }
    }
}

/// An address that ran out of code misses is refused every code lookup until this long after
/// its last miss: were a hit still answered, the refusal would not slow a search at all.
const MISSES_BLOCK: Duration = Duration::from_secs(10 * 60);

pub struct Limits {
    sign_ups_per_address: DefaultKeyedRateLimiter<IpAddr>,
    sign_ups_per_address_session: DefaultKeyedRateLimiter<(IpAddr, i64)>,
    sign_ups_per_mobile: DefaultKeyedRateLimiter<String>,
    sign_ins_per_address: DefaultKeyedRateLimiter<IpAddr>,
    refusals_per_address: DefaultKeyedRateLimiter<IpAddr>,
    code_misses_per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Addresses refused every code lookup, until when.
    code_blocked: Mutex<HashMap<IpAddr, Instant>>,
    proposals_per_address: DefaultKeyedRateLimiter<IpAddr>,
    proposals_per_mobile: DefaultKeyedRateLimiter<String>,
    lookups_per_address: DefaultKeyedRateLimiter<IpAddr>,
    lookups_per_mobile: DefaultKeyedRateLimiter<String>,
}

/// Takes one from `address`'s bucket; an unknown address is never refused by address.
fn take<K: Clone + std::hash::Hash + Eq>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: Option<K>,
) -> bool {
    key.is_none_or(|k| limiter.check_key(&k).is_ok())
}

impl Limits {
    pub fn new(rates: Rates) -> Self {
        Self {
            sign_ups_per_address: RateLimiter::keyed(rates.sign_ups_per_address.quota()),
            sign_ups_per_address_session: RateLimiter::keyed(
                rates.sign_ups_per_address_session.quota(),
            ),
            sign_ups_per_mobile: RateLimiter::keyed(rates.sign_ups_per_mobile.quota()),
            sign_ins_per_address: RateLimiter::keyed(rates.sign_ins_per_address.quota()),
            refusals_per_address: RateLimiter::keyed(rates.refusals_per_address.quota()),
            code_misses_per_address: RateLimiter::keyed(rates.code_misses_per_address.quota()),
            code_blocked: Mutex::default(),
            proposals_per_address: RateLimiter::keyed(rates.proposals_per_address.quota()),
            proposals_per_mobile: RateLimiter::keyed(rates.proposals_per_mobile.quota()),
            lookups_per_address: RateLimiter::keyed(rates.lookups_per_address.quota()),
            lookups_per_mobile: RateLimiter::keyed(rates.lookups_per_mobile.quota()),
        }
    }

    /// Takes one sign-up for `session` from the address's buckets (when the address is known):
    /// its overall one and its one for this session.
    pub fn sign_up_from(&self, address: Option<IpAddr>, session: i64) -> bool {
        take(
            &self.sign_ups_per_address_session,
            address.map(|a| (a, session)),
        ) && take(&self.sign_ups_per_address, address)
    }

    /// Takes one sign-up from the number's bucket; `mobile` is the normalized number.
    pub fn sign_up_with(&self, mobile: &str) -> bool {
        take(&self.sign_ups_per_mobile, Some(mobile.to_owned()))
    }

    pub fn sign_in_from(&self, address: Option<IpAddr>) -> bool {
        take(&self.sign_ins_per_address, address)
    }

    /// Counts a refused form post; false once the address has had its share.
    pub fn refusal_from(&self, address: Option<IpAddr>) -> bool {
        take(&self.refusals_per_address, address)
    }

    /// Takes one proposal (or topic photo) from the address's bucket and, when a number is
    /// given, from the number's.
    pub fn proposal_from(&self, address: Option<IpAddr>, mobile: Option<&str>) -> bool {
        take(&self.proposals_per_address, address)
            && take(&self.proposals_per_mobile, mobile.map(str::to_owned))
    }

    /// Takes one look-up code from the address's bucket and the number's (`mobile` normalized).
    pub fn lookup_from(&self, address: Option<IpAddr>, mobile: &str) -> bool {
        take(&self.lookups_per_address, address)
            && take(&self.lookups_per_mobile, Some(mobile.to_owned()))
    }

    /// Whether the address may look a code up now.
    pub fn code_lookup_allowed(&self, address: Option<IpAddr>) -> bool {
        let Some(address) = address else {
            return true;
        };
        let mut blocked = self.code_blocked.lock().unwrap_or_else(|p| p.into_inner());
        match blocked.get(&address) {
            Some(until) if Instant::now() < *until => false,
            Some(_) => {
                blocked.remove(&address);
                true
            }
            None => true,
        }
    }

    /// Counts a code the address looked up in vain; past its share, the address is refused
    /// every lookup for a while.
    pub fn code_missed(&self, address: Option<IpAddr>) {
        if let Some(address) = address {
            if self.code_misses_per_address.check_key(&address).is_err() {
                self.code_blocked
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(address, Instant::now() + MISSES_BLOCK);
            }
        }
    }

    /// Forgets full buckets and lifted blocks, so memory holds only recent sources.
    pub fn forget_idle(&self) {
        fn tidy<K: Clone + std::hash::Hash + Eq>(l: &DefaultKeyedRateLimiter<K>) {
            l.retain_recent();
            l.shrink_to_fit();
        }
        tidy(&self.sign_ups_per_address);
        tidy(&self.sign_ups_per_address_session);
        tidy(&self.sign_ups_per_mobile);
        tidy(&self.sign_ins_per_address);
        tidy(&self.refusals_per_address);
        tidy(&self.code_misses_per_address);
        tidy(&self.proposals_per_address);
        tidy(&self.proposals_per_mobile);
        tidy(&self.lookups_per_address);
        tidy(&self.lookups_per_mobile);
        let now = Instant::now();
        let mut blocked = self.code_blocked.lock().unwrap_or_else(|p| p.into_inner());
        blocked.retain(|_, until| *until > now);
        blocked.shrink_to_fit();
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

    fn every(burst: u32) -> Rate {
        Rate::new(NonZeroU32::new(burst).unwrap(), Duration::from_secs(3600))
    }

    fn tight() -> Rates {
        Rates {
            sign_ups_per_address: every(3),
            sign_ups_per_address_session: every(2),
            sign_ups_per_mobile: every(3),
            sign_ins_per_address: every(3),
            refusals_per_address: every(3),
            code_misses_per_address: every(3),
            proposals_per_address: every(3),
            proposals_per_mobile: every(2),
            lookups_per_address: every(3),
            lookups_per_mobile: every(2),
        }
    }

    #[test]
    fn a_burst_passes_then_the_source_waits_and_others_do_not() {
        let limits = Limits::new(tight());
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        // Two for one session, then another session, until the address's three are spent.
        assert!(limits.sign_up_from(Some(a), 1) && limits.sign_up_from(Some(a), 1));
        assert!(!limits.sign_up_from(Some(a), 1), "the session's share");
        assert!(limits.sign_up_from(Some(a), 2));
        assert!(!limits.sign_up_from(Some(a), 3), "the address's share");
        assert!(limits.sign_up_from(Some(b), 1));
        // Sign-ins have their own bucket.
        assert!(limits.sign_in_from(Some(a)));
        assert!((0..3).all(|_| limits.sign_up_with("13800000001")));
        assert!(!limits.sign_up_with("13800000001"));
        assert!(limits.sign_up_with("13800000002"));
        // An unknown address is never refused by address.
        assert!((0..10).all(|_| limits.sign_up_from(None, 1)));
        assert!((0..3).all(|_| limits.refusal_from(Some(a))));
        assert!(!limits.refusal_from(Some(a)));
        assert!(limits.proposal_from(Some(a), Some("13800000001")));
        assert!(limits.proposal_from(Some(a), Some("13800000001")));
        assert!(
            !limits.proposal_from(Some(b), Some("13800000001")),
            "the number's share"
        );
        assert!(limits.proposal_from(Some(a), None));
        assert!(!limits.proposal_from(Some(a), None), "the address's share");
    }

    #[test]
    fn a_huge_configured_burst_is_no_limit_rather_than_a_crash() {
        let huge = Rate::new(NonZeroU32::MAX, Duration::from_secs(3600));
        let limits = Limits::new(Rates {
            sign_ups_per_address_session: huge,
            ..tight()
        });
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        assert!((0..1000).all(|_| take(&limits.sign_ups_per_address_session, Some((a, 1)))));
    }

    #[test]
    fn an_address_out_of_code_misses_is_refused_every_lookup() {
        let limits = Limits::new(tight());
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limits.code_lookup_allowed(Some(a)));
            limits.code_missed(Some(a));
        }
        assert!(
            limits.code_lookup_allowed(Some(a)),
            "three misses are allowed"
        );
        limits.code_missed(Some(a));
        assert!(!limits.code_lookup_allowed(Some(a)), "the fourth blocks it");
        assert!(limits.code_lookup_allowed(Some(b)));
        limits.forget_idle();
        assert!(
            !limits.code_lookup_allowed(Some(a)),
            "a block outlives tidying"
        );
    }
}
