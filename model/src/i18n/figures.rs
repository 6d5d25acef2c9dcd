//! The sentences annual reports open with, generated from the figures.

use super::{fmt_period, Lang};
use crate::domain::{Figures, Period, Rate};

/// "93.1%（134/144）": a rate always with its base, or a dash without one; English text takes
/// English brackets ("93.1% (134/144)").
pub fn rate_text(rate: Rate, lang: Lang) -> String {
    match (rate.percent(), lang) {
        (Some(p), Lang::Zh) => format!("{p:.1}%（{}/{}）", rate.part, rate.base),
        (Some(p), Lang::En) => format!("{p:.1}% ({}/{})", rate.part, rate.base),
        (None, _) => "—".to_owned(),
    }
}

/// The headline: sessions, services, topics, visits, suggestions, problems.
pub fn summary(lang: Lang, period: Period, scope: &str, f: &Figures) -> String {
    let when = fmt_period(period, lang);
    match lang {
        Lang::Zh => format!(
            "{when}，{scope}共开展协商议事活动{}场，政策宣讲、技术服务等活动{}场，征集议题{}个，参与群众{}人次，委员参与{}人次，提出意见建议{}条，助力解决问题{}个。",
            f.consultations, f.services, f.topics, f.resident_visits, f.member_visits, f.suggestions, f.problems_resolved
        ),
        Lang::En => format!(
            "In {when}, {scope} held {} consultation sessions and {} service activities, collected {} topics, counted {} resident and {} member visits, recorded {} suggestions and helped resolve {} problems.",
            f.consultations, f.services, f.topics, f.resident_visits, f.member_visits, f.suggestions, f.problems_resolved
        ),
    }
}

/// The second paragraph: platforms, topics taken up, rates with their bases, follow-ups, and
/// the change against the same days a year earlier.
pub fn details(lang: Lang, f: &Figures, before: &Figures) -> String {
    let change = |now: i64, then: i64| -> String {
        match (lang, now - then) {
            (_, 0) => match lang {
                Lang::Zh => "与上年同期持平".to_owned(),
                Lang::En => "level with a year earlier".to_owned(),
            },
            (Lang::Zh, d) if d > 0 => format!("比上年同期增加{d}场"),
            (Lang::Zh, d) => format!("比上年同期减少{}场", -d),
            (Lang::En, d) if d > 0 => format!("{d} more than a year earlier"),
            (Lang::En, d) => format!("{} fewer than a year earlier", -d),
        }
    };
    match lang {
        Lang::Zh => format!(
            "现有议事平台{}个（其中新建{}个）；征集议题{}个，立项{}个；协商议事活动{}；意见建议采纳率{}，问题解决率{}，群众满意率{}；开展“回头看”{}次。",
            f.platforms_active,
            f.platforms_new,
            f.topics,
            f.topics_taken_up,
            change(f.consultations, before.consultations),
            rate_text(f.adoption_rate(), lang),
            rate_text(f.resolution_rate(), lang),
            rate_text(f.satisfaction_rate(), lang),
            f.reviews
        ),
        Lang::En => format!(
            "{} platforms are active ({} new); {} topics collected, {} taken up; consultation sessions {}; adoption rate {}, resolution rate {}, satisfaction {}; {} follow-up visits.",
            f.platforms_active,
            f.platforms_new,
            f.topics,
            f.topics_taken_up,
            change(f.consultations, before.consultations),
            rate_text(f.adoption_rate(), lang),
            rate_text(f.resolution_rate(), lang),
            rate_text(f.satisfaction_rate(), lang),
            f.reviews
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_reads_like_a_report() {
        let f = Figures {
            consultations: 274,
            problems_resolved: 334,
            ..Figures::default()
        };
        let s = summary(Lang::Zh, Period::year(2024).unwrap(), "镇江市", &f);
        assert!(
            s.starts_with("2024年，镇江市共开展协商议事活动274场"),
            "{s}"
        );
        assert!(s.ends_with("助力解决问题334个。"), "{s}");
        let before = Figures {
            consultations: 270,
            ..Figures::default()
        };
        assert!(details(Lang::Zh, &f, &before).contains("比上年同期增加4场"));
        assert!(details(Lang::Zh, &f, &f).contains("与上年同期持平"));
        assert!(details(Lang::Zh, &f, &f).contains("问题解决率—"));
    }

    #[test]
    fn a_rate_takes_the_punctuation_of_its_language() {
        let rate = Rate {
            part: 377,
            base: 603,
        };
        assert_eq!(rate_text(rate, Lang::Zh), "62.5%（377/603）");
        assert_eq!(rate_text(rate, Lang::En), "62.5% (377/603)");
        assert_eq!(rate_text(Rate { part: 0, base: 0 }, Lang::En), "—");
    }
}
