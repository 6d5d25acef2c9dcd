use serde::{Deserialize, Serialize};

/// A required single-line or multi-line text with a length bound, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredText(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this field is required")]
    Empty,
    #[error("this field is too long")]
    TooLong,
}

impl RequiredText {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, TextError> {
        let s = input.trim();
        if s.is_empty() {
            Err(TextError::Empty)
        } else if s.chars().count() > max_chars {
            Err(TextError::TooLong)
        } else {
            Ok(Self(s.to_string()))
        }
    }

    /// An optional text: blank becomes `None`.
    pub fn parse_optional(input: &str, max_chars: usize) -> Result<Option<Self>, TextError> {
        match Self::parse(input, max_chars) {
            Ok(t) => Ok(Some(t)),
            Err(TextError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_optional_texts() {
        assert_eq!(
            RequiredText::parse(" 议事室 ", 10).unwrap().as_str(),
            "议事室"
        );
        assert_eq!(RequiredText::parse("  ", 10), Err(TextError::Empty));
        assert_eq!(RequiredText::parse("一二三", 2), Err(TextError::TooLong));
        assert_eq!(RequiredText::parse_optional(" ", 2), Ok(None));
        assert_eq!(
            RequiredText::parse_optional("一二三", 2),
            Err(TextError::TooLong)
        );
    }

    proptest::proptest! {
        #[test]
        fn accepted_text_is_within_its_length(s in "\\PC{0,60}|.{0,60}", max in 1usize..50) {
            if let Ok(t) = RequiredText::parse(&s, max) {
                proptest::prop_assert!(t.as_str().chars().count() <= max);
                proptest::prop_assert!(!t.as_str().trim().is_empty());
            }
            let _ = RequiredText::parse_optional(&s, max);
        }
    }
}
