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
    /// Control characters, or invisible ones that reorder or hide text (U+202E, U+200B …).
    #[error("this field holds invisible characters")]
    Invisible,
}

/// Characters that change how text around them reads without showing themselves: bidirectional
/// overrides and isolates (U+202E can make `gpj.exe` read `exe.jpg`), zero-width spaces and
/// joiners, the byte-order mark used as a space, soft hyphens. Refused in names and titles, where
/// they only serve to deceive (a name that looks like another, a title reading backwards).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
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

    /// A name or title: one line, without control or hidden characters (see [`is_hidden`]).
    pub fn parse_line(input: &str, max_chars: usize) -> Result<Self, TextError> {
        let text = Self::parse(input, max_chars)?;
        if text.0.chars().any(is_hidden) {
            return Err(TextError::Invisible);
        }
        Ok(text)
    }

    /// An optional name or title: blank becomes `None`.
    pub fn parse_line_optional(input: &str, max_chars: usize) -> Result<Option<Self>, TextError> {
        match Self::parse_line(input, max_chars) {
            Ok(t) => Ok(Some(t)),
            Err(TextError::Empty) => Ok(None),
            Err(e) => Err(e),
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

    #[test]
    fn names_and_titles_refuse_hidden_characters() {
        for hidden in [
            "\u{202E}gpj.exe",
            "张\u{200B}三",
            "a\u{2066}b",
            "\u{FEFF}x",
            "a\nb",
        ] {
            assert_eq!(
                RequiredText::parse_line(hidden, 20),
                Err(TextError::Invisible),
                "{hidden:?}"
            );
        }
        assert_eq!(
            RequiredText::parse_line(" 议事厅 ", 20).unwrap().as_str(),
            "议事厅"
        );
        assert_eq!(RequiredText::parse_line_optional(" ", 20), Ok(None));
        // Long texts keep them: pasted minutes often carry a zero-width space.
        assert!(RequiredText::parse("a\u{200B}b", 20).is_ok());
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
