use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use super::Lang;

fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// 2026年11月21日（周六） / Sat 21 Nov 2026.
pub fn fmt_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}年{}月{}日（{}）",
            d.year(),
            d.month(),
            d.day(),
            weekday_zh(d.weekday())
        ),
        Lang::En => d.format("%a %-d %b %Y").to_string(),
    }
}

/// 14:30, the 24-hour clock both ways.
pub fn fmt_time(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// 2026年11月21日（周六）14:30 / Sat 21 Nov 2026, 14:30.
pub fn fmt_datetime(t: NaiveDateTime, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}{}", fmt_date(t.date(), lang), fmt_time(t)),
        Lang::En => format!("{}, {}", fmt_date(t.date(), lang), fmt_time(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_way_people_write_them() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        assert_eq!(fmt_datetime(t, Lang::Zh), "2026年11月21日（周六）14:05");
        assert_eq!(fmt_datetime(t, Lang::En), "Sat 21 Nov 2026, 14:05");
    }
}
