//! Every CSV this site writes goes through here. A cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return is read by Excel and WPS as a formula, so a resident's name such as
//! `=HYPERLINK(…)` would run in the staff's spreadsheet: such a cell gets a leading `'`, as
//! OWASP recommends, which spreadsheets show as text and do not display. Plain numbers (`-3`,
//! `12.5`) are left as numbers. The file starts with a UTF-8 byte-order mark so Excel reads
//! Chinese.

/// A cell made safe for spreadsheets.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_plain_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && parts.next().is_none_or(all_digits)
}

/// A CSV being written into memory.
pub struct CsvOut(csv::Writer<Vec<u8>>);

impl CsvOut {
    /// A file (with the byte-order mark), or a later chunk of one (`bom: false`).
    pub fn new(bom: bool) -> Self {
        let start = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        Self(csv::Writer::from_writer(start))
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0.write_record(
            cells
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        )
    }

    pub fn into_bytes(self) -> Result<Vec<u8>, String> {
        self.0.into_inner().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_numbers_kept() {
        for risky in [
            "=1+1",
            "+86",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["王秀英", "-3", "12.5", "-0.25", "", "a=b", "1-2"] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn a_file_has_the_mark_and_every_cell_is_checked() {
        let mut out = CsvOut::new(true);
        out.row(["=cmd|' /C calc'!A0", "张三", "-5"]).unwrap();
        let bytes = out.into_bytes().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}'=cmd|' /C calc'!A0,张三,-5\n");
    }

    proptest::proptest! {
        #[test]
        fn no_cell_starts_a_formula(cell in "\\PC{0,20}|[=+@\\-\t\r][\\PC]{0,10}") {
            let safe = neutralise(&cell);
            let first = safe.chars().next();
            proptest::prop_assert!(
                !matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                    && (first != Some('-') || is_plain_number(&safe))
            );
        }
    }
}
