use serde::{Deserialize, Serialize};

/// A person's name as written on a sign-up: 1–32 characters, no control characters and none of
/// the hidden ones that reorder or hide text (`text::is_hidden`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("no name given")]
    Empty,
    #[error("a name has at most 32 characters")]
    TooLong,
    #[error("the name contains characters that cannot be printed")]
    Unprintable,
}

impl PersonName {
    pub const MAX_CHARS: usize = 32;

    pub fn parse(input: &str) -> Result<Self, PersonNameError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(PersonNameError::TooLong);
        }
        if s.chars().any(super::text::is_hidden) {
            return Err(PersonNameError::Unprintable);
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_hide_or_reorder_characters() {
        for hidden in ["王\u{202E}五", "张\u{200B}三", "\u{2067}李四"] {
            assert_eq!(
                PersonName::parse(hidden),
                Err(PersonNameError::Unprintable),
                "{hidden:?}"
            );
        }
    }

    #[test]
    fn trims_and_bounds_names() {
        assert_eq!(PersonName::parse("  张三 ").unwrap().as_str(), "张三");
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
        assert_eq!(
            PersonName::parse(&"长".repeat(33)),
            Err(PersonNameError::TooLong)
        );
        assert!(PersonName::parse(&"长".repeat(32)).is_ok());
        assert_eq!(
            PersonName::parse("a\u{0}b"),
            Err(PersonNameError::Unprintable)
        );
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_name_is_trimmed_printable_and_short(s in "\\PC{0,40}|.{0,40}") {
            if let Ok(n) = PersonName::parse(&s) {
                let n = n.as_str();
                proptest::prop_assert!(!n.is_empty() && n.trim() == n);
                proptest::prop_assert!(n.chars().count() <= PersonName::MAX_CHARS);
                proptest::prop_assert!(!n.chars().any(char::is_control));
            }
        }
    }
}
