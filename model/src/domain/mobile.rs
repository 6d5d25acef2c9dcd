use serde::{Deserialize, Serialize};
use std::fmt;

/// A mainland China mobile number (手机号): 11 digits starting 13–19.
///
/// Input is forgiving the way people type on phones: spaces and dashes, a `+86`/`86` prefix and
/// full-width digits from a Chinese input method are accepted and normalised.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Mobile(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MobileError {
    #[error("no mobile number given")]
    Empty,
    #[error("a mobile number has 11 digits and starts with 13–19")]
    Malformed,
}

impl Mobile {
    pub fn parse(input: &str) -> Result<Self, MobileError> {
        let mut digits = String::with_capacity(11);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                // Full-width digits ０-９ (U+FF10..U+FF19) from Chinese IMEs.
                '０'..='９' => {
                    let d = (c as u32 - '０' as u32) as u8;
                    digits.push(char::from(b'0' + d));
                }
                ' ' | '-' | '\u{3000}' | '－' => {}
                '+' if digits.is_empty() => {}
                _ => return Err(MobileError::Malformed),
            }
        }
        if digits.is_empty() {
            return Err(MobileError::Empty);
        }
        if digits.len() == 13 && digits.starts_with("86") {
            digits.drain(..2);
        }
        let b = digits.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
            Ok(Self(digits))
        } else {
            Err(MobileError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 138****1234: how a number is shown to anyone but the session's own organizers.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Masks a stored number; anything that is not 11 characters is hidden entirely.
pub fn mask(number: &str) -> String {
    if number.len() == 11 && number.is_ascii() {
        format!("{}****{}", &number[..3], &number[7..])
    } else {
        "***********".to_string()
    }
}

impl TryFrom<String> for Mobile {
    type Error = MobileError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Mobile> for String {
    fn from(value: Mobile) -> Self {
        value.0
    }
}

/// Debug never prints the full number, so it cannot leak into logs by accident.
impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mobile({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_spaced_prefixed_and_full_width_numbers() {
        for input in [
            "13812341234",
            " 138 1234 1234 ",
            "138-1234-1234",
            "+86 138 1234 1234",
            "8613812341234",
            "１３８１２３４１２３４",
        ] {
            assert_eq!(
                Mobile::parse(input).unwrap().as_str(),
                "13812341234",
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_wrong_length_wrong_prefix_and_letters() {
        assert_eq!(Mobile::parse(""), Err(MobileError::Empty));
        assert_eq!(Mobile::parse("   "), Err(MobileError::Empty));
        for input in [
            "1381234123",
            "138123412345",
            "12812341234",
            "23812341234",
            "1381234abcd",
            "138+12341234",
        ] {
            assert_eq!(Mobile::parse(input), Err(MobileError::Malformed), "{input}");
        }
    }

    #[test]
    fn masks_the_middle_four_digits() {
        assert_eq!(
            Mobile::parse("13812341234").unwrap().masked(),
            "138****1234"
        );
        assert_eq!(
            format!("{:?}", Mobile::parse("13812341234").unwrap()),
            "Mobile(138****1234)"
        );
        assert_eq!(mask("12"), "***********");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_only_yields_valid_numbers(s in ".{0,40}") {
            if let Ok(m) = Mobile::parse(&s) {
                let b = m.as_str().as_bytes();
                proptest::prop_assert_eq!(b.len(), 11);
                proptest::prop_assert!(b.iter().all(u8::is_ascii_digit));
                proptest::prop_assert_eq!(b[0], b'1');
            }
        }
    }
}
