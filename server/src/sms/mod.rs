//! The channels that deliver text messages, chosen by configuration (`YST_SMS`): the log (the
//! default, for the demo and development), a generic HTTP webhook that a local IT department
//! bridges to its SMS gateway, or Aliyun or Tencent Cloud SMS with approved templates.

mod aliyun;
pub mod aliyun_signature;
mod templates;
mod tencent;
pub mod tencent_signature;
mod webhook;

use std::{fmt, time::Duration};

pub use aliyun::{AliyunSender, ENDPOINT as ALIYUN_ENDPOINT};
pub use templates::{Template, Templates, TemplatesError};
pub use tencent::{TencentAccount, TencentSender, ENDPOINT as TENCENT_ENDPOINT};
pub use webhook::{signature, WebhookSender, SIGNATURE_HEADER};

use crate::messages::{LogSender, Sender};

/// A secret from the environment: used, never printed (its `Debug` is redacted, so a logged
/// configuration cannot carry it).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Which channel delivers messages, with its settings. Printed as [`SmsConfig::describe`]: no
/// secret, and no address's query (it may hold a token).
#[derive(Clone, Default, PartialEq, Eq)]
pub enum SmsConfig {
    /// `YST_SMS=log` (the default): each message is recorded in the log, number masked.
    #[default]
    Log,
    /// `YST_SMS=webhook`: each message is posted to `YST_SMS_WEBHOOK_URL`, signed with
    /// `YST_SMS_WEBHOOK_SECRET`.
    Webhook {
        url: String,
        secret: Secret,
        /// `YST_SMS_TIMEOUT_SECONDS` (default 10): a gateway slower than this is retried later.
        timeout: Duration,
    },
    /// `YST_SMS=aliyun`: Aliyun SMS, `YST_ALIYUN_ACCESS_KEY_ID` and `_SECRET`, the approved
    /// signature name `YST_SMS_SIGN_NAME` and templates `YST_SMS_TEMPLATES`.
    Aliyun {
        endpoint: String,
        access_key_id: String,
        access_key_secret: Secret,
        sign_name: String,
        templates: Templates,
        timeout: Duration,
    },
    /// `YST_SMS=tencent`: Tencent Cloud SMS, `YST_TENCENT_SECRET_ID` and `_KEY`, the application
    /// `YST_TENCENT_SMS_APP_ID`, `YST_SMS_SIGN_NAME` and `YST_SMS_TEMPLATES` (template ids).
    Tencent {
        endpoint: String,
        secret_id: String,
        secret_key: Secret,
        app_id: String,
        region: String,
        sign_name: String,
        templates: Templates,
        timeout: Duration,
    },
}

impl SmsConfig {
    /// What the log says at start: the channel, never its secret.
    pub fn describe(&self) -> String {
        match self {
            Self::Log => "log (no SMS gateway)".to_owned(),
            Self::Webhook { url, .. } => format!("webhook to {}", without_query(url)),
            Self::Aliyun {
                endpoint,
                access_key_id,
                sign_name,
                ..
            } => format!(
                "Aliyun SMS at {} as {access_key_id}, signed 【{sign_name}】",
                without_query(endpoint)
            ),
            Self::Tencent {
                endpoint,
                secret_id,
                app_id,
                sign_name,
                ..
            } => format!(
                "Tencent Cloud SMS at {} as {secret_id}, app {app_id}, signed 【{sign_name}】",
                without_query(endpoint)
            ),
        }
    }
}

impl fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// An address without its query, which may hold a token.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The HTTP client of a sender: a gateway slower than `timeout` is tried again later, and a
/// redirect is not followed (a gateway's answer is its answer).
fn client(timeout: Duration) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// Why a sender could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SenderError {
    #[error("YST_TENCENT_ENDPOINT is not an address")]
    Endpoint,
    #[error(transparent)]
    Client(#[from] reqwest::Error),
}

/// The sender for the configuration.
pub fn sender(config: &SmsConfig) -> Result<Box<dyn Sender>, SenderError> {
    Ok(match config {
        SmsConfig::Log => Box::new(LogSender),
        SmsConfig::Webhook {
            url,
            secret,
            timeout,
        } => Box::new(WebhookSender::new(url.clone(), secret.clone(), *timeout)?),
        SmsConfig::Aliyun {
            endpoint,
            access_key_id,
            access_key_secret,
            sign_name,
            templates,
            timeout,
        } => Box::new(AliyunSender::new(
            endpoint.clone(),
            access_key_id.clone(),
            access_key_secret.clone(),
            sign_name.clone(),
            templates.clone(),
            *timeout,
        )?),
        SmsConfig::Tencent {
            endpoint,
            secret_id,
            secret_key,
            app_id,
            region,
            sign_name,
            templates,
            timeout,
        } => Box::new(TencentSender::new(
            TencentAccount {
                endpoint: endpoint.clone(),
                secret_id: secret_id.clone(),
                secret_key: secret_key.clone(),
                app_id: app_id.clone(),
                region: region.clone(),
                sign_name: sign_name.clone(),
                templates: templates.clone(),
            },
            *timeout,
        )?),
    })
}

/// A provider's JSON answer: a broken connection or a server error is worth trying again later;
/// any other answer is read as JSON (an unreadable body as empty) for the provider's own codes.
async fn json_answer(
    answer: Result<reqwest::Response, reqwest::Error>,
) -> Result<serde_json::Value, crate::messages::SendError> {
    use crate::messages::SendError;
    let answer = answer.map_err(|e| SendError::for_now(e.without_url().to_string()))?;
    let status = answer.status();
    let text = answer.text().await.unwrap_or_default();
    if status.is_server_error() {
        return Err(SendError::for_now(format!("{status}")));
    }
    Ok(serde_json::from_str(&text).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints() {
        let config = SmsConfig::Webhook {
            url: "https://gw.example.gov.cn/sms?token=abc".into(),
            secret: Secret::new("s3cr3t"),
            timeout: Duration::from_secs(10),
        };
        let printed = format!("{config:?} {:?}", Secret::new("s3cr3t"));
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert!(!printed.contains("token=abc"), "{printed}");
        assert_eq!(
            config.describe(),
            "webhook to https://gw.example.gov.cn/sms"
        );
    }
}
