//! The ledger template (台账模板) to download: one sheet per kind of record with its headings, the
//! platforms the downloader may import into, and notes on every column. Filled with rows, the
//! same workbook is what tests and the benchmark upload.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{check::PlatformRef, columns};
use model::{
    domain::{Adoption, Conversion, RegistrationRole, SessionFormat, SessionKind},
    i18n::{Label, Lang},
    views::ledger::LedgerSheet,
};

/// The notes sheet's name.
const NOTES: &str = "填写说明";
/// The platforms sheet's name.
const PLATFORMS: &str = "平台清单";

/// The workbook: the four ledger sheets with `rows` under their headings (none for the
/// template), the platforms, and the notes.
pub fn workbook(
    platforms: &[PlatformRef],
    rows: &HashMap<LedgerSheet, Vec<Vec<String>>>,
) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#E8F0E8");
    let text = Format::new().set_num_format("@");
    let mut book = Workbook::new();
    for kind in LedgerSheet::ALL {
        let sheet = book.add_worksheet().set_name(kind.name())?;
        let columns = columns::columns(kind);
        for (c, heading) in columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, c, heading, &bold)?;
            // Typed as text, so a date or a number is kept as written.
            sheet.set_column_width(c, if c == 1 { 28 } else { 16 })?;
            sheet.set_column_format(c, &text)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, cells) in rows.get(&kind).into_iter().flatten().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, value) in cells.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string(r, c, value)?;
            }
        }
    }
    let sheet = book.add_worksheet().set_name(PLATFORMS)?;
    sheet.write_string_with_format(0, 0, "平台编号", &bold)?;
    sheet.write_string_with_format(0, 1, "平台名称", &bold)?;
    sheet.set_column_width(1, 36)?;
    for (r, p) in platforms.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        sheet.write_number(r, 0, p.id as f64)?;
        sheet.write_string(r, 1, &p.name)?;
    }
    let sheet = book.add_worksheet().set_name(NOTES)?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 100)?;
    for (r, (column, note)) in notes().into_iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        sheet.write_string_with_format(r, 0, column, &bold)?;
        sheet.write_string(r, 1, note)?;
    }
    book.save_to_buffer()
}

/// What each column takes.
fn notes() -> Vec<(String, String)> {
    fn labels<L: Label>(all: &[L]) -> String {
        all.iter()
            .map(|v| v.label(Lang::Zh))
            .collect::<Vec<_>>()
            .join("、")
    }
    let roles: Vec<RegistrationRole> = RegistrationRole::ALL.to_vec();
    [
        ("总说明", "每场活动在“活动台账”填一行；参会人员、意见建议、问题清单各填一行一条，用“活动编号”对应到活动。只导入已经举行的活动。同一文件重复导入不会重复计数；同一平台已导入过的活动编号会跳过。整个文件无误才会导入，有误时逐行列出问题，改好后重新上传。".to_owned()),
        (columns::NO, "必填。台账里的编号，如 2026-015；每场活动一个，文件内不能重复。".to_owned()),
        (columns::PLATFORM, "必填。平台名称或编号，照“平台清单”填写。".to_owned()),
        (columns::TITLE, "必填，64字以内。".to_owned()),
        (columns::KIND, format!("必填，可填：{}", labels(SessionKind::ALL))),
        (columns::FORMAT, format!("可不填（默认现场），可填：{}", labels(SessionFormat::ALL))),
        (columns::LOCAL_NAME, "可不填，如院坝协商、板凳会。".to_owned()),
        (columns::PLACE, "必填。".to_owned()),
        (columns::START, "必填，如 2026-03-05 14:30；只写日期按上午9:00计。".to_owned()),
        (columns::END, "可不填（按开始后2小时计），如 2026-03-05 16:30 或 16:30。".to_owned()),
        ("各类人数", "按身份填到会人数（整数）。已在“参会人员”列出姓名的活动，人数栏留空。委员请在“参会人员”按姓名列出，以便按级别统计。".to_owned()),
        (columns::NAME, "参会人员：必填。委员须与委员账号上的姓名或用户名一致。".to_owned()),
        (columns::ROLE, format!("参会人员：可不填（默认居民），可填：{}", labels(&roles))),
        (columns::MOBILE, "参会人员：可不填，11位手机号。".to_owned()),
        (columns::SUGGESTION, "意见建议：必填，每条一行。".to_owned()),
        (columns::PROPOSER, "意见建议：可不填，提出建议的委员姓名。".to_owned()),
        (columns::ADOPTION, format!("意见建议：可不填，可填：{}", labels(Adoption::ALL))),
        (columns::CONVERSION, format!("意见建议：可不填，可填：{}", labels(Conversion::ALL))),
        (columns::PROBLEM, "问题清单：必填，每个问题一行。".to_owned()),
        (columns::RESOLVED_ON, "问题清单：已解决的填解决日期，未解决的留空。".to_owned()),
        (columns::RESOLUTION, "问题清单：填了解决日期的必填，写明怎样解决的。".to_owned()),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_owned(), n))
    .collect()
}
