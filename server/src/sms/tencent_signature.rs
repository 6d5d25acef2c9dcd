//! Tencent Cloud's TC3-HMAC-SHA256 signature, as SMS `SendSms` (version 2021-01-11) takes it: a
//! canonical request of the JSON body, signed with a key derived from the secret, the day (UTC)
//! and the service.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The content type signed and sent: the signature covers it, so the two must match exactly.
pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// One request to sign.
pub struct Request<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    /// The product, as in its host name: `sms` for `sms.tencentcloudapi.com`.
    pub service: &'a str,
    pub host: &'a str,
    /// Unix seconds, sent as `X-TC-Timestamp`.
    pub timestamp: i64,
    pub payload: &'a str,
}

fn sha256_hex(data: &str) -> String {
    hex::encode(Sha256::digest(data.as_bytes()))
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl Request<'_> {
    /// The day of the timestamp in UTC, which the credential scope names.
    fn date(&self) -> String {
        chrono::DateTime::from_timestamp(self.timestamp, 0)
            .unwrap_or_default()
            .format("%Y-%m-%d")
            .to_string()
    }

    pub fn canonical_request(&self) -> String {
        format!(
            "POST\n/\n\ncontent-type:{CONTENT_TYPE}\nhost:{}\n\ncontent-type;host\n{}",
            self.host,
            sha256_hex(self.payload)
        )
    }

    pub fn string_to_sign(&self) -> String {
        format!(
            "TC3-HMAC-SHA256\n{}\n{}/{}/tc3_request\n{}",
            self.timestamp,
            self.date(),
            self.service,
            sha256_hex(&self.canonical_request())
        )
    }

    pub fn signature(&self) -> String {
        let date = hmac(format!("TC3{}", self.secret_key).as_bytes(), &self.date());
        let service = hmac(&date, self.service);
        let signing = hmac(&service, "tc3_request");
        hex::encode(hmac(&signing, &self.string_to_sign()))
    }

    /// The `Authorization` header.
    pub fn authorization(&self) -> String {
        format!(
            "TC3-HMAC-SHA256 Credential={}/{}/{}/tc3_request, SignedHeaders=content-type;host, Signature={}",
            self.secret_id,
            self.date(),
            self.service,
            self.signature()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of Tencent Cloud's "signature method v3" documentation (CVM
    /// DescribeInstances in Guangzhou).
    const DOCUMENTED: Request<'static> = Request {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service: "cvm",
        host: "cvm.tencentcloudapi.com",
        timestamp: 1551113065,
        payload: r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
    };

    #[test]
    fn the_documented_example_signs_as_documented() {
        assert_eq!(
            DOCUMENTED.canonical_request(),
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
             content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            DOCUMENTED.string_to_sign(),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            DOCUMENTED.authorization(),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }
}
