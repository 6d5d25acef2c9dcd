//! A generic HTTP webhook: each message is posted as JSON, signed with HMAC-SHA256 over the exact
//! body, with an idempotency key per message, so a bridge to a provincial 政务短信 gateway can
//! check who sent it and drop a message it has seen (the outbox delivers at least once).
//!
//! The body: `{"id": "yst-42", "kind": "confirmation", "to": "13812345678", "text": "…"}`.
//! The answer: 2xx accepts (an `"id"` in a JSON answer is kept as the provider's id); 408, 429
//! and 5xx, a timeout or no connection are tried again later; any other status refuses the
//! message for good.

use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::{header, Client, StatusCode};
use sha2::Sha256;

use super::Secret;
use crate::messages::{SendError, Sender, Sending, Sent};
use store::repo::outbox::Pending;

/// The header holding `sha256=` and the hex HMAC-SHA256 of the body under the shared secret.
pub const SIGNATURE_HEADER: &str = "X-Yishitong-Signature";

/// The most of a gateway's answer kept as the reason of a failure.
const ANSWER_CHARS: usize = 120;

pub struct WebhookSender {
    client: Client,
    url: String,
    secret: Secret,
}

/// The signature header's value for `body`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl WebhookSender {
    pub fn new(url: String, secret: Secret, timeout: Duration) -> Result<Self, reqwest::Error> {
        let client = super::client(timeout)?;
        Ok(Self {
            client,
            url,
            secret,
        })
    }

    async fn post(&self, recipient: &str, message: &Pending) -> Result<Sent, SendError> {
        let key = format!("yst-{}", message.id);
        let body = serde_json::json!({
            "id": key,
            "kind": message.kind.code(),
            "to": recipient,
            "text": message.body,
            // What a gateway filling its own templates needs, and what the text will cost.
            "params": serde_json::from_str::<serde_json::Value>(&message.params).unwrap_or_default(),
            "segments": app::messages::segments(&message.body),
        })
        .to_string();
        let answer = self
            .client
            .post(&self.url)
            .header(header::CONTENT_TYPE, "application/json")
            .header("Idempotency-Key", &key)
            .header(
                SIGNATURE_HEADER,
                signature(self.secret.expose(), body.as_bytes()),
            )
            .body(body)
            .send()
            .await
            // Without the address: it may hold a token.
            .map_err(|e| SendError::for_now(e.without_url().to_string()))?;
        let status = answer.status();
        let text = answer.text().await.unwrap_or_default();
        if status.is_success() {
            let provider_id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("id")?.as_str().map(str::to_owned));
            return Ok(Sent { provider_id });
        }
        let reason = format!(
            "{status}: {}",
            text.chars().take(ANSWER_CHARS).collect::<String>()
        );
        let again = status == StatusCode::REQUEST_TIMEOUT
            || status == StatusCode::TOO_MANY_REQUESTS
            || status.is_server_error();
        Err(SendError::new(reason, again))
    }
}

impl Sender for WebhookSender {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(self.post(recipient, message))
    }
}
