//! An uploaded ledger's cells as text: an XLSX workbook, read cell by cell (so a sheet claiming a
//! million rows is refused before it is held), or a CSV holding the 活动台账 sheet alone, in
//! UTF-8 or in the GB18030 that Excel on Chinese Windows saves.

use std::collections::{BTreeMap, HashMap};

use calamine::{DataRef, DataType, Reader, Xlsx};
use model::views::ledger::LedgerSheet;

/// The largest file taken: a 5,000-row ledger is a few hundred kilobytes.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// The most rows a sheet may have below its headings.
pub const MAX_ROWS: u32 = 20_000;
/// Columns beyond these are not read: the template has fewer.
const MAX_COLUMNS: u32 = 40;
/// A cell's text beyond this is cut (and then refused by the column's own limit).
const MAX_CELL_CHARS: usize = 4_000;

/// One sheet: its headings, and its rows by the number the spreadsheet shows.
#[derive(Debug, Default)]
pub struct Sheet {
    pub headings: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

impl Sheet {
    pub fn column(&self, heading: &str) -> Option<usize> {
        self.headings.iter().position(|h| h == heading)
    }
}

#[derive(Debug, Default)]
pub struct Workbook {
    pub sheets: HashMap<LedgerSheet, Sheet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    /// Neither a workbook nor text.
    Unreadable,
    TooLarge,
    TooManyRows(LedgerSheet),
}

/// Reads the file; which kind it is comes from its bytes, not its name.
pub fn read(bytes: &[u8]) -> Result<Workbook, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| ReadError::Unreadable)?;
    let names = book.sheet_names();
    let mut sheets = HashMap::new();
    for kind in LedgerSheet::ALL {
        // A workbook of one sheet under another name is the 活动台账.
        let name = match names.iter().find(|n| n.trim() == kind.name()) {
            Some(n) => n.clone(),
            None if kind == LedgerSheet::Sessions && names.len() == 1 => names[0].clone(),
            None => continue,
        };
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|_| ReadError::Unreadable)?;
        let mut grid: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        while let Some(cell) = cells.next_cell().map_err(|_| ReadError::Unreadable)? {
            let (row, col) = cell.get_position();
            if col >= MAX_COLUMNS {
                continue;
            }
            if row > MAX_ROWS {
                return Err(ReadError::TooManyRows(kind));
            }
            let text = text_of(cell.get_value());
            if text.is_empty() {
                continue;
            }
            let line = grid.entry(row).or_default();
            if line.len() <= col as usize {
                line.resize(col as usize + 1, String::new());
            }
            line[col as usize] = text;
        }
        sheets.insert(kind, sheet_of(grid));
    }
    Ok(Workbook { sheets })
}

fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(ReadError::Unreadable);
            }
            decoded
        }
    };
    if text.contains('\0') {
        return Err(ReadError::Unreadable);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = BTreeMap::new();
    // The line each row starts on, counted here: the csv reader skips blank lines, and the
    // position it gives for a row is where it began reading, before the line ends it skipped.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 0u32);
    for record in reader.records() {
        let record = record.map_err(|_| ReadError::Unreadable)?;
        let mut start = record
            .position()
            .map_or(counted_to, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(counted_to, bytes.len());
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        let newlines = bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        counted_to = start;
        let row = line;
        if row > MAX_ROWS {
            return Err(ReadError::TooManyRows(LedgerSheet::Sessions));
        }
        let line: Vec<String> = record
            .iter()
            .take(MAX_COLUMNS as usize)
            .map(|c| cut(c.trim()))
            .collect();
        grid.insert(row, line);
    }
    let mut sheets = HashMap::new();
    sheets.insert(LedgerSheet::Sessions, sheet_of(grid));
    Ok(Workbook { sheets })
}

/// The first non-empty row is the headings; rows with nothing in them are dropped.
fn sheet_of(grid: BTreeMap<u32, Vec<String>>) -> Sheet {
    let mut rows = grid
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((_, headings)) = rows.next() else {
        return Sheet::default();
    };
    Sheet {
        headings: headings
            .into_iter()
            .map(|h| h.trim().trim_end_matches('*').trim().to_owned())
            .collect(),
        rows: rows.map(|(row, cells)| (row + 1, cells)).collect(),
    }
}

/// A cell as the ledger's reader would type it: numbers without a trailing `.0`, dates as
/// `2026-03-05 14:30` (a date alone, at midnight, as `2026-03-05`).
fn text_of(value: &DataRef<'_>) -> String {
    let text = match value {
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(_) => match value.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => String::new(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.trim().to_owned(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    };
    cut(&text)
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_in_gb18030_reads_as_chinese() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("活动编号,议事平台\nA1,东湖社区议事室\n");
        let book = read(&bytes).unwrap();
        let sheet = &book.sheets[&LedgerSheet::Sessions];
        assert_eq!(sheet.headings, ["活动编号", "议事平台"]);
        assert_eq!(
            sheet.rows,
            [(2, vec!["A1".to_owned(), "东湖社区议事室".to_owned()])]
        );
    }

    #[test]
    fn blank_rows_are_dropped_and_rows_keep_their_numbers() {
        let book = read("\u{feff}编号*\n\n,\nB7\n".as_bytes()).unwrap();
        let sheet = &book.sheets[&LedgerSheet::Sessions];
        assert_eq!(sheet.headings, ["编号"]);
        assert_eq!(sheet.rows, [(4, vec!["B7".to_owned()])]);
    }

    #[test]
    fn windows_line_ends_keep_the_row_numbers() {
        let book = read("编号\r\n\r\nA1\r\n\"两\r\n行\"\r\nA3\r\n".as_bytes()).unwrap();
        let rows: Vec<u32> = book.sheets[&LedgerSheet::Sessions]
            .rows
            .iter()
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(rows, [3, 4, 6]);
    }

    #[test]
    fn a_binary_file_or_a_broken_workbook_is_unreadable() {
        assert_eq!(
            read(b"\x00\x01\xff\xfe").unwrap_err(),
            ReadError::Unreadable
        );
        assert_eq!(
            read(b"PK\x03\x04 not a zip").unwrap_err(),
            ReadError::Unreadable
        );
    }
}
