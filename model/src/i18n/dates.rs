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

/// "2026年" for a calendar year, else "2026年3月1日至6月30日" (the year repeated only when
/// it changes).
pub fn fmt_period(p: crate::domain::Period, lang: Lang) -> String {
    let (from, to) = (p.from(), p.to());
    match (p.whole_year(), lang) {
        (Some(y), Lang::Zh) => format!("{y}年"),
        (Some(y), Lang::En) => y.to_string(),
        (None, Lang::Zh) if from.year() == to.year() => format!(
            "{}年{}月{}日至{}月{}日",
            from.year(),
            from.month(),
            from.day(),
            to.month(),
            to.day()
        ),
        (None, Lang::Zh) => format!(
            "{}年{}月{}日至{}年{}月{}日",
            from.year(),
            from.month(),
            from.day(),
            to.year(),
            to.month(),
            to.day()
        ),
        (None, Lang::En) => format!("{} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y")),
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

/// 11月21日（周六）14:30 / Sat 21 Nov, 14:30: a text message's time, where the year is plain and
/// every character counts.
pub fn fmt_datetime_short(t: NaiveDateTime, lang: Lang) -> String {
    let d = t.date();
    match lang {
        Lang::Zh => format!(
            "{}月{}日（{}）{}",
            d.month(),
            d.day(),
            weekday_zh(d.weekday()),
            fmt_time(t)
        ),
        Lang::En => format!("{}, {}", d.format("%a %-d %b"), fmt_time(t)),
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
