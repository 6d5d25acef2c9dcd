//! The desk scanner's queue: every scan waits here until the server has answered it, so a scan
//! made while the network is down is kept (in the browser's storage, across a reload) and sent
//! when it returns. Each scan carries its own key, so sending it twice counts it once.
//!
//! Plain data, no browser: the island reads and writes it, and it is tested here natively.

use std::collections::{HashMap, VecDeque};

/// A ticket's reading that the server has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The scanner's name for this scan (see `RequestKey`).
    pub key: String,
    /// The registration code read off the ticket.
    pub code: String,
    /// When the camera read it, in milliseconds since 1970 by the desk's clock.
    pub at: i64,
}

/// Scans in the order they were read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanQueue(VecDeque<Pending>);

/// The most scans kept waiting: a desk offline for a whole session of 1,000 seats still fits,
/// and the browser's storage is never filled by a runaway camera.
const MOST_WAITING: usize = 2_000;

impl ScanQueue {
    /// Adds a scan at the end; false (and nothing kept) when the queue is full.
    pub fn push(&mut self, scan: Pending) -> bool {
        if self.0.len() >= MOST_WAITING {
            return false;
        }
        self.0.push_back(scan);
        true
    }

    /// The scan to send next.
    pub fn front(&self) -> Option<&Pending> {
        self.0.front()
    }

    /// Takes the answered scan `key` off the queue.
    pub fn answered(&mut self, key: &str) {
        self.0.retain(|p| p.key != key);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The queue as stored: a line per scan, `key code at`. Keys and codes hold no spaces.
    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|p| format!("{} {} {}\n", p.key, p.code, p.at))
            .collect()
    }

    /// Reads what [`Self::to_text`] wrote; lines it cannot read (another version's, or edited by
    /// hand) are dropped.
    pub fn from_text(text: &str) -> Self {
        let scans = text.lines().filter_map(|line| {
            let mut parts = line.split(' ');
            let (key, code, at) = (parts.next()?, parts.next()?, parts.next()?);
            let fits = |s: &str| !s.is_empty() && s.len() <= 64;
            (fits(key) && fits(code) && parts.next().is_none()).then_some(())?;
            Some(Pending {
                key: key.to_owned(),
                code: code.to_owned(),
                at: at.parse().ok()?,
            })
        });
        Self(scans.take(MOST_WAITING).collect())
    }
}

/// How long a ticket must be out of view before reading it again counts as a new scan: a ticket
/// held up for three seconds is read some twenty times, and is one scan.
pub const SAME_TICKET_MS: f64 = 4_000.0;

/// Which codes the camera saw when, to tell a new scan from the same ticket still in view.
#[derive(Debug, Default)]
pub struct Seen(HashMap<String, f64>);

impl Seen {
    /// Notes that `code` was read at `now_ms`; true when that is a new scan.
    pub fn read(&mut self, code: &str, now_ms: f64) -> bool {
        self.0.retain(|_, last| now_ms - *last < SAME_TICKET_MS);
        self.0.insert(code.to_owned(), now_ms).is_none()
    }
}

/// A key for a new scan from two random numbers in [0, 1) and the time: 2 × 52 random bits make
/// two desks' keys collide about never.
pub fn new_key(now_ms: f64, random: [f64; 2]) -> String {
    let bits = |r: f64| (r * (1u64 << 52) as f64) as u64;
    format!(
        "{:x}-{:013x}{:013x}",
        now_ms as u64,
        bits(random[0]),
        bits(random[1])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RequestKey;

    fn scan(n: i64) -> Pending {
        Pending {
            key: new_key(1.7e12 + n as f64, [0.25, 0.5 + n as f64 / 1e6]),
            code: format!("AB3DEF{n:02}"),
            at: 1_764_800_000_000 + n,
        }
    }

    #[test]
    fn a_queue_survives_being_stored_and_read_back() {
        let mut q = ScanQueue::default();
        for n in 0..3 {
            assert!(q.push(scan(n)));
        }
        let back = ScanQueue::from_text(&q.to_text());
        assert_eq!(back, q);
        assert_eq!(back.front(), Some(&scan(0)));
    }

    #[test]
    fn an_answered_scan_leaves_the_queue_and_the_rest_keep_their_order() {
        let mut q = ScanQueue::default();
        for n in 0..3 {
            q.push(scan(n));
        }
        q.answered(&scan(0).key);
        assert_eq!(q.front(), Some(&scan(1)));
        q.answered("no such key");
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn stored_text_that_is_not_a_queue_is_dropped_line_by_line() {
        let good = scan(7);
        let text = format!(
            "garbage\n{} {} {}\nk c notanumber\na b 1 extra\n{} x 1\n",
            good.key,
            good.code,
            good.at,
            "k".repeat(65)
        );
        assert_eq!(ScanQueue::from_text(&text).0, VecDeque::from([good]));
    }

    #[test]
    fn the_queue_is_bounded() {
        let mut q = ScanQueue::default();
        for n in 0..MOST_WAITING as i64 {
            assert!(q.push(scan(n)));
        }
        assert!(!q.push(scan(-1)));
        assert_eq!(q.len(), MOST_WAITING);
    }

    #[test]
    fn a_ticket_held_in_view_is_one_scan_until_it_has_been_away() {
        let mut seen = Seen::default();
        assert!(seen.read("AAAA2222", 0.0));
        assert!(!seen.read("AAAA2222", 150.0));
        assert!(!seen.read("AAAA2222", 3_000.0), "still in view");
        assert!(seen.read("BBBB3333", 3_100.0), "another ticket");
        assert!(seen.read("AAAA2222", 3_000.0 + SAME_TICKET_MS + 1.0));
    }

    #[test]
    fn keys_are_what_the_server_takes_and_differ() {
        let a = new_key(1.764e12, [0.0, 0.0]);
        let b = new_key(1.764e12, [0.999_999, 0.123]);
        assert!(RequestKey::parse(&a).is_ok(), "{a}");
        assert!(RequestKey::parse(&b).is_ok(), "{b}");
        assert_ne!(a, b);
    }
}
