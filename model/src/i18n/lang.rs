use serde::{Deserialize, Serialize};

/// The language a page is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const COOKIE: &'static str = "lang";

    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "zh" => Some(Self::Zh),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Zh => Self::En,
            Self::En => Self::Zh,
        }
    }

    /// Picks the language from the `lang` cookie, else from the browser's first preference;
    /// Chinese unless the person has asked for English.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Self {
        let from_cookie = cookie_header.and_then(|cookies| {
            cookies.split(';').find_map(|c| {
                let (name, value) = c.trim().split_once('=')?;
                (name == Self::COOKIE)
                    .then(|| Self::from_code(value))
                    .flatten()
            })
        });
        from_cookie.unwrap_or_else(|| {
            let first = accept_language
                .and_then(|a| a.split(',').next())
                .map(|s| s.trim().to_ascii_lowercase())
                .unwrap_or_default();
            if first.starts_with("en") {
                Self::En
            } else {
                Self::Zh
            }
        })
    }
}

/// The language of the page being rendered (provided once per request by the shell).
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_then_first_browser_preference_then_chinese() {
        assert_eq!(
            Lang::negotiate(Some("a=1; lang=en"), Some("zh-CN")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(Some("lang=xx"), Some("en-US,en")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("zh-CN,zh;q=0.9,en;q=0.8")),
            Lang::Zh
        );
        assert_eq!(Lang::negotiate(None, Some("en-GB,zh;q=0.5")), Lang::En);
        assert_eq!(Lang::negotiate(None, None), Lang::Zh);
    }

    proptest::proptest! {
        #[test]
        fn any_headers_pick_a_language(cookie in "\\PC{0,40}", accept in "\\PC{0,40}") {
            let _ = Lang::negotiate(Some(&cookie), Some(&accept));
        }
    }
}
