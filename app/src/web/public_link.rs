//! Addresses printed on posters, which must reach the site from outside.

/// The address a printed QR code points at: the configured public address of the site, or else
/// the host this request came to.
pub fn public_link(path: &str) -> String {
    let configured = super::state()
        .ok()
        .and_then(|s| s.settings.public_url.clone());
    let base = configured.unwrap_or_else(|| {
        let host = super::request::header_value(http::header::HOST)
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
            })
            .unwrap_or_else(|| "localhost".to_owned());
        format!("http://{host}")
    });
    format!("{}{path}", base.trim_end_matches('/'))
}
