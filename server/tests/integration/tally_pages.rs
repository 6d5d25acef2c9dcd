//! Staff open the yearly figures of their area, follow a number to the records behind it, and
//! cannot open another area's.

use crate::common;

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
    let year = store::clock::now_local()
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
        lines[0].starts_with("区域,统计期间,开展协商议事活动（场）"),
        "{}",
        lines[0]
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with(&format!("甲街道,{year}年,1,"))));
    assert!(lines
        .last()
        .unwrap()
        .starts_with(&format!("甲区（合计）,{year}年,1,")));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_breaks_figures_down_and_every_list_exports_in_full() {
    let app = TestApp::spawn().await;
    let held = app.session(30, -3).await;
    app.exec(&format!(
        "INSERT INTO registrations (session_id, code, name, mobile, role, state, checked_in_at, checkin_method,
             created_at, updated_at)
         VALUES ({held}, 'YSTTST01', '王小梅', '13800000001', 'resident', 'attended', '2026-01-01 09:00:00', 'code',
             '2026-01-01 09:00:00', '2026-01-01 09:00:00')"
    ))
    .await;
    let day = store::clock::now_local()
        .date()
        .checked_sub_days(chrono::Days::new(3))
        .unwrap();
    let year = day.format("%Y").to_string();
    let district = app.world.district_a.to_string();
    let staff = app.signed_in("district_a").await;
    let report = staff
        .get(&format!(
            "/manage/tallies/report?year={year}&area={district}"
        ))
        .await;
    assert_eq!(report.status, 200);
    assert!(report
        .body
        .contains(&format!("甲区{year}年协商议事工作统计")));
    assert!(
        report.body.contains("<svg"),
        "charts are drawn on the server"
    );
    assert!(report.body.contains("统计口径"));
    // Breakdowns: the session's month and kind each hold the one consultation and its visit.
    let figures = staff
        .get(&format!("/manage/tallies?year={year}&area={district}"))
        .await
        .body;
    for section in ["by-month", "by-kind", "by-type", "by-format", "by-area"] {
        assert!(figures.contains(&format!("id=\"{section}\"")), "{section}");
    }
    let month = day.format("%Y-%m").to_string();
    let listed = staff
        .get(&format!(
            "/manage/tallies/records?year={year}&area={district}&drill=resident-visits&by=month&key={month}"
        ))
        .await;
    assert_eq!(listed.status, 200);
    assert!(listed.body.contains("王小梅"));
    // A split the figure does not have is refused, not guessed.
    assert_eq!(
        staff
            .get(&format!(
                "/manage/tallies/records?year={year}&area={district}&drill=topics&by=kind&key=council"
            ))
            .await
            .status,
        404
    );
    // Every record of a number as CSV, streamed; the header and the row are there.
    let csv = staff
        .get(&format!(
            "/manage/tallies/records.csv?year={year}&area={district}&drill=resident-visits"
        ))
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("日期,名称,区域,议事平台,内容,补录"));
    assert!(
        lines[1].ends_with(",王小梅,"),
        "not recorded afterwards: {lines:?}"
    );
    assert!(
        !csv.body.contains("13800000001"),
        "no mobile numbers in exports"
    );
    // Compressed on the way, the stream still ends cleanly (it once panicked at its end).
    let gzipped = staff
        .get_gzip(&format!(
            "/manage/tallies/records.csv?year={year}&area={district}&drill=resident-visits"
        ))
        .await
        .expect("the whole compressed body arrives");
    assert_eq!(&gzipped[..2], &[0x1f, 0x8b], "gzip");
    // Another district's records, or no sign-in, get nothing.
    let other = app.world.district_b;
    for who in [
        staff
            .get(&format!(
                "/manage/tallies/records.csv?area={other}&drill=resident-visits"
            ))
            .await,
        app.browser()
            .get(&format!(
                "/manage/tallies/records.csv?area={district}&drill=resident-visits"
            ))
            .await,
    ] {
        assert_eq!(who.status, 404);
    }
    // Narrowed to a platform type that held nothing, the figures are empty.
    let narrowed = staff
        .get(&format!(
            "/manage/tallies?year={year}&area={district}&type=member_studio"
        ))
        .await
        .body;
    assert!(
        narrowed.contains("共开展协商议事活动0场"),
        "the type narrows the scope"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_publish_a_years_figures_and_the_public_sees_only_those() {
    use leptos::server_fn::ServerFn;
    let app = TestApp::spawn().await;
    app.session(30, -3).await;
    let year = store::clock::now_local()
        .date()
        .checked_sub_days(chrono::Days::new(3))
        .unwrap()
        .format("%Y")
        .to_string();
    let district = app.world.district_a.to_string();
    let public = app.browser();
    assert!(public
        .get("/figures")
        .await
        .body
        .contains("还没有公开的数据"));
    let publish = <app::api::published::PublishFigures as ServerFn>::PATH;
    let withdraw = <app::api::published::WithdrawFigures as ServerFn>::PATH;
    let fields = [("area", district.as_str()), ("year", year.as_str())];
    let figures_page = format!("/manage/tallies?year={year}&area={district}");
    // Nobody without an account, and no staff member of another area, can publish.
    let anonymous = public.post_form("/", publish, &fields).await;
    assert!(anonymous.location().unwrap().starts_with("/login"));
    let other = [
        ("area", &*app.world.district_b.to_string()),
        ("year", &*year),
    ];
    let staff = app.signed_in("district_a").await;
    let refused = staff.submit(&figures_page, publish, &other).await;
    assert!(refused.body.contains("role=\"alert\""));
    assert_eq!(
        app.scalar("SELECT count(*) FROM published_figures").await,
        0
    );
    // The figures page asks first: its button leads to a page that says what publishing means.
    let confirm = format!("/manage/tallies/publish?year={year}&area={district}");
    let figures = staff.get(&figures_page).await.body;
    assert!(
        figures.contains(&confirm.replace('&', "&amp;")),
        "{figures}"
    );
    assert!(
        !figures.contains(&format!(r#"action="{publish}""#)),
        "{figures}"
    );
    let ask = staff.get(&confirm).await.body;
    assert!(
        ask.contains("确定向社会公开这些数字吗") && ask.contains(&format!(r#"action="{publish}""#)),
        "{ask}"
    );
    // Publishing snapshots the figures: a later session does not change what the public reads.
    let done = staff.submit(&confirm, publish, &fields).await;
    assert!(
        done.body.contains("已公开，公开时间："),
        "the figures page says so"
    );
    app.session(30, -2).await;
    let page = public.get("/figures").await.body;
    assert!(
        page.contains(&format!("{year}年，甲区共开展协商议事活动1场")),
        "{page}"
    );
    assert!(!page.contains("乙区"));
    assert!(
        !page.contains("/manage/tallies/records"),
        "no records behind public figures"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'published_figures'")
            .await,
        1
    );
    // Publishing again takes the current figures; withdrawing removes them.
    staff.submit(&figures_page, publish, &fields).await;
    assert!(public
        .get("/figures")
        .await
        .body
        .contains("共开展协商议事活动2场"));
    staff.submit(&figures_page, withdraw, &fields).await;
    assert!(public
        .get("/figures")
        .await
        .body
        .contains("还没有公开的数据"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_by_area_adds_up_with_the_areas_own_share() {
    let app = TestApp::spawn().await;
    let district = app.world.district_a;
    // A platform of the district itself (a member studio at the district office) held a session;
    // so did the township's.
    app.exec(&format!(
        "INSERT INTO platforms (name, type_code, area_id, address, established_on, created_at)
         VALUES ('甲区委员工作室', 'consultation_room', {district}, '区政协', '2024-03-01', '2024-03-01 09:00:00')"
    ))
    .await;
    let own = app.scalar("SELECT max(id) FROM platforms").await;
    let held = app.session(10, -2).await;
    app.exec(&format!(
        "INSERT INTO sessions (host_platform_id, area_id, title, kind, format, place, starts_at, ends_at, seats,
             signup_deadline, checkin_opens_at, checkin_closes_at, status, created_at, updated_at)
         SELECT {own}, {district}, '区级协商', kind, format, place, starts_at, ends_at, seats, signup_deadline,
             checkin_opens_at, checkin_closes_at, status, created_at, updated_at FROM sessions WHERE id = {held}"
    ))
    .await;
    let year = app
        .text(&format!(
            "SELECT substr(starts_at, 1, 4) FROM sessions WHERE id = {held}"
        ))
        .await
        .unwrap();
    let staff = app.signed_in("district_a").await;
    let csv = staff
        .get(&format!(
            "/manage/tallies/export.csv?year={year}&area={district}"
        ))
        .await;
    let rows: Vec<Vec<String>> = csv
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let named = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
    };
    assert_eq!(named("甲街道")[2], "1");
    assert_eq!(named("甲区（本级）")[2], "1");
    let (total, parts) = rows.split_last().unwrap();
    assert_eq!(total[0], "甲区（合计）");
    assert_eq!(total[2], "2");
    // Every figure's column adds up; coverage follows them: the district's one township is
    // covered, and the rows without areas below them leave it empty.
    let header: Vec<&str> = csv
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(header.len(), 2 + 16 + 2, "{header:?}");
    assert_eq!(header[18], "镇街园区已覆盖（个）");
    assert_eq!(&total[18..], ["1", "1"]);
    assert_eq!(&named("甲街道")[18..], ["", ""]);
    for column in 2..18 {
        let sum: i64 = parts
            .iter()
            .map(|r| r[column].parse::<i64>().unwrap())
            .sum();
        assert_eq!(
            sum.to_string(),
            total[column],
            "column {column} adds up: {rows:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coverage_counts_areas_with_an_active_platform_and_lists_the_rest() {
    use app::domain::AreaLevel;
    use chrono::Datelike;
    let app = TestApp::spawn().await;
    let staff = app.signed_in("city").await;
    let district = app.world.district_a.to_string();
    staff
        .post_form(
            "/manage/areas",
            "/api/areas/create",
            &[("parent_id", district.as_str()), ("name", "丙街道")],
        )
        .await;
    let today = store::clock::now_local().date();
    let year = today.year();
    let city = store::repo::areas::root(&app.state.db).await.unwrap();
    let end_of = |y: i32| chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1).unwrap();
    let levels = |day| {
        let (db, city) = (app.state.db.clone(), city.clone());
        async move {
            store::repo::tallies::coverage(&db, &city, day)
                .await
                .unwrap()
                .into_iter()
                .map(|c| (c.level, c.covered, c.areas))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        levels(end_of(year)).await,
        [(AreaLevel::District, 2, 2), (AreaLevel::Township, 2, 3)]
    );
    let page = staff.get(&format!("/manage/tallies?year={year}")).await;
    assert!(page.body.contains("覆盖率"), "{}", page.body);
    assert!(page.body.contains("level=township"), "{}", page.body);
    let list = staff
        .get(&format!(
            "/manage/tallies/uncovered?year={year}&level=township"
        ))
        .await;
    assert!(list.body.contains("丙街道"), "{}", list.body);
    assert!(!list.body.contains("甲街道"), "{}", list.body);

    // Platform B closes today: this year ends with district B uncovered; last year stays.
    app.exec(&format!(
        "UPDATE platforms SET status = 'inactive', deactivated_on = '{today}' WHERE id = {}",
        app.world.platform_b
    ))
    .await;
    assert_eq!(
        levels(end_of(year)).await,
        [(AreaLevel::District, 1, 2), (AreaLevel::Township, 1, 3)]
    );
    assert_eq!(
        levels(end_of(year - 1)).await,
        [(AreaLevel::District, 2, 2), (AreaLevel::Township, 2, 2)],
        "an area made this year is not counted in last year's"
    );
    // District staff see their own district's townships only.
    let district_staff = app.signed_in("district_a").await;
    let theirs = district_staff
        .get(&format!(
            "/manage/tallies/uncovered?year={year}&area={district}&level=township"
        ))
        .await;
    assert!(theirs.body.contains("丙街道"), "{}", theirs.body);
    let other = district_staff
        .get(&format!(
            "/manage/tallies/uncovered?year={year}&area={}&level=township",
            app.world.district_b
        ))
        .await;
    assert_eq!(other.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_suggestions_became_is_counted_and_listed() {
    let app = TestApp::spawn().await;
    let held = app.session(10, -2).await;
    for (text, conversion) in [
        ("加装电梯纳入年度计划", "'decision'"),
        ("小区停车改造", "'leader_instruction'"),
        ("路灯维修", "'leader_instruction'"),
        ("垃圾分类宣传", "NULL"),
    ] {
        app.exec(&format!(
            "INSERT INTO outcomes (session_id, text, form, conversion, created_at, updated_at)
             VALUES ({held}, '{text}', 'consensus', {conversion}, datetime('now'), datetime('now'))"
        ))
        .await;
    }
    let year = app
        .text(&format!(
            "SELECT substr(starts_at, 1, 4) FROM sessions WHERE id = {held}"
        ))
        .await
        .unwrap();
    let staff = app.signed_in("city").await;
    let page = staff.get(&format!("/manage/tallies?year={year}")).await;
    assert!(page.body.contains("意见建议的成果转化"), "{}", page.body);
    let instructed = staff
        .get(&format!(
            "/manage/tallies/records?year={year}&drill=suggestions&by=conversion&key=leader_instruction"
        ))
        .await;
    assert!(
        instructed.body.contains("<strong>2</strong>"),
        "{}",
        instructed.body
    );
    assert!(instructed.body.contains("路灯维修"), "{}", instructed.body);
    assert!(
        !instructed.body.contains("垃圾分类宣传"),
        "{}",
        instructed.body
    );
    let report = staff
        .get(&format!("/manage/tallies/report?year={year}"))
        .await;
    assert!(
        report
            .body
            .contains("意见建议转化为：纳入决策1条、领导批示2条。"),
        "{}",
        report.body
    );
}
