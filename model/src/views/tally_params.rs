//! What a figures link says: period, area, platform type or platform, and for a list of records
//! the figure, a dimension's value and the page. Read leniently from a URL (a value that does
//! not parse is as if absent) and written back the same way, so links keep every choice.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Dimension, Drill, Period};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyParams {
    pub year: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub area: Option<i64>,
    pub platform_type: Option<String>,
    pub platform: Option<i64>,
    pub drill: Option<Drill>,
    pub by: Option<Dimension>,
    pub key: Option<String>,
    pub page: Option<u32>,
    /// List only the records of sessions recorded afterwards (补录).
    #[serde(default)]
    pub recorded: bool,
}

impl TallyParams {
    /// From a URL's query, `get` giving each key's value.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let some = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        Self {
            year: some("year").and_then(|v| v.parse().ok()),
            from: some("from").and_then(|v| v.parse().ok()),
            to: some("to").and_then(|v| v.parse().ok()),
            area: some("area").and_then(|v| v.parse().ok()),
            platform_type: some("type").filter(|v| {
                v.len() <= 32 && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            }),
            platform: some("platform").and_then(|v| v.parse().ok()),
            drill: some("drill").and_then(|v| Drill::from_code(&v)),
            by: some("by").and_then(|v| Dimension::from_code(&v)),
            key: some("key").filter(|v| v.chars().count() <= 100),
            page: some("page").and_then(|v| v.parse().ok()),
            recorded: some("recorded").is_some_and(|v| v == "1"),
        }
    }

    /// The period asked for: a valid date range, else the year, else the year of `today`.
    pub fn period(&self, today: NaiveDate) -> Period {
        use chrono::Datelike;
        let range = match (self.from, self.to) {
            (Some(from), Some(to)) => Period::new(from, to),
            _ => None,
        };
        range
            .or_else(|| {
                self.year
                    .filter(|y| (2000..=2100).contains(y))
                    .and_then(Period::year)
            })
            .or_else(|| Period::year(today.year()))
            .unwrap_or(Period::day(today))
    }

    /// The query string of these choices for `period`, without the list-only keys.
    pub fn scope_query(&self, period: Period) -> String {
        let mut q = match period.whole_year() {
            Some(y) => format!("year={y}"),
            None => format!("from={}&to={}", period.from(), period.to()),
        };
        if let Some(a) = self.area {
            q.push_str(&format!("&area={a}"));
        }
        if let Some(t) = &self.platform_type {
            q.push_str(&format!("&type={t}"));
        }
        if let Some(p) = self.platform {
            q.push_str(&format!("&platform={p}"));
        }
        q
    }

    /// The query of the records behind `drill`, optionally within one value of a dimension.
    pub fn records_query(
        &self,
        period: Period,
        drill: Drill,
        split: Option<(Dimension, &str)>,
    ) -> String {
        let mut q = format!("{}&drill={}", self.scope_query(period), drill.code());
        if let Some((by, key)) = split {
            q.push_str(&format!(
                "&by={}&key={}",
                by.code(),
                crate::url::encode_component(key)
            ));
        }
        if self.recorded && drill.of_sessions() {
            q.push_str("&recorded=1");
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> TallyParams {
        TallyParams::from_query(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn junk_is_as_if_absent_and_links_keep_the_choices() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let p = parse(&[
            ("year", "2025"),
            ("area", "7"),
            ("type", "member_studio"),
            ("drill", "problems"),
            ("page", "-3"),
        ]);
        assert_eq!(p.period(today), Period::year(2025).unwrap());
        assert_eq!(p.page, None);
        assert_eq!(
            p.records_query(p.period(today), Drill::Topics, None),
            "year=2025&area=7&type=member_studio&drill=topics"
        );
        let hostile = parse(&[("year", "99999"), ("type", "x' OR 1=1"), ("drill", "all")]);
        assert_eq!(hostile.period(today), Period::year(2026).unwrap());
        assert_eq!(hostile.platform_type, None);
        assert_eq!(hostile.drill, None);
        let backwards = parse(&[
            ("from", "2026-06-30"),
            ("to", "2026-03-01"),
            ("year", "2024"),
        ]);
        assert_eq!(backwards.period(today), Period::year(2024).unwrap());
        let spring = parse(&[("from", "2026-03-01"), ("to", "2026-06-30")]);
        assert_eq!(
            spring.scope_query(spring.period(today)),
            "from=2026-03-01&to=2026-06-30"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_link_reads_to_a_period_in_range(
            values in proptest::collection::vec("\\PC{0,12}|[-0-9]{0,12}", 10),
        ) {
            let keys = ["year", "from", "to", "area", "type", "platform", "drill", "by", "key", "page"];
            let pairs: Vec<(&str, &str)> =
                keys.iter().zip(&values).map(|(k, v)| (*k, v.as_str())).collect();
            let p = parse(&pairs);
            let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
            let period = p.period(today);
            proptest::prop_assert!(period.from() <= period.to());
            proptest::prop_assert!((period.to() - period.from()).num_days() <= 3660);
            let _ = p.records_query(period, Drill::Topics, None);
            let _ = p.scope_query(period);
        }
    }
}
