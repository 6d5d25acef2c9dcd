//! 台账导入: a ledger with a bad row is refused whole with the row and column named; fixed, it
//! imports and counts like any held session; the same file again, or a later file repeating its
//! rows, counts nothing twice; the import is audited with the file's hash and every session links
//! back to it.

use std::collections::HashMap;

use crate::common;

use app::{domain::Period, views::ledger::LedgerSheet};
use chrono::Datelike;
use common::{Browser, TestApp};
use store::{
    ledger::template,
    repo::tallies::{self, Figures, Scope},
};

async fn figures(app: &TestApp, year: i32) -> Figures {
    tallies::figures(
        &app.state.db,
        &Scope::area("/"),
        Period::year(year).unwrap(),
        store::clock::now_local(),
    )
    .await
    .unwrap()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// A ledger of two sessions at platform A held `day`, the second of kind `kind`.
fn ledger(day: chrono::NaiveDate, kind: &str, extra: bool) -> Vec<u8> {
    let when = format!("{day} 14:30");
    let date = day.to_string();
    let mut sessions = vec![
        row(&[
            "T-1",
            "甲街道协商议事室",
            "院坝协商：停车难",
            "民生议事",
            "",
            "院坝协商",
            "三组院坝",
            &when,
            "16:30",
            "5",
            "1",
        ]),
        row(&[
            "T-2",
            "甲街道协商议事室",
            "政策宣讲：医保",
            kind,
            "",
            "",
            "活动室",
            &date,
            "",
        ]),
    ];
    if extra {
        sessions.push(row(&[
            "T-3",
            "甲街道协商议事室",
            "补充的一场",
            "民生议事",
            "",
            "",
            "活动室",
            &date,
            "",
        ]));
    }
    let rows = HashMap::from([
        (LedgerSheet::Sessions, sessions),
        (
            LedgerSheet::People,
            vec![
                row(&["T-2", "member", "委员", ""]),
                row(&["T-2", "王芳", "", "13800138000"]),
            ],
        ),
        (
            LedgerSheet::Suggestions,
            vec![row(&[
                "T-1",
                "增设临时停车位",
                "",
                "区住建局",
                "采纳",
                "民生实事项目",
            ])],
        ),
        (
            LedgerSheet::Problems,
            vec![row(&[
                "T-1",
                "夜间停车无处停放",
                &date,
                "协调单位院内夜间开放停车",
            ])],
        ),
    ]);
    template::workbook(&[], &rows).unwrap()
}

/// Uploads a file and returns the preview page it lands on, and the upload's id.
async fn upload(b: &Browser, name: &str, bytes: Vec<u8>) -> (String, i64) {
    let res = b
        .post_file("/manage/import", "/api/ledger/upload", &[], (name, bytes))
        .await;
    let to = res.location().expect("an upload goes to its preview");
    let id = to
        .trim_start_matches("/manage/import/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .expect("the preview's id");
    (b.get(&to).await.body, id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_is_checked_row_by_row_imported_whole_and_never_twice() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let day = store::clock::now_local().date() - chrono::TimeDelta::days(3);
    let year = day.year();
    let before = figures(&app, year).await;

    let template = organizer.get("/manage/import/template.xlsx").await;
    assert_eq!(template.status, 200);
    assert!(template.body.starts_with("PK"), "an xlsx workbook");

    // A bad row: nothing is imported, and the preview names the sheet, row and column.
    let (page, bad) = upload(&organizer, "台账.xlsx", ledger(day, "茶话会", false)).await;
    assert!(page.contains("发现以下问题"), "{page}");
    assert!(
        page.contains("<td>活动台账</td><td class=\"num\">3</td><td>活动类型</td><td>茶话会</td>"),
        "{page}"
    );
    assert!(!page.contains("确认导入"), "{page}");
    let refused = organizer
        .submit(
            &format!("/manage/import/{bad}"),
            "/api/ledger/import",
            &[("id", &bad.to_string())],
        )
        .await;
    assert!(
        refused.body.contains("台账里还有问题，没有导入"),
        "{}",
        refused.body
    );
    assert_eq!(figures(&app, year).await, before);
    assert_eq!(
        app.scalar("SELECT count(*) FROM sessions WHERE import_id IS NOT NULL")
            .await,
        0
    );

    // Fixed: it imports, and counts like any held session.
    let fixed = ledger(day, "政策宣讲", false);
    let (page, id) = upload(&organizer, "台账.xlsx", fixed.clone()).await;
    assert!(page.contains("检查通过"), "{page}");
    assert!(
        page.contains("2 场活动 · 8 人次到会 · 1 条意见建议 · 1 个问题"),
        "{page}"
    );
    let done = organizer
        .submit(
            &format!("/manage/import/{id}"),
            "/api/ledger/import",
            &[("id", &id.to_string())],
        )
        .await;
    assert!(done.body.contains("台账已导入"), "{}", done.body);
    let after = figures(&app, year).await;
    assert_eq!(after.consultations, before.consultations + 1);
    assert_eq!(after.services, before.services + 1);
    assert_eq!(after.resident_visits, before.resident_visits + 7);
    assert_eq!(after.member_visits, before.member_visits + 1);
    assert_eq!(after.suggestions, before.suggestions + 1);
    assert_eq!(after.problems_resolved, before.problems_resolved + 1);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM sessions WHERE import_id = {id} AND status = 'held'"
        ))
        .await,
        2
    );
    let sha = app
        .text(&format!(
            "SELECT sha256 FROM ledger_imports WHERE id = {id}"
        ))
        .await
        .unwrap();
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'ledger_import' AND entity_id = {id}
               AND json_extract(after_json, '$.sha256') = '{sha}'"
        ))
        .await,
        1
    );

    // Each imported session names the file it came from.
    let session = app
        .scalar(&format!(
            "SELECT min(id) FROM sessions WHERE import_id = {id}"
        ))
        .await;
    let closing = organizer
        .get(&format!("/manage/sessions/{session}/closing"))
        .await
        .body;
    assert!(
        closing.contains(r#"<span class="chip">台账导入</span>"#) && closing.contains("台账.xlsx"),
        "{closing}"
    );

    // The same file again: the preview says when it was imported, and importing adds nothing.
    let (page, again) = upload(&organizer, "台账（副本）.xlsx", fixed).await;
    assert!(page.contains("导入时间"), "{page}");
    let refused = organizer
        .submit(
            &format!("/manage/import/{again}"),
            "/api/ledger/import",
            &[("id", &again.to_string())],
        )
        .await;
    assert!(
        refused.body.contains("这个文件已经导入过"),
        "{}",
        refused.body
    );
    assert_eq!(figures(&app, year).await, after);

    // A later ledger repeating those rows with one more: only the new session is added.
    let (page, later) = upload(&organizer, "台账2.xlsx", ledger(day, "政策宣讲", true)).await;
    assert!(page.contains("2 场已导入过，跳过"), "{page}");
    organizer
        .submit(
            &format!("/manage/import/{later}"),
            "/api/ledger/import",
            &[("id", &later.to_string())],
        )
        .await;
    let last = figures(&app, year).await;
    assert_eq!(last.consultations, after.consultations + 1);
    assert_eq!(last.resident_visits, after.resident_visits);

    // An upload is its uploader's alone.
    let other = app.signed_in("organizer_b").await;
    assert_ne!(other.get(&format!("/manage/import/{id}")).await.status, 200);
    let listed = organizer.get("/manage/import").await.body;
    assert!(listed.contains("台账2.xlsx"), "{listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_saved_by_chinese_excel_imports() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let day = store::clock::now_local().date() - chrono::TimeDelta::days(2);
    let text = format!(
        "活动编号,议事平台,活动名称,活动类型,形式,本地叫法,地点,开始时间,结束时间,居民人数\r\nC-1,甲街道协商议事室,板凳会,民生议事,,板凳会,村口,{day} 19:00,,9\r\n"
    );
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let (page, id) = upload(&organizer, "台账.csv", bytes.into_owned()).await;
    assert!(page.contains("1 场活动 · 9 人次到会"), "{page}");
    organizer
        .submit(
            &format!("/manage/import/{id}"),
            "/api/ledger/import",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(
        app.text("SELECT title || ' ' || format_local_name || ' ' || seats FROM sessions WHERE ledger_no = 'C-1'")
            .await
            .as_deref(),
        Some("板凳会 板凳会 9")
    );
}
