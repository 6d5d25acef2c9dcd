//! The checker on workbooks written by the template and read back as an upload would be.
use std::collections::HashMap;

use chrono::NaiveDate;
use model::{domain::MemberLevel, i18n::T, views::ledger::LedgerSheet};

use super::check::{check, Context, MemberRef, PlatformRef};
use super::{cells, template};

fn context() -> Context {
    Context {
        platforms: vec![
            PlatformRef {
                id: 7,
                name: "东湖社区议事室".into(),
                area_path: "/1/2/3/".into(),
            },
            PlatformRef {
                id: 8,
                name: "同名议事室".into(),
                area_path: "/1/2/4/".into(),
            },
            PlatformRef {
                id: 9,
                name: "同名议事室".into(),
                area_path: "/1/2/5/".into(),
            },
        ],
        members: vec![MemberRef {
            id: 50,
            name: "周秀兰".into(),
            username: "zhouxl".into(),
            level: MemberLevel::City,
        }],
        closed: vec![("/1/".into(), 2024)],
        imported: [(7, "OLD-1".to_owned())].into_iter().collect(),
        now: NaiveDate::from_ymd_opt(2026, 6, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    }
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

fn book(rows: HashMap<LedgerSheet, Vec<Vec<String>>>) -> cells::Workbook {
    let bytes = template::workbook(&[], &rows).unwrap();
    cells::read(&bytes).unwrap()
}

#[test]
fn a_clean_ledger_becomes_sessions_with_people_suggestions_and_problems() {
    let rows = HashMap::from([
        (
            LedgerSheet::Sessions,
            vec![
                row(&[
                    "A1",
                    "东湖社区议事室",
                    "加装电梯协商",
                    "民生议事",
                    "",
                    "院坝协商",
                    "三组院坝",
                    "2026/3/5 14:30",
                    "16:30",
                    "12",
                    "2",
                ]),
                row(&[
                    "A2",
                    "7",
                    "政策宣讲",
                    "policy_briefing",
                    "现场",
                    "",
                    "活动室",
                    "2026-04-01",
                    "",
                ]),
                row(&[
                    "OLD-1",
                    "东湖社区议事室",
                    "已导入的",
                    "民生议事",
                    "",
                    "",
                    "活动室",
                    "2026-01-01",
                    "",
                ]),
            ],
        ),
        (
            LedgerSheet::People,
            vec![
                row(&["A2", "周秀兰", "委员", ""]),
                row(&["A2", "王芳", "", "13800138000"]),
                row(&["OLD-1", "张三", "", ""]),
            ],
        ),
        (
            LedgerSheet::Suggestions,
            vec![row(&[
                "A1",
                "增设电梯",
                "周秀兰",
                "区住建局",
                "部分采纳",
                "民生实事项目",
            ])],
        ),
        (
            LedgerSheet::Problems,
            vec![row(&[
                "A1",
                "电梯加装费用分摊",
                "2026-05-01",
                "召开业主会议达成分摊方案",
            ])],
        ),
    ]);
    let checked = check(&book(rows), &context());
    assert!(checked.is_clean(), "{:?}", checked.problems);
    assert_eq!(checked.counts.sessions, 2);
    assert_eq!(checked.counts.skipped, 1);
    assert_eq!(checked.counts.attendance, 14 + 2);
    assert_eq!(checked.counts.suggestions, 1);
    assert_eq!(checked.counts.problems, 1);
    let a1 = &checked.sessions[0];
    assert_eq!(a1.fields.time.start().to_string(), "2026-03-05 14:30:00");
    assert_eq!(a1.fields.time.end().to_string(), "2026-03-05 16:30:00");
    assert_eq!(a1.fields.seats.get(), 14);
    let a2 = &checked.sessions[1];
    assert_eq!(a2.fields.time.start().to_string(), "2026-04-01 09:00:00");
    assert_eq!(a2.people[0].member, Some((50, MemberLevel::City)));
}

#[test]
fn every_problem_is_named_by_sheet_row_and_column() {
    let rows = HashMap::from([
        (
            LedgerSheet::Sessions,
            vec![
                row(&[
                    "B1",
                    "同名议事室",
                    "",
                    "茶话会",
                    "",
                    "",
                    "活动室",
                    "2026-13-01",
                    "",
                ]),
                row(&[
                    "B2",
                    "不存在的平台",
                    "标题",
                    "民生议事",
                    "",
                    "",
                    "活动室",
                    "2027-01-01",
                    "",
                    "x",
                ]),
                row(&[
                    "B2",
                    "东湖社区议事室",
                    "标题",
                    "民生议事",
                    "",
                    "",
                    "活动室",
                    "2024-05-01",
                    "",
                ]),
            ],
        ),
        (LedgerSheet::People, vec![row(&["B9", "李四", "", ""])]),
        (
            LedgerSheet::Problems,
            vec![row(&["B1", "问题", "2026-01-01", ""])],
        ),
    ]);
    let checked = check(&book(rows), &context());
    let seen: Vec<(LedgerSheet, u32, &str, T)> = checked
        .problems
        .iter()
        .map(|p| (p.sheet, p.row, p.column.as_str(), p.message))
        .collect();
    for want in [
        (
            LedgerSheet::Sessions,
            2,
            "议事平台",
            T::LedgerAmbiguousPlatform,
        ),
        (LedgerSheet::Sessions, 2, "活动名称", T::Required),
        (LedgerSheet::Sessions, 2, "活动类型", T::LedgerUnknownChoice),
        (LedgerSheet::Sessions, 2, "开始时间", T::LedgerNotATime),
        (
            LedgerSheet::Sessions,
            3,
            "议事平台",
            T::LedgerUnknownPlatform,
        ),
        (LedgerSheet::Sessions, 3, "开始时间", T::LedgerInFuture),
        (LedgerSheet::Sessions, 3, "居民人数", T::LedgerNotACount),
        (LedgerSheet::Sessions, 4, "活动编号", T::LedgerDuplicateNo),
        (LedgerSheet::People, 2, "活动编号", T::LedgerUnknownNo),
        (
            LedgerSheet::Problems,
            2,
            "解决情况",
            T::LedgerResolutionRequired,
        ),
    ] {
        assert!(seen.contains(&want), "{want:?} not in {seen:?}");
    }
    assert!(checked.sessions.is_empty());
}

#[test]
fn a_closed_year_is_refused() {
    let rows = HashMap::from([(
        LedgerSheet::Sessions,
        vec![row(&[
            "C1",
            "东湖社区议事室",
            "标题",
            "民生议事",
            "",
            "",
            "活动室",
            "2024-05-01",
            "",
        ])],
    )]);
    let checked = check(&book(rows), &context());
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    assert_eq!(checked.problems[0].message, T::YearClosed);
}
