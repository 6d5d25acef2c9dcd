//! 长辈模式: the text size a reader chose, kept in a cookie so it works without JavaScript and
//! on every page, following the MIIT rules for web pages made for older people (main text of
//! 18 px and more, up to 30 px; tap targets of 60 px).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    #[default]
    Standard,
    /// 长辈模式: 22 px text, 60 px tap targets.
    Large,
    /// 长辈模式, larger still: 30 px text.
    Larger,
}

impl TextSize {
    pub const COOKIE: &'static str = "yst_text";

    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Large => "large",
            Self::Larger => "larger",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Standard, Self::Large, Self::Larger]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// The class of `<html>` the stylesheet sizes the page by; none for the standard size.
    pub fn class(self) -> Option<&'static str> {
        match self {
            Self::Standard => None,
            Self::Large => Some("text-large"),
            Self::Larger => Some("text-larger"),
        }
    }

    /// The size chosen in the request's cookies, else the standard one.
    pub fn from_cookies(cookie_header: Option<&str>) -> Self {
        cookie_header
            .and_then(|cookies| {
                cookies.split(';').find_map(|c| {
                    let (name, value) = c.trim().split_once('=')?;
                    (name == Self::COOKIE)
                        .then(|| Self::from_code(value))
                        .flatten()
                })
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_names_the_size_and_anything_else_is_standard() {
        assert_eq!(
            TextSize::from_cookies(Some("lang=zh; yst_text=large")),
            TextSize::Large
        );
        assert_eq!(
            TextSize::from_cookies(Some("yst_text=larger")),
            TextSize::Larger
        );
        assert_eq!(
            TextSize::from_cookies(Some("yst_text=huge")),
            TextSize::Standard
        );
        assert_eq!(TextSize::from_cookies(None), TextSize::Standard);
        for size in [TextSize::Standard, TextSize::Large, TextSize::Larger] {
            assert_eq!(TextSize::from_code(size.code()), Some(size));
        }
    }
}
