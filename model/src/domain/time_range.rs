use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// The check-in leads an organizer chooses from, in minutes before a session starts.
pub const CHECKIN_LEADS: [i64; 4] = [15, 30, 60, 120];

/// When a session runs: it ends after it starts and lasts at most three days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeRangeError {
    #[error("the end must be after the start")]
    EndNotAfterStart,
    #[error("a session lasts at most three days")]
    TooLong,
}

impl TimeRange {
    pub fn new(start: NaiveDateTime, end: NaiveDateTime) -> Result<Self, TimeRangeError> {
        if end <= start {
            Err(TimeRangeError::EndNotAfterStart)
        } else if end - start > TimeDelta::days(3) {
            Err(TimeRangeError::TooLong)
        } else {
            Ok(Self { start, end })
        }
    }

    pub fn start(&self) -> NaiveDateTime {
        self.start
    }

    pub fn end(&self) -> NaiveDateTime {
        self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 5, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn end_after_start_and_bounded() {
        assert!(TimeRange::new(at(9), at(11)).is_ok());
        assert_eq!(
            TimeRange::new(at(11), at(9)),
            Err(TimeRangeError::EndNotAfterStart)
        );
        assert_eq!(
            TimeRange::new(at(9), at(9)),
            Err(TimeRangeError::EndNotAfterStart)
        );
        assert_eq!(
            TimeRange::new(at(9), at(9) + TimeDelta::days(4)),
            Err(TimeRangeError::TooLong)
        );
    }
}
