//! The ledger's columns: the headings a file must use (the template writes them), per sheet.

use model::{
    domain::RegistrationRole,
    i18n::{Label, Lang},
    views::ledger::LedgerSheet,
};

pub const NO: &str = "活动编号";
pub const PLATFORM: &str = "议事平台";
pub const TITLE: &str = "活动名称";
pub const KIND: &str = "活动类型";
pub const FORMAT: &str = "形式";
pub const LOCAL_NAME: &str = "本地叫法";
pub const PLACE: &str = "地点";
pub const START: &str = "开始时间";
pub const END: &str = "结束时间";
pub const NAME: &str = "姓名";
pub const ROLE: &str = "身份";
pub const MOBILE: &str = "手机号";
pub const SUGGESTION: &str = "意见建议";
pub const PROPOSER: &str = "提出委员";
pub const DEPARTMENT: &str = "牵头部门";
pub const ADOPTION: &str = "采纳情况";
pub const CONVERSION: &str = "成果转化";
pub const PROBLEM: &str = "问题";
pub const RESOLVED_ON: &str = "解决日期";
pub const RESOLUTION: &str = "解决情况";

/// The roles counted in the 活动台账 sheet, each with its column: members are named, in the
/// 参会人员 sheet, since they count by their level.
pub fn count_columns() -> Vec<(RegistrationRole, String)> {
    RegistrationRole::ALL
        .iter()
        .filter(|r| **r != RegistrationRole::Member)
        .map(|r| (*r, format!("{}人数", r.label(Lang::Zh))))
        .collect()
}

/// The columns of each sheet, in the template's order; the required ones first.
pub fn columns(sheet: LedgerSheet) -> Vec<String> {
    let fixed: &[&str] = match sheet {
        LedgerSheet::Sessions => &[
            NO, PLATFORM, TITLE, KIND, FORMAT, LOCAL_NAME, PLACE, START, END,
        ],
        LedgerSheet::People => &[NO, NAME, ROLE, MOBILE],
        LedgerSheet::Suggestions => &[NO, SUGGESTION, PROPOSER, DEPARTMENT, ADOPTION, CONVERSION],
        LedgerSheet::Problems => &[NO, PROBLEM, RESOLVED_ON, RESOLUTION],
    };
    let mut all: Vec<String> = fixed.iter().map(|c| (*c).to_owned()).collect();
    if sheet == LedgerSheet::Sessions {
        all.extend(count_columns().into_iter().map(|(_, c)| c));
    }
    all
}

/// The columns a sheet must have.
pub(super) fn required(sheet: LedgerSheet) -> &'static [&'static str] {
    match sheet {
        LedgerSheet::Sessions => &[NO, PLATFORM, TITLE, KIND, PLACE, START],
        LedgerSheet::People => &[NO, NAME],
        LedgerSheet::Suggestions => &[NO, SUGGESTION],
        LedgerSheet::Problems => &[NO, PROBLEM],
    }
}
