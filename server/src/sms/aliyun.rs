//! Aliyun SMS (Dysmsapi `SendSms`, version 2017-05-25): an approved template under an approved
//! signature name, its values as a JSON object, the request signed by the RPC signature
//! (`aliyun_signature`). The answer's `Code` decides: `OK` delivers (its `BizId` kept), throttling
//! and the provider's own errors are tried again, anything else refuses the message for good.

use std::{collections::BTreeMap, time::Duration};

use reqwest::Client;

use super::{aliyun_signature, templates::Templates, Secret};
use crate::messages::{SendError, Sender, Sending, Sent};
use store::repo::outbox::Pending;

/// Where `SendSms` is sent unless configured otherwise.
pub const ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

/// The answers worth trying again: throttled, or the provider's own trouble.
const AGAIN: &[&str] = &[
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling",
    "Throttling.User",
    "isp.SYSTEM_ERROR",
    "ServiceUnavailable",
];

pub struct AliyunSender {
    pub(super) client: Client,
    pub(super) endpoint: String,
    pub(super) access_key_id: String,
    pub(super) access_key_secret: Secret,
    pub(super) sign_name: String,
    pub(super) templates: Templates,
}

impl AliyunSender {
    pub fn new(
        endpoint: String,
        access_key_id: String,
        access_key_secret: Secret,
        sign_name: String,
        templates: Templates,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        Ok(Self {
            client: super::client(timeout)?,
            endpoint,
            access_key_id,
            access_key_secret,
            sign_name,
            templates,
        })
    }

    async fn post(&self, recipient: &str, message: &Pending) -> Result<Sent, SendError> {
        let template = self.templates.of(message.kind).ok_or_else(|| {
            SendError::refused(format!("no template for {}", message.kind.code()))
        })?;
        let values: serde_json::Map<String, serde_json::Value> = template
            .values(&message.params)
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        let mut params: BTreeMap<String, String> = [
            ("AccessKeyId", self.access_key_id.clone()),
            ("Action", "SendSms".to_owned()),
            ("Format", "JSON".to_owned()),
            ("OutId", format!("yst-{}", message.id)),
            ("PhoneNumbers", recipient.to_owned()),
            ("RegionId", "cn-hangzhou".to_owned()),
            ("SignName", self.sign_name.clone()),
            ("SignatureMethod", "HMAC-SHA1".to_owned()),
            ("SignatureNonce", format!("{:016x}", rand::random::<u64>())),
            ("SignatureVersion", "1.0".to_owned()),
            ("TemplateCode", template.code.clone()),
            (
                "TemplateParam",
                serde_json::Value::Object(values).to_string(),
            ),
            (
                "Timestamp",
                chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ),
            ("Version", "2017-05-25".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let signature =
            aliyun_signature::signature("POST", &params, self.access_key_secret.expose());
        params.insert("Signature".to_owned(), signature);
        let answer = self.client.post(&self.endpoint).form(&params).send().await;
        let json = super::json_answer(answer).await?;
        let field = |name: &str| json.get(name).and_then(|v| v.as_str()).unwrap_or_default();
        match field("Code") {
            "OK" => Ok(Sent {
                provider_id: Some(field("BizId").to_owned()).filter(|id| !id.is_empty()),
            }),
            code => {
                let reason = format!("{code}: {}", field("Message"));
                Err(SendError::new(reason, AGAIN.contains(&code)))
            }
        }
    }
}

impl Sender for AliyunSender {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(self.post(recipient, message))
    }
}
