//! Delivering the outbox. A `Sender` hands one message to a channel; the default one records it
//! in the log (number masked) and nothing else. An SMS gateway is another implementation of
//! `Sender`, chosen by configuration.

use std::{future::Future, pin::Pin};

use app::backend::repo::outbox::Pending;

#[derive(Debug, thiserror::Error)]
#[error("the message could not be sent: {0}")]
pub struct SendError(pub String);

pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// A channel that delivers messages to residents' phones.
pub trait Sender: Send + Sync {
    /// Delivers one message to `recipient` (an 11-digit mobile number).
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a>;
}

/// Records each message in the log, with the number masked; sends nothing.
#[derive(Debug, Default)]
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(async move {
            tracing::info!(
                id = message.id,
                kind = %message.kind,
                to = %app::domain::mask_mobile(recipient),
                body = %message.body,
                "message recorded (no SMS gateway configured)"
            );
            Ok(())
        })
    }
}
