use serde::{Deserialize, Serialize};

use super::RequiredText;

/// A vote taken at a session (表决): what was put to the vote and the three tallies, which
/// together cannot exceed the number of people checked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    subject: String,
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteError {
    #[error("the vote needs its subject")]
    NoSubject,
    #[error("the subject is too long")]
    SubjectTooLong,
    #[error("each tally is a whole number from 0")]
    Tally,
    #[error("more votes than people checked in")]
    MoreThanAttended,
}

impl Vote {
    pub const MAX_SUBJECT: usize = 200;

    /// No vote when every field is blank; otherwise all four must hold.
    pub fn parse(
        subject: &str,
        for_: &str,
        against: &str,
        abstain: &str,
        attended: u32,
    ) -> Result<Option<Self>, VoteError> {
        if [subject, for_, against, abstain]
            .iter()
            .all(|s| s.trim().is_empty())
        {
            return Ok(None);
        }
        let subject = RequiredText::parse(subject, Self::MAX_SUBJECT).map_err(|e| match e {
            super::TextError::Empty => VoteError::NoSubject,
            super::TextError::TooLong | super::TextError::Invisible => VoteError::SubjectTooLong,
        })?;
        let tally = |s: &str| s.trim().parse::<u32>().map_err(|_| VoteError::Tally);
        let (for_, against, abstain) = (tally(for_)?, tally(against)?, tally(abstain)?);
        if u64::from(for_) + u64::from(against) + u64::from(abstain) > u64::from(attended) {
            return Err(VoteError::MoreThanAttended);
        }
        Ok(Some(Self {
            subject: subject.into_inner(),
            for_,
            against,
            abstain,
        }))
    }

    pub fn subject(&self) -> &str {
        &self.subject
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_no_vote_and_partial_is_refused() {
        assert_eq!(Vote::parse(" ", "", "", "", 10), Ok(None));
        assert_eq!(
            Vote::parse("", "3", "1", "0", 10),
            Err(VoteError::NoSubject)
        );
        assert_eq!(
            Vote::parse("方案一", "3", "", "0", 10),
            Err(VoteError::Tally)
        );
        assert_eq!(
            Vote::parse("方案一", "-1", "0", "0", 10),
            Err(VoteError::Tally)
        );
    }

    #[test]
    fn tallies_cannot_exceed_attendance() {
        let v = Vote::parse("加装电梯方案", "8", "1", "1", 10)
            .unwrap()
            .unwrap();
        assert_eq!(
            (v.subject(), v.for_, v.against, v.abstain),
            ("加装电梯方案", 8, 1, 1)
        );
        assert_eq!(
            Vote::parse("加装电梯方案", "9", "1", "1", 10),
            Err(VoteError::MoreThanAttended)
        );
        assert_eq!(
            Vote::parse("x", "4294967295", "4294967295", "0", 10),
            Err(VoteError::MoreThanAttended)
        );
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_vote_never_counts_more_than_attended(
            subject in "\\PC{0,10}",
            counts in proptest::collection::vec("[-+ 0-9]{0,12}", 3),
            attended in 0u32..100,
        ) {
            if let Ok(Some(v)) = Vote::parse(&subject, &counts[0], &counts[1], &counts[2], attended) {
                proptest::prop_assert!(!v.subject().trim().is_empty());
                let total = u64::from(v.for_) + u64::from(v.against) + u64::from(v.abstain);
                proptest::prop_assert!(total <= u64::from(attended));
            }
        }
    }
}
