//! A calendar month, as the organizer's calendar pages through them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A month of a year; always a real one (first day exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month(NaiveDate);

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self(date.with_day(1).unwrap_or(date))
    }

    /// `2026-11`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m) = text.trim().split_once('-')?;
        let (y, m) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(y, m, 1)
            .filter(|d| super::shanghai::YEARS.contains(&d.year()))
            .map(Self)
    }

    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    pub fn next(self) -> Self {
        Self(
            self.0
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(self.0),
        )
    }

    pub fn previous(self) -> Self {
        Self(
            self.0
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(self.0),
        )
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn number(self) -> u32 {
        self.0.month()
    }

    /// The days of the month's weeks, Monday first, with `None` for the days of the months
    /// around it.
    pub fn weeks(self) -> Vec<[Option<NaiveDate>; 7]> {
        let lead = self.0.weekday().num_days_from_monday() as usize;
        let mut weeks = Vec::new();
        let mut week = [None; 7];
        let mut slot = lead;
        let mut day = self.0;
        while day.month() == self.0.month() {
            week[slot] = Some(day);
            slot += 1;
            if slot == 7 {
                weeks.push(week);
                week = [None; 7];
                slot = 0;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        if slot > 0 {
            weeks.push(week);
        }
        weeks
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year(), self.0.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_pages_through_months() {
        let nov = Month::parse("2026-11").unwrap();
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(nov.next().to_string(), "2026-12");
        assert_eq!(nov.next().next().to_string(), "2027-01");
        assert_eq!(
            Month::parse("2026-01").unwrap().previous().to_string(),
            "2025-12"
        );
        for bad in ["2026-13", "2026", "x-1", "2026-00", "99999-01", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_and_hold_every_day_once() {
        // November 2026 begins on a Sunday.
        let weeks = Month::parse("2026-11").unwrap().weeks();
        assert_eq!(weeks[0][..6], [None; 6]);
        assert_eq!(weeks[0][6].map(|d| d.day()), Some(1));
        let days: Vec<u32> = weeks.iter().flatten().flatten().map(|d| d.day()).collect();
        assert_eq!(days, (1..=30).collect::<Vec<_>>());
    }

    proptest::proptest! {
        #[test]
        fn any_month_text_parses_in_range_and_steps_safely(s in "[-+0-9]{0,12}|\\PC{0,12}") {
            if let Some(m) = Month::parse(&s) {
                proptest::prop_assert!(super::super::shanghai::YEARS.contains(&m.year()));
                let _ = (m.next(), m.previous(), m.weeks());
            }
        }
    }
}
