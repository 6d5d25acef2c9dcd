use serde::{Deserialize, Serialize};

/// A registration code (报名码): 8 characters from an alphabet without look-alikes (no 0/O,
/// 1/I/L), shown at the door and encoded in the QR code. Typed codes are forgiving: spaces,
/// dashes and lower case are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegistrationCode(String);

const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationCodeError {
    #[error("a registration code has 8 letters and digits")]
    Malformed,
}

impl RegistrationCode {
    pub const LEN: usize = 8;
    /// How many codes there are: 31⁸ ≈ 8.5 × 10¹¹.
    pub const SPACE: u64 = 31u64.pow(8);

    pub fn parse(input: &str) -> Result<Self, RegistrationCodeError> {
        let code: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.len() == Self::LEN && code.bytes().all(|b| ALPHABET.contains(&b)) {
            Ok(Self(code))
        } else {
            Err(RegistrationCodeError::Malformed)
        }
    }

    /// The code a ticket's QR code or a keyboard-like scanner gives: the ticket's whole link
    /// (`…/checkin/CODE`, perhaps with a trailing `/`) or the bare code; the link's last part is
    /// the code.
    pub fn from_ticket(read: &str) -> Result<Self, RegistrationCodeError> {
        let read = read.trim().trim_end_matches('/');
        Self::parse(read.rsplit('/').next().unwrap_or(read))
    }

    /// The code numbered `n` (taken modulo [`Self::SPACE`]): distinct numbers below the space
    /// give distinct codes.
    pub fn from_number(n: u64) -> Self {
        let mut n = n % Self::SPACE;
        let mut code = String::with_capacity(Self::LEN);
        for _ in 0..Self::LEN {
            code.push(char::from(ALPHABET[(n % 31) as usize]));
            n /= 31;
        }
        Self(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RegistrationCode {
    type Error = RegistrationCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<RegistrationCode> for String {
    fn from(value: RegistrationCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes_are_normalised_and_checked() {
        assert_eq!(
            RegistrationCode::parse("ab3d-ef7h").unwrap().as_str(),
            "AB3DEF7H"
        );
        assert_eq!(
            RegistrationCode::parse("AB3D EF7H").unwrap().as_str(),
            "AB3DEF7H"
        );
        assert!(RegistrationCode::parse("AB3DEF7").is_err());
        assert!(
            RegistrationCode::parse("AB3DEF70").is_err(),
            "0 is not in the alphabet"
        );
        assert!(
            RegistrationCode::parse("AB3DEF7I").is_err(),
            "I is not in the alphabet"
        );
        assert!(RegistrationCode::parse("报名码报名码报名").is_err());
    }

    #[test]
    fn a_ticket_gives_its_code_as_a_link_or_bare() {
        for read in [
            "https://yst.example.cn/checkin/AB3DEF7H",
            "https://yst.example.cn/checkin/AB3DEF7H/",
            " ab3def7h ",
        ] {
            assert_eq!(
                RegistrationCode::from_ticket(read).unwrap().as_str(),
                "AB3DEF7H"
            );
        }
        assert!(RegistrationCode::from_ticket("https://example.cn/").is_err());
        assert!(RegistrationCode::from_ticket("").is_err());
    }

    proptest::proptest! {
        #[test]
        fn generated_codes_parse_back(n in proptest::prelude::any::<u64>()) {
            let code = RegistrationCode::from_number(n);
            proptest::prop_assert_eq!(RegistrationCode::parse(code.as_str()).unwrap(), code);
        }
    }
}
