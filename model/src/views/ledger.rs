//! 台账导入: what the preview of an uploaded ledger shows, and the imports done.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::i18n::T;

/// The sheets of a ledger workbook, as rooms keep them: one per kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LedgerSheet {
    /// 活动台账: one row per session, with attendance counts by role.
    Sessions,
    /// 参会人员: one row per person, for sessions whose ledger names them.
    People,
    /// 意见建议: one row per suggestion.
    Suggestions,
    /// 问题清单: one row per problem, resolved or not.
    Problems,
}

impl LedgerSheet {
    pub const ALL: [LedgerSheet; 4] = [
        LedgerSheet::Sessions,
        LedgerSheet::People,
        LedgerSheet::Suggestions,
        LedgerSheet::Problems,
    ];

    /// The sheet's name in the workbook (the template's, and what a file must use).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sessions => "活动台账",
            Self::People => "参会人员",
            Self::Suggestions => "意见建议",
            Self::Problems => "问题清单",
        }
    }
}

/// One thing wrong in an uploaded ledger, where the user can find it: the sheet, the row as the
/// spreadsheet numbers it, the column's heading and what the cell held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerProblem {
    pub sheet: LedgerSheet,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub message: T,
}

/// What an import writes (or wrote).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerCounts {
    pub sessions: usize,
    pub attendance: usize,
    pub suggestions: usize,
    pub problems: usize,
    /// Sessions whose ledger number is imported already at their platform: left as they are.
    pub skipped: usize,
}

/// An uploaded ledger as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPreview {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub uploaded_at: NaiveDateTime,
    /// When it was imported (this upload or an earlier one of the same file).
    pub imported_at: Option<NaiveDateTime>,
    /// Every problem found, up to a limit; none means it can be imported.
    pub problems: Vec<LedgerProblem>,
    /// More problems than listed.
    pub more_problems: usize,
    pub counts: LedgerCounts,
    /// The sessions this upload imported (id, title, start), to go on to their minutes.
    #[serde(default)]
    pub sessions: Vec<(i64, String, NaiveDateTime)>,
}

/// One import done, for the list of past imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerImportRow {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub imported_at: NaiveDateTime,
    pub imported_by: String,
    pub counts: LedgerCounts,
}
