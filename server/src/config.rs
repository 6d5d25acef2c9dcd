use std::{env, net::SocketAddr, num::NonZeroU32, time::Duration};

use app::web::limits::{Rate, Rates};

use crate::sms::{Secret, SmsConfig};
use leptos::config::LeptosOptions;

/// Settings read from the environment, each with a default that works on a developer's machine.
#[derive(Debug, Clone)]
pub struct Config {
    /// `YST_DATABASE`: the SQLite file.
    pub database: String,
    /// `YST_ADDR` (or `LEPTOS_SITE_ADDR`, as cargo-leptos sets it): where to listen.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (wasm, JS, CSS, assets).
    pub site_root: String,
    /// `YST_SECURE_COOKIES=1` behind HTTPS.
    pub secure_cookies: bool,
    /// `YST_READERS`: read connections to the database.
    pub readers: u32,
    /// `YST_PUBLIC_URL`: the site's address for printed QR codes (`https://…`).
    pub public_url: Option<String>,
    /// `YST_RETENTION_DAYS`: days after a session before residents' numbers are erased (default 180).
    pub retention_days: i64,
    /// `YST_UPLOADS`: the folder for uploaded photos and files (default `data/uploads`).
    pub uploads_dir: String,
    /// `YST_BEHIND_PROXY=1` when a reverse proxy appends the client's address to
    /// `X-Forwarded-For`.
    pub behind_proxy: bool,
    /// `YST_SIGNUPS_PER_ADDRESS_PER_MINUTE` and `YST_SIGNINS_PER_ADDRESS_PER_MINUTE`: what one
    /// network address may do in a burst, refilled over a minute (defaults 120 and 20; a load
    /// test, whose every client shares one address, raises them).
    pub rates: Rates,
    /// `YST_UPLOAD_QUOTA_MB`: the most all uploaded photos and files may take together.
    pub upload_quota_mb: u64,
    /// `YST_SMS` and its settings: which channel delivers text messages.
    pub sms: SmsConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not a valid address: {value}")]
    Addr { name: &'static str, value: String },
    #[error("YST_SMS must be log, webhook, aliyun or tencent, not {0}")]
    SmsChannel(String),
    #[error(transparent)]
    SmsTemplates(#[from] crate::sms::TemplatesError),
    #[error("YST_SMS={channel} needs {name}")]
    SmsSetting {
        channel: &'static str,
        name: &'static str,
    },
}

/// `YST_SMS` and the settings of the channel it names.
fn sms_from_env() -> Result<SmsConfig, ConfigError> {
    let setting = |channel, name| {
        env::var(name)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .ok_or(ConfigError::SmsSetting { channel, name })
    };
    let timeout = Duration::from_secs(
        env::var("YST_SMS_TIMEOUT_SECONDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|s| *s >= 1)
            .unwrap_or(10),
    );
    match env::var("YST_SMS").unwrap_or_default().trim() {
        "" | "log" => Ok(SmsConfig::Log),
        "webhook" => Ok(SmsConfig::Webhook {
            url: setting("webhook", "YST_SMS_WEBHOOK_URL")?,
            secret: Secret::new(setting("webhook", "YST_SMS_WEBHOOK_SECRET")?),
            timeout,
        }),
        "aliyun" => Ok(SmsConfig::Aliyun {
            endpoint: env::var("YST_ALIYUN_ENDPOINT")
                .unwrap_or_else(|_| crate::sms::ALIYUN_ENDPOINT.to_owned()),
            access_key_id: setting("aliyun", "YST_ALIYUN_ACCESS_KEY_ID")?,
            access_key_secret: Secret::new(setting("aliyun", "YST_ALIYUN_ACCESS_KEY_SECRET")?),
            sign_name: setting("aliyun", "YST_SMS_SIGN_NAME")?,
            templates: crate::sms::Templates::parse(&setting("aliyun", "YST_SMS_TEMPLATES")?)?,
            timeout,
        }),
        "tencent" => Ok(SmsConfig::Tencent {
            endpoint: env::var("YST_TENCENT_ENDPOINT")
                .unwrap_or_else(|_| crate::sms::TENCENT_ENDPOINT.to_owned()),
            secret_id: setting("tencent", "YST_TENCENT_SECRET_ID")?,
            secret_key: Secret::new(setting("tencent", "YST_TENCENT_SECRET_KEY")?),
            app_id: setting("tencent", "YST_TENCENT_SMS_APP_ID")?,
            region: env::var("YST_TENCENT_REGION").unwrap_or_else(|_| "ap-guangzhou".to_owned()),
            sign_name: setting("tencent", "YST_SMS_SIGN_NAME")?,
            templates: crate::sms::Templates::parse(&setting("tencent", "YST_SMS_TEMPLATES")?)?,
            timeout,
        }),
        other => Err(ConfigError::SmsChannel(other.to_owned())),
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let addr_var = env::var("YST_ADDR")
            .map(|v| ("YST_ADDR", v))
            .or_else(|_| env::var("LEPTOS_SITE_ADDR").map(|v| ("LEPTOS_SITE_ADDR", v)));
        let addr = match addr_var {
            Ok((name, value)) => value
                .parse()
                .map_err(|_| ConfigError::Addr { name, value })?,
            Err(_) => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let defaults = Rates::default();
        Ok(Self {
            sms: sms_from_env()?,
            database: env::var("YST_DATABASE").unwrap_or_else(|_| "data/yishitong.db".into()),
            addr,
            site_root: env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()),
            secure_cookies: env::var("YST_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            // More readers than cores adds memory (a page cache each), not speed: reads here
            // are CPU work on pages the OS already caches.
            readers: env::var("YST_READERS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(4),
            public_url: env::var("YST_PUBLIC_URL")
                .ok()
                .filter(|v| !v.trim().is_empty()),
            retention_days: env::var("YST_RETENTION_DAYS")
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|d| *d >= 1)
                .unwrap_or(180),
            uploads_dir: env::var("YST_UPLOADS").unwrap_or_else(|_| "data/uploads".into()),
            behind_proxy: env::var("YST_BEHIND_PROXY").is_ok_and(|v| v == "1"),
            upload_quota_mb: env::var("YST_UPLOAD_QUOTA_MB")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_UPLOAD_QUOTA_MB),
            rates: Rates {
                sign_ups_per_address: per_minute("YST_SIGNUPS_PER_ADDRESS_PER_MINUTE")
                    .unwrap_or(defaults.sign_ups_per_address),
                sign_ins_per_address: per_minute("YST_SIGNINS_PER_ADDRESS_PER_MINUTE")
                    .unwrap_or(defaults.sign_ins_per_address),
                sign_ups_per_address_session: per_session("YST_SIGNUPS_PER_ADDRESS_PER_SESSION")
                    .unwrap_or(defaults.sign_ups_per_address_session),
                refusals_per_address: per_minute("YST_REFUSALS_PER_ADDRESS_PER_MINUTE")
                    .unwrap_or(defaults.refusals_per_address),
                code_misses_per_address: per_hour("YST_CODE_MISSES_PER_ADDRESS_PER_HOUR")
                    .unwrap_or(defaults.code_misses_per_address),
                proposals_per_address: per_hour("YST_PROPOSALS_PER_ADDRESS_PER_HOUR")
                    .unwrap_or(defaults.proposals_per_address),
                lookups_per_address: per_hour("YST_LOOKUPS_PER_ADDRESS_PER_HOUR")
                    .unwrap_or(defaults.lookups_per_address),
                ..defaults
            },
        })
    }

    /// Everything in one folder (database, uploads, site), on a free port of this machine, with
    /// the default settings: for tools and tests that run a server of their own.
    pub fn in_folder(dir: &std::path::Path) -> Self {
        Self {
            database: dir.join("yishitong.db").display().to_string(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: dir.display().to_string(),
            secure_cookies: false,
            readers: 4,
            public_url: None,
            retention_days: 180,
            uploads_dir: dir.join("uploads").display().to_string(),
            behind_proxy: false,
            upload_quota_mb: DEFAULT_UPLOAD_QUOTA_MB,
            rates: Rates::default(),
            sms: SmsConfig::Log,
        }
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("yishitong")
            .site_root(self.site_root.clone())
            .site_pkg_dir("pkg")
            // Hashed asset names when the build wrote its hash file next to this binary (Leptos
            // looks for it there, and fails a page if told to hash without one).
            .hash_files(hash_file_beside_binary())
            .site_addr(self.addr)
            .build()
    }
}

/// 20 GB: years of a city's minutes photos, and a bound on what anonymous uploads can fill.
const DEFAULT_UPLOAD_QUOTA_MB: u64 = 20 * 1024;

/// A burst of N refilled over a minute, from a variable holding a positive N.
fn per_minute(name: &str) -> Option<Rate> {
    let burst = env::var(name).ok()?.parse::<u32>().ok()?;
    let burst = NonZeroU32::new(burst)?;
    Some(Rate::new(burst, Duration::from_secs(60) / burst.get()))
}

/// A burst of N sign-ups for one session, one more every five minutes after it.
fn per_session(name: &str) -> Option<Rate> {
    let burst = NonZeroU32::new(env::var(name).ok()?.parse::<u32>().ok()?)?;
    Some(Rate::new(burst, Duration::from_secs(5 * 60)))
}

/// A burst of N refilled over an hour, from a variable holding a positive N.
fn per_hour(name: &str) -> Option<Rate> {
    let burst = NonZeroU32::new(env::var(name).ok()?.parse::<u32>().ok()?)?;
    Some(Rate::new(burst, Duration::from_secs(3600) / burst.get()))
}

/// Whether `cargo leptos build` (with `hash-files`) left `hash.txt` next to the running binary.
fn hash_file_beside_binary() -> bool {
    env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.is_file())
}
