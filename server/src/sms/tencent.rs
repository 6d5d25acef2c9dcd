//! Tencent Cloud SMS (`SendSms`, version 2021-01-11): an approved template (its id) under an
//! approved signature name, its values in the template's order, the request signed by
//! TC3-HMAC-SHA256 (`tencent_signature`). The number's `Code` decides: `Ok` delivers (its
//! `SerialNo` kept), limits and internal errors are tried again, anything else refuses the
//! message for good.

use std::time::Duration;

use reqwest::{header, Client, Url};

use super::{templates::Templates, tencent_signature, Secret, SenderError};
use crate::messages::{SendError, Sender, Sending, Sent};
use store::repo::outbox::Pending;

/// Where `SendSms` is sent unless configured otherwise.
pub const ENDPOINT: &str = "https://sms.tencentcloudapi.com/";

pub struct TencentSender {
    client: Client,
    endpoint: Url,
    secret_id: String,
    secret_key: Secret,
    app_id: String,
    region: String,
    sign_name: String,
    templates: Templates,
}

/// The settings of a Tencent Cloud SMS account.
pub struct TencentAccount {
    pub endpoint: String,
    pub secret_id: String,
    pub secret_key: Secret,
    /// The SMS application's `SdkAppId`.
    pub app_id: String,
    pub region: String,
    pub sign_name: String,
    pub templates: Templates,
}

/// Whether an error code is worth trying again: limits, and the provider's own trouble.
fn again(code: &str) -> bool {
    code.starts_with("LimitExceeded")
        || code.starts_with("InternalError")
        || code == "RequestLimitExceeded"
}

impl TencentSender {
    pub fn new(account: TencentAccount, timeout: Duration) -> Result<Self, SenderError> {
        Ok(Self {
            client: super::client(timeout)?,
            endpoint: Url::parse(&account.endpoint).map_err(|_| SenderError::Endpoint)?,
            secret_id: account.secret_id,
            secret_key: account.secret_key,
            app_id: account.app_id,
            region: account.region,
            sign_name: account.sign_name,
            templates: account.templates,
        })
    }

    /// The host as the request's `Host` header carries it, which the signature covers.
    fn host(&self) -> String {
        let host = self.endpoint.host_str().unwrap_or_default();
        match self.endpoint.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    async fn post(&self, recipient: &str, message: &Pending) -> Result<Sent, SendError> {
        let template = self.templates.of(message.kind).ok_or_else(|| {
            SendError::refused(format!("no template for {}", message.kind.code()))
        })?;
        let values: Vec<String> = template
            .values(&message.params)
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        let payload = serde_json::json!({
            "PhoneNumberSet": [format!("+86{recipient}")],
            "SmsSdkAppId": self.app_id,
            "SignName": self.sign_name,
            "TemplateId": template.code,
            "TemplateParamSet": values,
            "SessionContext": format!("yst-{}", message.id),
        })
        .to_string();
        let host = self.host();
        let timestamp = chrono::Utc::now().timestamp();
        let signed = tencent_signature::Request {
            secret_id: &self.secret_id,
            secret_key: self.secret_key.expose(),
            service: "sms",
            host: &host,
            timestamp,
            payload: &payload,
        };
        let answer = self
            .client
            .post(self.endpoint.clone())
            .header(header::AUTHORIZATION, signed.authorization())
            .header(header::CONTENT_TYPE, tencent_signature::CONTENT_TYPE)
            .header(header::HOST, &host)
            .header("X-TC-Action", "SendSms")
            .header("X-TC-Version", "2021-01-11")
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Region", &self.region)
            .body(payload)
            .send()
            .await;
        let json = super::json_answer(answer).await?;
        let response = &json["Response"];
        let (code, detail, serial) = match response.get("Error") {
            Some(error) => (&error["Code"], &error["Message"], &serde_json::Value::Null),
            None => {
                let status = &response["SendStatusSet"][0];
                (&status["Code"], &status["Message"], &status["SerialNo"])
            }
        };
        let code = code.as_str().unwrap_or_default();
        if code == "Ok" {
            return Ok(Sent {
                provider_id: serial.as_str().map(str::to_owned),
            });
        }
        let reason = format!("{code}: {}", detail.as_str().unwrap_or_default());
        Err(SendError::new(reason, again(code)))
    }
}

impl Sender for TencentSender {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(self.post(recipient, message))
    }
}
