use crate::Settings;

pub const SESSION_COOKIE: &str = "yst_session";

/// The token (64 hex digits, as `random_token` makes them) a `Cookie` header holds under `name`.
pub fn token_named<'a>(cookie_header: &'a str, name: &str) -> Option<&'a str> {
    cookie_header.split(';').find_map(|c| {
        let (n, value) = c.trim().split_once('=')?;
        (n == name && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(value)
    })
}

/// The session token from a `Cookie` header, if it has the expected shape.
pub fn session_token(cookie_header: &str) -> Option<String> {
    token_named(cookie_header, SESSION_COOKIE).map(str::to_owned)
}

/// A `Set-Cookie` value for this site: HttpOnly so scripts cannot read it, SameSite=Lax so other
/// sites cannot post with it, Secure when served over HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, settings: &Settings) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

pub fn set_session(token: &str, settings: &Settings) -> String {
    set_cookie(SESSION_COOKIE, token, settings.login_hours * 3600, settings)
}

pub fn clear_session(settings: &Settings) -> String {
    set_cookie(SESSION_COOKIE, "", 0, settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_well_formed_tokens() {
        let t = "a".repeat(64);
        assert_eq!(
            session_token(&format!("x=1; {SESSION_COOKIE}={t}")),
            Some(t)
        );
        assert_eq!(session_token(&format!("{SESSION_COOKIE}=short")), None);
        assert_eq!(session_token("other=1"), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let c = set_session("t", &Settings::default());
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        let secure = Settings {
            secure_cookies: true,
            ..Settings::default()
        };
        assert!(set_session("t", &secure).ends_with("; Secure"));
    }

    proptest::proptest! {
        #[test]
        fn only_a_well_formed_token_is_read(header in "\\PC{0,120}|(yst_session=[0-9a-f]{60,68}; ?){0,2}") {
            if let Some(t) = session_token(&header) {
                proptest::prop_assert!(t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
            }
        }
    }
}
