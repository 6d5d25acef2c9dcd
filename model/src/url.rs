/// Percent-encodes a path (with its query) for use as one query value.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `target` if it is a path on this site, safe to redirect to; `None` otherwise. Browsers treat
/// `\` as `/` and drop tabs and line breaks from a URL before reading it, so `/\evil.example/`
/// and `/<TAB>/evil.example/` leave the site as `//evil.example/` does; a line break would also
/// end the `Location` header (and make its writer panic). Only a single `/` followed by visible
/// ASCII passes: the paths this site links to are percent-encoded, so nothing real is lost.
pub fn safe_local_path(target: &str) -> Option<&str> {
    let rest = target.strip_prefix('/')?;
    let clean = target.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    (clean && !rest.starts_with('/')).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_component("/p?a=1&f=t"), "/p%3Fa%3D1%26f%3Dt");
        assert_eq!(encode_component("/区"), "/%E5%8C%BA");
    }

    #[test]
    fn only_plain_paths_on_this_site_are_redirect_targets() {
        for ok in [
            "/",
            "/manage",
            "/sessions/1?f=abc#x",
            "/%2F/x",
            "/%E5%8C%BA",
        ] {
            assert_eq!(safe_local_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "manage",
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example/",
            "/\r\nSet-Cookie: x=1",
            "https://evil.example/",
            "/ /evil",
            "/区",
        ] {
            assert_eq!(safe_local_path(bad), None, "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_target_never_names_another_host(s in "\\PC{0,40}|[/\\\\\t\r\n a-z.]{0,12}") {
            if let Some(t) = safe_local_path(&s) {
                // As a browser reads it: without tabs and line breaks, `\` as `/`.
                let read: String = t
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .map(|c| if c == '\\' { '/' } else { c })
                    .collect();
                proptest::prop_assert!(read.starts_with('/') && !read.starts_with("//"));
                proptest::prop_assert!(t.bytes().all(|b| b.is_ascii_graphic()));
            }
        }
    }
}
