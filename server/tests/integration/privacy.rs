//! Residents' numbers: in full only to the organizers of the session they signed up for;
//! masked for staff over the area, on the page and in the download; absent for anyone else.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_up_list_shows_numbers_in_full_only_to_the_sessions_organizers() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let resident = app.browser();
    resident.sign_up(session, "张三", "13812345678").await;
    resident.sign_up(session, "李四", "13987654321").await;
    let list = format!("/manage/sessions/{session}/sign-ups.csv");
    let page = format!("/manage/sessions/{session}");

    let organizer = app.signed_in("organizer_a").await;
    let full = organizer.get(&list).await;
    assert_eq!(full.status, 200);
    assert!(full.body.starts_with('\u{feff}'), "Excel reads the BOM");
    assert!(full.body.contains("报名编号,姓名,手机号"));
    assert!(full.body.contains("张三,13812345678") && full.body.contains("13987654321"));
    assert_eq!(full.headers["cache-control"], "no-store");
    let shown = organizer.get(&page).await.body;
    assert!(shown.contains("13812345678") && shown.contains("sign-ups.csv"));
    assert!(!shown.contains("仅对本平台召集人完整显示"));

    for staff in ["district_a", "city"] {
        let b = app.signed_in(staff).await;
        let masked = b.get(&list).await;
        assert_eq!(masked.status, 200, "{staff}");
        assert!(masked.body.contains("张三,138****5678"), "{staff}");
        assert!(!masked.body.contains("13812345678") && !masked.body.contains("13987654321"));
        let shown = b.get(&page).await.body;
        assert!(shown.contains("138****5678") && !shown.contains("13812345678"));
        assert!(shown.contains("仅对本平台召集人完整显示"));
    }
    for outsider in [
        app.signed_in("organizer_b").await,
        app.signed_in("member").await,
        app.browser(),
    ] {
        let refused = outsider.get(&list).await;
        assert_eq!(refused.status, 404);
        assert!(!refused.body.contains("张三"));
    }
    assert_eq!(
        app.browser()
            .get("/manage/sessions/x/sign-ups.csv")
            .await
            .status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposers_number_is_in_full_only_for_the_platforms_organizers() {
    let app = TestApp::spawn().await;
    let platform = app.world.platform_a.to_string();
    app.browser()
        .post_form(
            "/propose",
            "/api/topics/propose",
            &[
                ("platform_id", &platform),
                ("title", "路灯维修"),
                ("description", "小区门口路灯坏了两个月"),
                ("category", "urban_rural"),
                ("proposer_name", "赵六"),
                ("proposer_mobile", "13800138000"),
                ("consent", "yes"),
            ],
        )
        .await;
    let topic = app.scalar("SELECT max(id) FROM topics").await;
    let page = format!("/manage/topics/{topic}");
    let organizer = app.signed_in("organizer_a").await.get(&page).await;
    assert_eq!(organizer.status, 200);
    assert!(organizer.body.contains("13800138000"));
    let staff = app.signed_in("district_a").await.get(&page).await;
    assert_eq!(staff.status, 200);
    assert!(staff.body.contains("138****8000") && !staff.body.contains("13800138000"));
}

/// A name typed as a spreadsheet formula reaches the staff's Excel as text, in every CSV.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_formula_in_a_name_reaches_spreadsheets_as_text() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let formula = "=HYPERLINK(\"http://e.cn\",\"点\")";
    let b = app.browser();
    for (name, mobile) in [
        (formula, "13812345678"),
        ("@SUM(A1)", "13812345679"),
        ("-1+2", "13812345670"),
    ] {
        let to = b.sign_up(session, name, mobile).await.location().unwrap();
        assert!(to.starts_with("/r/"), "{name}: {to}");
    }
    let csv = app
        .signed_in("organizer_a")
        .await
        .get(&format!("/manage/sessions/{session}/sign-ups.csv"))
        .await
        .body;
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",'-1+2,"), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "{cell} in {line}");
        }
    }
}
