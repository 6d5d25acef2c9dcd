use serde::{Deserialize, Serialize};

use super::AreaLevel;

/// A 12-digit statistical administrative division code (统计用区划代码), e.g. 321102001001.
///
/// Digits 1–4 name the city, 5–6 the district or county, 7–9 the township or street and 10–12
/// the village or community; trailing zeros mark the higher levels.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AreaCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AreaCodeError {
    #[error("an administrative code has exactly 12 digits")]
    Malformed,
    #[error("the code does not sit under its parent's code")]
    NotUnderParent,
}

impl AreaCode {
    pub fn parse(input: &str) -> Result<Self, AreaCodeError> {
        let s = input.trim();
        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.to_string()))
        } else {
            Err(AreaCodeError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many leading digits identify an area of this level.
    fn significant_digits(level: AreaLevel) -> usize {
        match level {
            AreaLevel::City => 4,
            AreaLevel::District => 6,
            AreaLevel::Township => 9,
            AreaLevel::Village => 12,
        }
    }

    /// Checks that a child's code extends its parent's prefix, so a typo cannot file a village
    /// under the wrong district.
    pub fn check_under(
        &self,
        parent: &AreaCode,
        parent_level: AreaLevel,
    ) -> Result<(), AreaCodeError> {
        let n = Self::significant_digits(parent_level);
        if self.0[..n] == parent.0[..n] && self.0 != parent.0 {
            Ok(())
        } else {
            Err(AreaCodeError::NotUnderParent)
        }
    }
}

impl TryFrom<String> for AreaCode {
    type Error = AreaCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AreaCode> for String {
    fn from(value: AreaCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_twelve_digits_only() {
        assert!(AreaCode::parse("321102001001").is_ok());
        assert_eq!(
            AreaCode::parse("32110200100"),
            Err(AreaCodeError::Malformed)
        );
        assert_eq!(
            AreaCode::parse("32110200100a"),
            Err(AreaCodeError::Malformed)
        );
        assert_eq!(
            AreaCode::parse("３２１１０２００１００１"),
            Err(AreaCodeError::Malformed)
        );
    }

    #[test]
    fn a_child_code_must_extend_the_parent_prefix() {
        let city = AreaCode::parse("321100000000").unwrap();
        let district = AreaCode::parse("321102000000").unwrap();
        let elsewhere = AreaCode::parse("320102000000").unwrap();
        assert!(district.check_under(&city, AreaLevel::City).is_ok());
        assert_eq!(
            elsewhere.check_under(&city, AreaLevel::City),
            Err(AreaCodeError::NotUnderParent)
        );
        assert_eq!(
            city.check_under(&city, AreaLevel::City),
            Err(AreaCodeError::NotUnderParent)
        );
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_code_is_twelve_digits(s in "[0-9 ]{0,14}|\\PC{0,14}") {
            if let Ok(c) = AreaCode::parse(&s) {
                proptest::prop_assert_eq!(c.as_str().len(), 12);
                proptest::prop_assert!(c.as_str().bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
