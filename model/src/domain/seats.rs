use serde::{Deserialize, Serialize};

/// The number of seats of a session: at least one, at most 10,000 (a square meeting, not a stadium).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Seats(u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SeatsError {
    #[error("the number of seats is not a whole number")]
    NotANumber,
    #[error("a session has between 1 and 10000 seats")]
    OutOfRange,
}

impl Seats {
    pub const MAX: u32 = 10_000;

    pub fn new(n: u32) -> Result<Self, SeatsError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(Self(n))
        } else {
            Err(SeatsError::OutOfRange)
        }
    }

    pub fn parse(input: &str) -> Result<Self, SeatsError> {
        let n: u64 = input.trim().parse().map_err(|_| SeatsError::NotANumber)?;
        Self::new(u32::try_from(n).map_err(|_| SeatsError::OutOfRange)?)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Seats {
    type Error = SeatsError;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Seats> for u32 {
    fn from(value: Seats) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_allowed_range_only() {
        assert_eq!(Seats::parse(" 50 ").unwrap().get(), 50);
        assert_eq!(Seats::parse("1").unwrap().get(), 1);
        assert_eq!(Seats::parse("10000").unwrap().get(), 10_000);
        assert_eq!(Seats::parse("0"), Err(SeatsError::OutOfRange));
        assert_eq!(Seats::parse("10001"), Err(SeatsError::OutOfRange));
        assert_eq!(
            Seats::parse("99999999999999999999"),
            Err(SeatsError::NotANumber)
        );
        assert_eq!(Seats::parse("-3"), Err(SeatsError::NotANumber));
        assert_eq!(Seats::parse("五十"), Err(SeatsError::NotANumber));
    }

    proptest::proptest! {
        #[test]
        fn accepted_seats_are_within_bounds(s in "[-+ 0-9a-z.]{0,25}") {
            if let Ok(n) = Seats::parse(&s) {
                proptest::prop_assert!((1..=Seats::MAX).contains(&n.get()));
            }
        }
    }
}
