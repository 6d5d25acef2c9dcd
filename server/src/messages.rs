//! Delivering the outbox. A `Sender` hands one message to a channel; the default one records it
//! in the log (number masked) and nothing else. An SMS gateway is another implementation of
//! `Sender`, chosen by configuration.

use std::{future::Future, pin::Pin};

use store::repo::outbox::Pending;

/// Why a send failed, and whether trying again may help (a busy or unreachable gateway) or not
/// (a number or template the provider refuses). Its text may come from a gateway's answer, so
/// control characters are escaped when it is written to the log: a line break cannot forge a
/// log line.
#[derive(Debug, thiserror::Error)]
#[error("the message could not be sent: {}", .reason.escape_debug())]
pub struct SendError {
    pub reason: String,
    pub retry: bool,
}

impl SendError {
    /// Worth trying again later.
    pub fn for_now(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            retry: true,
        }
    }

    /// Refused for good.
    pub fn refused(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            retry: false,
        }
    }

    /// Worth trying again when `retry`, refused for good otherwise.
    pub fn new(reason: impl Into<String>, retry: bool) -> Self {
        Self {
            reason: reason.into(),
            retry,
        }
    }
}

/// A message the channel took, with the provider's id for it if it gave one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    pub provider_id: Option<String>,
}

pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<Sent, SendError>> + Send + 'a>>;

/// A channel that delivers messages to residents' phones.
pub trait Sender: Send + Sync {
    /// Delivers one message to `recipient` (an 11-digit mobile number).
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a>;
}

/// Records each message in the log — its kind, its length and the number masked, never its
/// text: the text holds the registration code, and a place name with a line break in it would
/// forge log lines. Sends nothing.
#[derive(Debug, Default)]
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(async move {
            tracing::info!(
                id = message.id,
                kind = message.kind.code(),
                to = %app::domain::mask_mobile(recipient),
                chars = message.body.chars().count(),
                "message recorded (no SMS gateway configured)"
            );
            Ok(Sent::default())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// The log's output, kept in memory.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::ErrorKind::Other)?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_log_never_holds_a_residents_number() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let message = Pending {
            id: 7,
            kind: app::messages::MessageKind::Confirmation,
            recipient: Some("13812345678".to_owned()),
            body: "您已报名：老旧小区加装电梯协商\n2026-01-01 INFO forged line。报名码 AB12CD34。"
                .to_owned(),
            attempts: 0,
            params: "{}".to_owned(),
            message: None,
            lang: "zh".into(),
            session_id: Some(1),
            code: Some("AB12CD34".into()),
        };
        LogSender.send("13812345678", &message).await.unwrap();
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("138****5678"), "{log}");
        assert!(!log.contains("13812345678"), "{log}");
        assert!(!log.contains("AB12CD34"), "no registration code: {log}");
        assert!(!log.contains("forged line"), "no text at all: {log}");
        assert_eq!(log.lines().count(), 1, "{log}");
    }

    #[test]
    fn a_send_error_cannot_break_a_log_line() {
        let e = SendError::for_now("bad\r\n2026-01-01 INFO forged");
        assert!(!e.to_string().contains(['\r', '\n']), "{e}");
    }
}
