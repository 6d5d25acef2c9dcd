use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The one error type of the server-function layer: what a page can act on, plus `Unexpected`
/// for everything else (logged on the server with its cause, shown as a plain apology).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The address has made too many attempts of this kind (guessed codes, refused posts).
    #[error("too many requests")]
    TooManyRequests,
    #[error("unexpected error")]
    Unexpected,
}

impl AppError {
    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::BadRequest(_) => 400,
            Self::TooManyRequests => 429,
            Self::Unexpected => 500,
        }
    }
}

/// The start of a decoder's message: enough to say what was wrong, without echoing back
/// whatever was sent (the decoder quotes the input, which may be very long or hostile).
fn gist(message: &str) -> String {
    const CHARS: usize = 120;
    match message.char_indices().nth(CHARS) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message.to_owned(),
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => Self::BadRequest(gist(&m)),
            _ => Self::Unexpected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoder_message_is_cut_before_it_echoes_a_long_input() {
        let long = format!("unknown variant `{}`", "a".repeat(70_000));
        let AppError::BadRequest(m) =
            AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(long))
        else {
            panic!("a bad request");
        };
        assert!(m.chars().count() <= 121 && m.starts_with("unknown variant `aaa"));
        let short = AppError::from_server_fn_error(ServerFnErrorErr::Args("id".into()));
        assert_eq!(short, AppError::BadRequest("id".into()));
    }
}
