//! The yearly figures of domain.md (年度统计) for one period and scope, and their rates.

use serde::{Deserialize, Serialize};

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
