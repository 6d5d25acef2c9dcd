//! What a figure counts (a measure) and what it can be broken down by (a dimension). Both travel
//! in links (`drill=`, `by=`), so each is a code enum: an unknown code is refused, never guessed.

use super::code_enum::code_enum;

code_enum!(
    /// One countable figure of domain.md's table; each opens the list of records it counts.
    Drill {
        Consultations = "consultations",
        Services = "services",
        Topics = "topics",
        TopicsTakenUp = "topics-taken-up",
        ResidentVisits = "resident-visits",
        MemberVisits = "member-visits",
        Suggestions = "suggestions",
        SuggestionsAdopted = "suggestions-adopted",
        ProblemsResolved = "problems",
        ProblemsRaised = "problems-raised",
        ProblemsRaisedResolved = "problems-raised-resolved",
        Ratings = "ratings",
        RatingsSatisfied = "ratings-satisfied",
        Reviews = "reviews",
        PlatformsActive = "platforms",
        PlatformsNew = "platforms-new",
    }
);

code_enum!(
    /// The breakdowns of domain.md.
    Dimension {
        Area = "area",
        PlatformType = "type",
        Kind = "kind",
        Format = "format",
        Month = "month",
        Quarter = "quarter",
        TopicCategory = "category",
        TopicSource = "source",
        MemberLevel = "level",
        Sector = "sector",
        ResultClass = "class",
        /// What a suggestion became: 纳入决策, 民生实事项目, 领导批示, 转提案.
        Conversion = "conversion",
    }
);

/// What a figure's records are, which decides the dimensions it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Session,
    Attendance,
    Suggestion,
    Problem,
    Rating,
    Review,
    Topic,
    Platform,
}

impl Drill {
    pub fn record_kind(self) -> RecordKind {
        match self {
            Self::Consultations | Self::Services => RecordKind::Session,
            Self::ResidentVisits | Self::MemberVisits => RecordKind::Attendance,
            Self::Suggestions | Self::SuggestionsAdopted => RecordKind::Suggestion,
            Self::ProblemsResolved | Self::ProblemsRaised | Self::ProblemsRaisedResolved => {
                RecordKind::Problem
            }
            Self::Ratings | Self::RatingsSatisfied => RecordKind::Rating,
            Self::Reviews => RecordKind::Review,
            Self::Topics | Self::TopicsTakenUp => RecordKind::Topic,
            Self::PlatformsActive | Self::PlatformsNew => RecordKind::Platform,
        }
    }

    /// Whether this figure's records belong to sessions (and so may be recorded afterwards).
    pub fn of_sessions(self) -> bool {
        !matches!(self.record_kind(), RecordKind::Topic | RecordKind::Platform)
    }

    /// Whether this figure can be split by the dimension: every record has an area, a platform
    /// type and a date; the rest belong to sessions, topics, members or suggestions only.
    pub fn has(self, dimension: Dimension) -> bool {
        use Dimension as D;
        use RecordKind as K;
        let kind = self.record_kind();
        match dimension {
            D::Area | D::PlatformType | D::Month | D::Quarter => true,
            D::Kind | D::Format => !matches!(kind, K::Topic | K::Platform),
            D::TopicCategory | D::TopicSource => kind == K::Topic,
            D::MemberLevel | D::Sector => self == Self::MemberVisits,
            D::ResultClass | D::Conversion => kind == K::Suggestion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for d in Drill::ALL {
            assert_eq!(Drill::from_code(d.code()), Some(*d));
        }
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_code(d.code()), Some(*d));
        }
        assert_eq!(Drill::from_code("sessions; DROP TABLE"), None);
        assert_eq!(Dimension::from_code(""), None);
    }

    #[test]
    fn members_split_by_level_and_topics_by_category_only() {
        assert!(Drill::MemberVisits.has(Dimension::Sector));
        assert!(!Drill::ResidentVisits.has(Dimension::MemberLevel));
        assert!(Drill::Topics.has(Dimension::TopicCategory));
        assert!(!Drill::Topics.has(Dimension::Kind));
        assert!(!Drill::PlatformsActive.has(Dimension::Format));
        assert!(Drill::SuggestionsAdopted.has(Dimension::ResultClass));
    }
}
