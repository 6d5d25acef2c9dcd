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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_component("/p?a=1&f=t"), "/p%3Fa%3D1%26f%3Dt");
        assert_eq!(encode_component("/区"), "/%E5%8C%BA");
    }
}
