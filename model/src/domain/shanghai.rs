//! Times are Asia/Shanghai wall-clock times. China has kept UTC+8 without daylight saving since
//! 1991, so a fixed offset is exact for every date this product handles and spares the wasm build
//! a time-zone database.

use chrono::{NaiveDate, NaiveDateTime};

pub const SHANGHAI_OFFSET_SECONDS: i32 = 8 * 3600;

/// Years a date typed here can be in. Anything else is a typo ("20266"), and keeping dates
/// this close means no date arithmetic downstream can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateTimeError {
    #[error("no date given")]
    Empty,
    #[error("not a valid date or time")]
    Malformed,
}

/// Parses what a `datetime-local` input sends ("2026-11-21T14:30"), or the same with a space or
/// seconds, as a Shanghai wall-clock time.
pub fn parse_local_datetime(input: &str) -> Result<NaiveDateTime, DateTimeError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateTimeError::Empty);
    }
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .filter(|t| YEARS.contains(&chrono::Datelike::year(t)))
    .ok_or(DateTimeError::Malformed)
}

/// Parses a date input ("2026-11-21").
pub fn parse_local_date(input: &str) -> Result<NaiveDate, DateTimeError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateTimeError::Empty);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
        .ok_or(DateTimeError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_browser_and_typed_forms() {
        let want = NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(14, 30, 0)
            .unwrap();
        assert_eq!(parse_local_datetime("2026-11-21T14:30").unwrap(), want);
        assert_eq!(parse_local_datetime(" 2026-11-21 14:30 ").unwrap(), want);
        assert_eq!(parse_local_datetime("2026-11-21T14:30:00").unwrap(), want);
        assert_eq!(parse_local_datetime(""), Err(DateTimeError::Empty));
        assert_eq!(
            parse_local_datetime("2026-02-30T10:00"),
            Err(DateTimeError::Malformed)
        );
        assert_eq!(
            parse_local_datetime("tomorrow"),
            Err(DateTimeError::Malformed)
        );
        assert_eq!(parse_local_date("2026-11-21").unwrap(), want.date());
        assert_eq!(
            parse_local_date("21/11/2026"),
            Err(DateTimeError::Malformed)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_input_parses_to_a_date_in_range_or_an_error(s in "\\PC{0,30}") {
            if let Ok(t) = parse_local_datetime(&s) {
                proptest::prop_assert!(YEARS.contains(&chrono::Datelike::year(&t)));
            }
            if let Ok(d) = parse_local_date(&s) {
                proptest::prop_assert!(YEARS.contains(&chrono::Datelike::year(&d)));
                // Arithmetic on any accepted date is safe.
                let _ = d + chrono::TimeDelta::days(3650);
            }
        }

        #[test]
        fn what_a_browser_sends_reads_back(days in 0i64..100_000, minutes in 0i64..1440) {
            let t = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
                + chrono::TimeDelta::days(days) + chrono::TimeDelta::minutes(minutes);
            let sent = t.format("%Y-%m-%dT%H:%M").to_string();
            proptest::prop_assert_eq!(parse_local_datetime(&sent), Ok(t));
            proptest::prop_assert_eq!(parse_local_date(&sent[..10]), Ok(t.date()));
        }
    }
}
