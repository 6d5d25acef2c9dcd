//! Staff open the yearly figures of their area, follow a number to the records behind it, and
//! cannot open another area's.

mod common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_follow_a_figure_to_its_records() {
    let app = TestApp::spawn().await;
    let held = app.session(30, -3).await;
    let cancelled = app.session(30, -4).await;
    app.exec(&format!(
        "UPDATE sessions SET status = 'cancelled', cancel_reason = '暴雨', title = '取消的协商' WHERE id = {cancelled}"
    ))
    .await;
    let year = app::backend::clock::now_local()
        .date()
        .checked_sub_days(chrono::Days::new(3))
        .unwrap()
        .format("%Y")
        .to_string();
    let district = app.world.district_a.to_string();
    let staff = app.signed_in("district_a").await;
    let page = staff
        .get(&format!("/manage/tallies?year={year}&area={district}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("共开展协商议事活动1场"),
        "the cancelled session does not count"
    );
    assert!(page.body.contains("甲街道"), "broken down by township");
    let records = staff
        .get(&format!(
            "/manage/tallies/records?year={year}&area={district}&drill=consultations"
        ))
        .await
        .body;
    assert!(records.contains(&format!("/manage/sessions/{held}/closing")));
    assert!(!records.contains("取消的协商"));
    // The export: UTF-8 with a byte-order mark, a row per township and the district's total.
    let csv = staff
        .get(&format!(
            "/manage/tallies/export.csv?year={year}&area={district}"
        ))
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with('\u{feff}'), "Excel needs the BOM");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("区域,年度,开展协商议事活动（场）"),
        "{}",
        lines[0]
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with(&format!("甲街道,{year},1,"))));
    assert!(lines
        .last()
        .unwrap()
        .starts_with(&format!("甲区（合计）,{year},1,")));
    let xlsx = staff
        .get(&format!(
            "/manage/tallies/export.xlsx?year={year}&area={district}"
        ))
        .await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(
        xlsx.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.body.starts_with("PK\u{3}\u{4}"), "a zip container");
    assert!(xlsx.headers["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with(".xlsx"));
    let other_csv = staff
        .get(&format!(
            "/manage/tallies/export.csv?year={year}&area={}",
            app.world.district_b
        ))
        .await;
    assert_eq!(other_csv.status, 404);
    assert_eq!(
        app.browser()
            .get(&format!("/manage/tallies/export.csv?area={district}"))
            .await
            .status,
        404
    );
    // The same staff member's default is their own district; another district is refused.
    assert!(staff.get("/manage/tallies").await.body.contains("甲区"));
    let other = app.world.district_b.to_string();
    assert_eq!(
        staff
            .get(&format!("/manage/tallies?area={other}"))
            .await
            .status,
        403
    );
    assert_eq!(
        app.signed_in("organizer_a")
            .await
            .get("/manage/tallies")
            .await
            .status,
        403
    );
    assert_eq!(
        staff
            .get(&format!(
                "/manage/tallies/records?area={district}&drill=nonsense"
            ))
            .await
            .status,
        404
    );
}
