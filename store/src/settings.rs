//! How this deployment is set up, read once at start.

/// Deployment settings the handlers and storage need.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// How long a staff login lasts.
    pub login_hours: i64,
    /// The site's address as residents reach it (`https://…`), for printed QR codes; without it
    /// the address the request came to is used.
    pub public_url: Option<String>,
    /// Days after a session ends before residents' mobile numbers are erased.
    pub retention_days: i64,
    /// Where uploaded photos and files are kept.
    pub uploads_dir: std::path::PathBuf,
    /// Requests arrive through a reverse proxy that appends the client's address to
    /// `X-Forwarded-For`; without one, that header is anyone's to forge and is ignored.
    pub behind_proxy: bool,
    /// The most all uploads together may take, in bytes (`YST_UPLOAD_QUOTA_MB`).
    pub upload_quota_bytes: u64,
    /// A real channel (`YST_SMS` other than `log`) delivers text messages: residents are told
    /// whether theirs went out; with the log alone, nothing is sent and nothing is claimed.
    pub sms_channel: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            login_hours: 12,
            public_url: None,
            retention_days: 180,
            uploads_dir: std::path::PathBuf::from("data/uploads"),
            behind_proxy: false,
            upload_quota_bytes: 20 * 1024 * 1024 * 1024,
            sms_channel: false,
        }
    }
}
