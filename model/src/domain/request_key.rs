use serde::{Deserialize, Serialize};

/// The key a client gives a request it may send more than once (the desk's scanner, resending a
/// queued check-in after a dropped connection): the same key means the same request, answered
/// once. 16 to 64 letters, digits, `-` or `_`, so it is bounded and safe in any log line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RequestKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequestKeyError {
    #[error("a request key has 16 to 64 letters, digits, '-' or '_'")]
    Malformed,
}

impl RequestKey {
    pub const MIN: usize = 16;
    pub const MAX: usize = 64;

    pub fn parse(input: &str) -> Result<Self, RequestKeyError> {
        let ok = (Self::MIN..=Self::MAX).contains(&input.len())
            && input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(input.to_owned()))
        } else {
            Err(RequestKeyError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RequestKey {
    type Error = RequestKeyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<RequestKey> for String {
    fn from(key: RequestKey) -> Self {
        key.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bounded_plain_keys_are_taken() {
        assert!(RequestKey::parse("k1a2b3c4d5e6f7g8").is_ok());
        assert!(RequestKey::parse(&"a".repeat(64)).is_ok());
        for bad in [
            "",
            "short",
            &"a".repeat(65),
            "k1a2b3c4d5e6f7g8 ",
            "k1a2b3c4d5e6f7g8<",
            "签到签到签到签到签到签到",
        ] {
            assert_eq!(
                RequestKey::parse(bad),
                Err(RequestKeyError::Malformed),
                "{bad}"
            );
        }
    }
}
