//! The message a domain type's refusal shows next to its field.

use super::T;
use crate::domain::TextError;

impl From<TextError> for T {
    fn from(e: TextError) -> Self {
        match e {
            TextError::Empty => T::Required,
            TextError::TooLong => T::TooLong,
            TextError::Invisible => T::HiddenCharacters,
        }
    }
}
