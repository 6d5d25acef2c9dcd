//! The yearly figures of domain.md (年度统计) for one period and scope, and their rates.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The days a set of figures covers, first and last included; never empty and never longer
/// than ten years (a longer range is a typing mistake, not a report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    pub fn year(year: i32) -> Option<Self> {
        Self::new(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )
    }

    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to && (to - from).num_days() <= 3660).then_some(Self { from, to })
    }

    pub fn day(day: NaiveDate) -> Self {
        Self { from: day, to: day }
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    pub fn to(self) -> NaiveDate {
        self.to
    }

    /// The calendar year it is, if it is exactly one.
    pub fn whole_year(self) -> Option<i32> {
        (self.from.ordinal() == 1
            && self.from.year() == self.to.year()
            && self.to.month() == 12
            && self.to.day() == 31)
            .then_some(self.from.year())
    }

    /// The same days one year earlier, for comparison (29 February becomes the 28th).
    pub fn year_before(self) -> Self {
        let back = |d: NaiveDate| {
            d.with_year(d.year() - 1)
                .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
                .unwrap_or(d)
        };
        Self {
            from: back(self.from),
            to: back(self.to),
        }
    }
}

/// The figures of one period and scope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Platforms active on the last day of the period.
    pub platforms_active: i64,
    /// Platforms established within the period.
    pub platforms_new: i64,
    /// 协商议事活动: consultation kinds, held (started, not cancelled) within the period.
    pub consultations: i64,
    /// 政策宣讲、技术服务等: service kinds, held within the period.
    pub services: i64,
    /// 征集议题: topics submitted within the period, and how many of them were taken up.
    pub topics: i64,
    pub topics_taken_up: i64,
    /// 参与群众人次: attendance of every role but members at sessions held within the period.
    pub resident_visits: i64,
    /// 委员参与人次.
    pub member_visits: i64,
    /// 意见建议: suggestions recorded for sessions held within the period.
    pub suggestions: i64,
    /// …of which adopted or partly adopted (采纳率 = this / suggestions).
    pub suggestions_adopted: i64,
    /// 解决问题: problems whose resolution date lies within the period.
    pub problems_resolved: i64,
    /// 解决率 base: problems raised within the period, and how many of those are resolved.
    pub problems_raised: i64,
    pub problems_raised_resolved: i64,
    /// 满意率 base: ratings of sessions held within the period, and the satisfied ones
    /// (满意 + 基本满意).
    pub ratings: i64,
    pub ratings_satisfied: i64,
    /// 回头看: follow-up visits within the period.
    pub reviews: i64,
}

/// A share and its base, as reports print them ("解决率93.1%（134/144）").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub part: i64,
    pub base: i64,
}

impl Rate {
    /// Percent with one decimal, or none when the base is empty.
    pub fn percent(self) -> Option<f64> {
        (self.base > 0).then(|| (self.part * 1000 / self.base) as f64 / 10.0)
    }
}

impl Figures {
    /// These figures less `other`'s, figure by figure: an area's total less its children's is
    /// its own share (本级), what was held at that level itself.
    pub fn minus(&self, other: &Figures) -> Figures {
        Figures {
            platforms_active: self.platforms_active - other.platforms_active,
            platforms_new: self.platforms_new - other.platforms_new,
            consultations: self.consultations - other.consultations,
            services: self.services - other.services,
            topics: self.topics - other.topics,
            topics_taken_up: self.topics_taken_up - other.topics_taken_up,
            resident_visits: self.resident_visits - other.resident_visits,
            member_visits: self.member_visits - other.member_visits,
            suggestions: self.suggestions - other.suggestions,
            suggestions_adopted: self.suggestions_adopted - other.suggestions_adopted,
            problems_resolved: self.problems_resolved - other.problems_resolved,
            problems_raised: self.problems_raised - other.problems_raised,
            problems_raised_resolved: self.problems_raised_resolved
                - other.problems_raised_resolved,
            ratings: self.ratings - other.ratings,
            ratings_satisfied: self.ratings_satisfied - other.ratings_satisfied,
            reviews: self.reviews - other.reviews,
        }
    }

    /// Every figure with the measure it is, in the order reports list them.
    pub fn each(&self) -> [(super::Drill, i64); 16] {
        use super::Drill as D;
        [
            (D::Consultations, self.consultations),
            (D::Services, self.services),
            (D::Topics, self.topics),
            (D::TopicsTakenUp, self.topics_taken_up),
            (D::ResidentVisits, self.resident_visits),
            (D::MemberVisits, self.member_visits),
            (D::Suggestions, self.suggestions),
            (D::SuggestionsAdopted, self.suggestions_adopted),
            (D::ProblemsResolved, self.problems_resolved),
            (D::ProblemsRaised, self.problems_raised),
            (D::ProblemsRaisedResolved, self.problems_raised_resolved),
            (D::Ratings, self.ratings),
            (D::RatingsSatisfied, self.ratings_satisfied),
            (D::Reviews, self.reviews),
            (D::PlatformsActive, self.platforms_active),
            (D::PlatformsNew, self.platforms_new),
        ]
    }

    pub fn resolution_rate(&self) -> Rate {
        Rate {
            part: self.problems_raised_resolved,
            base: self.problems_raised,
        }
    }

    pub fn adoption_rate(&self) -> Rate {
        Rate {
            part: self.suggestions_adopted,
            base: self.suggestions,
        }
    }

    pub fn satisfaction_rate(&self) -> Rate {
        Rate {
            part: self.ratings_satisfied,
            base: self.ratings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_ordered_bounded_and_compare_with_the_year_before() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let year = Period::year(2026).unwrap();
        assert_eq!(year.whole_year(), Some(2026));
        assert_eq!(year.year_before(), Period::year(2025).unwrap());
        assert_eq!(Period::new(d(2026, 5, 1), d(2026, 4, 30)), None);
        assert_eq!(Period::new(d(2000, 1, 1), d(2026, 1, 1)), None);
        let spring = Period::new(d(2024, 2, 29), d(2024, 6, 30)).unwrap();
        assert_eq!(spring.whole_year(), None);
        assert_eq!(spring.year_before().from(), d(2023, 2, 28));
    }

    #[test]
    fn rates_round_down_to_a_tenth_and_need_a_base() {
        assert_eq!(
            Rate {
                part: 134,
                base: 144
            }
            .percent(),
            Some(93.0)
        );
        assert_eq!(Rate { part: 1, base: 3 }.percent(), Some(33.3));
        assert_eq!(Rate { part: 0, base: 0 }.percent(), None);
    }
}
