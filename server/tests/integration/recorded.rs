//! Sessions recorded afterwards (补录) from a paper sign-in sheet, and closing a year: they count
//! like any held session, carry their mark into the records behind every figure, keep the
//! sheet's photo private, and a closed year takes no new or changed records until reopened.

use crate::common;

use app::domain::Period;
use chrono::Datelike;
use common::{Browser, TestApp};
use store::repo::tallies::{self, Figures, Scope};

const PAGE: &str = "/manage/sessions/record";

fn at(date: chrono::NaiveDate, hour: u32) -> String {
    format!("{date}T{hour:02}:00")
}

async fn figures(app: &TestApp, year: i32) -> Figures {
    let now = store::clock::now_local();
    tallies::figures(
        &app.state.db,
        &Scope::area("/"),
        Period::year(year).unwrap(),
        now,
    )
    .await
    .unwrap()
}

/// Posts the 补录 form for platform A, returning the page it lands on.
async fn record(
    app: &TestApp,
    b: &Browser,
    date: chrono::NaiveDate,
    roster: &str,
) -> common::Answer {
    let platform = app.world.platform_a.to_string();
    let (starts, ends) = (at(date, 9), at(date, 11));
    b.submit(
        &format!("{PAGE}?platform={platform}"),
        "/api/manage-sessions/record-held",
        &[
            ("platform_id", &platform),
            ("title", "院坝协商：垃圾分类点位"),
            ("kind", "council"),
            ("format", "onsite"),
            ("format_local_name", "院坝协商"),
            ("place", "三组院坝"),
            ("starts_at", &starts),
            ("ends_at", &ends),
            ("roster", roster),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_recorded_afterwards_counts_and_is_marked() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let today = store::clock::now_local().date();
    let held_on = today - chrono::TimeDelta::days(2);
    let before = figures(&app, held_on.year()).await;

    let form = organizer
        .get(&format!("{PAGE}?platform={}", app.world.platform_a))
        .await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("补录已举行的活动"), "{}", form.body);

    let landed = record(
        &app,
        &organizer,
        held_on,
        "张建国 13800138000\n李秀英，专家\n\nmember 委员\n王芳\t村民",
    )
    .await;
    assert!(landed.body.contains("已补录"), "{}", landed.body);
    assert!(landed.body.contains("签到表照片"), "{}", landed.body);
    let id = app
        .scalar("SELECT id FROM sessions WHERE recorded_afterwards = 1")
        .await;
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {id}"))
            .await
            .as_deref(),
        Some("held")
    );

    // It counts like any held session: one consultation, three residents' visits (the expert
    // is not a member), one member's.
    let after = figures(&app, held_on.year()).await;
    assert_eq!(after.consultations, before.consultations + 1);
    assert_eq!(after.resident_visits, before.resident_visits + 3);
    assert_eq!(after.member_visits, before.member_visits + 1);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations r JOIN users u ON u.id = r.member_user_id
             WHERE r.session_id = {id} AND u.username = 'member' AND r.member_level = 'city'"
        ))
        .await,
        1
    );

    // Staff see the mark in the records behind the figure, and can list only those.
    let staff = app.signed_in("city").await;
    let year = held_on.year();
    let list = staff
        .get(&format!(
            "/manage/tallies/records?year={year}&drill=consultations"
        ))
        .await;
    assert!(
        list.body.contains("院坝协商：垃圾分类点位"),
        "{}",
        list.body
    );
    assert!(
        list.body.contains(r#"<span class="chip">补录</span>"#),
        "{}",
        list.body
    );
    app.session(10, -1).await;
    let only = staff
        .get(&format!(
            "/manage/tallies/records?year={year}&drill=consultations&recorded=1"
        ))
        .await;
    assert!(only.body.contains("院坝协商"), "{}", only.body);
    assert!(!only.body.contains("老旧小区加装电梯协商"), "{}", only.body);
    let csv = staff
        .get(&format!(
            "/manage/tallies/records.csv?year={year}&drill=resident-visits&recorded=1"
        ))
        .await;
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[1..].iter().all(|l| l.ends_with(",是")), "{lines:?}");

    // The sheet's photo is evidence for the platform's people, never public.
    let sheet = organizer
        .post_file(
            &format!("/manage/sessions/{id}/closing"),
            "/api/closing/sign-in-sheet",
            &[("id", &id.to_string())],
            ("签到表.png", common::PNG.to_vec()),
        )
        .await;
    let shown = organizer.get(&sheet.location().unwrap()).await.body;
    assert!(shown.contains("签到表照片已保存"), "{shown}");
    let key = app
        .text(&format!(
            "SELECT f.storage_key FROM sessions s JOIN attachments f ON f.id = s.sign_in_sheet_id
             WHERE s.id = {id} AND f.kind = 'file'"
        ))
        .await
        .expect("the sheet is kept as a private file");
    assert!(shown.contains(&format!("/files/{key}")), "{shown}");
    app.exec(&format!(
        "UPDATE sessions SET status = 'concluded' WHERE id = {id}"
    ))
    .await;
    assert_eq!(
        app.browser().get(&format!("/files/{key}")).await.status,
        404
    );
    assert_eq!(organizer.get(&format!("/files/{key}")).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_roster_is_refused_line_by_line_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let today = store::clock::now_local().date();
    let roster = "张建国 12345678901\n李秀英 居民 专家\n不存在的委员 委员\n王芳";
    let refused = record(&app, &organizer, today - chrono::TimeDelta::days(1), roster).await;
    for shown in [
        "第1行：手机号应为11位数字",
        "第2行：写了两个身份",
        "第3行：没有这个姓名或用户名的委员账号",
    ] {
        assert!(refused.body.contains(shown), "{shown}: {}", refused.body);
    }
    // What was typed is all there to correct.
    assert!(
        refused.body.contains("不存在的委员 委员\n王芳"),
        "{}",
        refused.body
    );
    let future = record(&app, &organizer, today + chrono::TimeDelta::days(3), "王芳").await;
    assert!(
        future.body.contains("补录的活动应已开始"),
        "{}",
        future.body
    );
    let empty = record(&app, &organizer, today - chrono::TimeDelta::days(1), " \n").await;
    assert!(
        empty.body.contains("请至少填写一位参加人员"),
        "{}",
        empty.body
    );
    assert_eq!(app.scalar("SELECT count(*) FROM sessions").await, 0);
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 0);
    // Another platform's organizer may not record for platform A.
    let other = app.signed_in("organizer_b").await;
    let forbidden = record(&app, &other, today - chrono::TimeDelta::days(1), "王芳").await;
    assert!(!forbidden.body.contains("已补录"), "{}", forbidden.body);
    assert_eq!(app.scalar("SELECT count(*) FROM sessions").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_year_takes_no_records_until_it_is_reopened() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let staff = app.signed_in("district_a").await;
    let today = store::clock::now_local().date();
    let last_year = today.year() - 1;
    let in_last_year = chrono::NaiveDate::from_ymd_opt(last_year, 6, 15).unwrap();
    let area = app.world.district_a.to_string();
    let figures_page = format!("/manage/tallies?year={last_year}&area={area}");

    // A session of last year recorded while the year is open; then the year is closed.
    record(&app, &organizer, in_last_year, "王芳").await;
    let id = app.scalar("SELECT id FROM sessions").await.to_string();
    let page = staff.get(&figures_page).await;
    assert!(page.body.contains("关闭此年度"), "{}", page.body);
    let this_year = staff
        .submit(
            &figures_page,
            "/api/closed-years/close",
            &[("area", &area), ("year", &today.year().to_string())],
        )
        .await;
    assert!(
        this_year.body.contains("只能关闭已经结束的年度"),
        "{}",
        this_year.body
    );
    let closed = staff
        .submit(
            &figures_page,
            "/api/closed-years/close",
            &[("area", &area), ("year", &last_year.to_string())],
        )
        .await;
    assert!(closed.body.contains("年度已关闭"), "{}", closed.body);
    let before = figures(&app, last_year).await;

    // Nothing more for that year: no new session, no suggestion on an old one.
    let late = record(&app, &organizer, in_last_year, "李秀英").await;
    assert!(late.body.contains("该年度已关闭"), "{}", late.body);
    let suggestion = organizer
        .submit(
            &format!("/manage/sessions/{id}/closing"),
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "增设分类垃圾桶"),
                ("form", "consensus"),
            ],
        )
        .await;
    assert!(
        suggestion.body.contains("该年度已关闭"),
        "{}",
        suggestion.body
    );
    assert_eq!(figures(&app, last_year).await, before);
    // This year is open as ever.
    let now_open = record(
        &app,
        &organizer,
        today - chrono::TimeDelta::days(1),
        "李秀英",
    )
    .await;
    assert!(now_open.body.contains("已补录"), "{}", now_open.body);

    // Reopening needs a reason, and both steps are in the audit log.
    let no_reason = staff
        .submit(
            &figures_page,
            "/api/closed-years/reopen",
            &[
                ("area", &area),
                ("year", &last_year.to_string()),
                ("reason", " "),
            ],
        )
        .await;
    assert!(no_reason.body.contains("请填写此项"), "{}", no_reason.body);
    let reopened = staff
        .submit(
            &figures_page,
            "/api/closed-years/reopen",
            &[
                ("area", &area),
                ("year", &last_year.to_string()),
                ("reason", "漏报一场院坝协商"),
            ],
        )
        .await;
    assert!(
        reopened.body.contains("年度已重新开放"),
        "{}",
        reopened.body
    );
    let again = organizer
        .submit(
            &format!("/manage/sessions/{id}/closing"),
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "增设分类垃圾桶"),
                ("form", "consensus"),
            ],
        )
        .await;
    assert!(!again.body.contains("该年度已关闭"), "{}", again.body);
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM audit_log WHERE entity = 'area' AND action IN ('close_year', 'reopen_year')
               AND json_extract(after_json, '$.year') IS NOT NULL"
        )
        .await,
        2
    );
    assert_eq!(
        app.text("SELECT json_extract(after_json, '$.reason') FROM audit_log WHERE action = 'reopen_year'")
            .await
            .as_deref(),
        Some("漏报一场院坝协商")
    );
    // A figure's records carry no mark for topics and platforms, and the filter is not offered.
    let topics = staff
        .get(&format!(
            "/manage/tallies/records?year={last_year}&area={area}&drill=topics"
        ))
        .await;
    assert!(!topics.body.contains("只看补录"), "{}", topics.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_past_year_stays_as_it_was_when_a_platform_is_retyped_or_reactivated() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("city").await;
    let now = store::clock::now_local();
    let last_year = now.year() - 1;
    let p = app.world.platform_a;
    // Platform A held a session last year; platform B was closed in the year before it.
    let held = app.session(10, -400).await;
    app.exec(&format!(
        "UPDATE sessions SET starts_at = '{last_year}-06-15 09:00:00', ends_at = '{last_year}-06-15 11:00:00',
             signup_deadline = '{last_year}-06-14 09:00:00', checkin_opens_at = '{last_year}-06-15 08:30:00',
             checkin_closes_at = '{last_year}-06-15 11:00:00' WHERE id = {held}"
    ))
    .await;
    app.exec(&format!(
        "UPDATE platforms SET status = 'inactive', deactivated_on = '{}-05-01' WHERE id = {}",
        last_year - 1,
        app.world.platform_b
    ))
    .await;
    let by_type = |code: &'static str| Scope {
        platform_type: Some(code.to_owned()),
        ..Scope::area("/")
    };
    let count = |scope: Scope| {
        let db = app.state.db.clone();
        async move {
            tallies::figures(&db, &scope, Period::year(last_year).unwrap(), now)
                .await
                .unwrap()
        }
    };
    let rooms = count(by_type("consultation_room")).await;
    let all = count(Scope::area("/")).await;
    assert_eq!((rooms.consultations, rooms.platforms_active), (1, 1));

    // Today platform A becomes a member studio, and platform B is brought back.
    let id = p.to_string();
    let edit = format!("/manage/platforms/{id}");
    let saved = staff
        .submit(
            &edit,
            "/api/platforms/update",
            &[
                ("id", id.as_str()),
                ("name", "甲街道委员工作室"),
                ("type_code", "member_studio"),
                ("established_on", "2024-03-01"),
            ],
        )
        .await;
    assert!(saved.body.contains("已保存"), "{}", saved.body);
    staff
        .post_form(
            "/manage",
            "/api/platforms/set-status",
            &[
                ("id", &app.world.platform_b.to_string()),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM platforms WHERE id = {}",
            app.world.platform_b
        ))
        .await
        .as_deref(),
        Some("active")
    );

    // Last year reads as it stood: a consultation room that held one session; B still closed.
    assert_eq!(count(by_type("consultation_room")).await, rooms);
    assert_eq!(count(by_type("member_studio")).await, Figures::default());
    assert_eq!(count(Scope::area("/")).await, all);
    // What comes next counts under the new type.
    let upcoming = app.session(10, 3).await;
    assert_eq!(
        app.text(&format!(
            "SELECT platform_type FROM sessions WHERE id = {upcoming}"
        ))
        .await
        .as_deref(),
        Some("member_studio")
    );
    assert_eq!(
        app.text(&format!(
            "SELECT platform_type FROM sessions WHERE id = {held}"
        ))
        .await
        .as_deref(),
        Some("consultation_room")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_written_as_closed_was_active_before_it_closed() {
    let app = TestApp::spawn().await;
    let now = store::clock::now_local();
    let year = now.year() - 2;
    let active_in = |y: i32| {
        let db = app.state.db.clone();
        async move {
            tallies::figures(&db, &Scope::area("/"), Period::year(y).unwrap(), now)
                .await
                .unwrap()
                .platforms_active
        }
    };
    let (before, after) = (active_in(year).await, active_in(year + 1).await);
    // As the demo and an import write one: already closed, with the day it closed.
    app.exec(&format!(
        "INSERT INTO platforms (name, type_code, area_id, address, status, established_on, deactivated_on, created_at)
         VALUES ('丁村议事室', 'consultation_room', {}, '丁村', 'inactive', '2020-01-01', '{}-03-01', '2020-01-01 09:00:00')",
        app.world.township_a,
        year + 1
    ))
    .await;
    assert_eq!(active_in(year).await, before + 1, "open all of that year");
    assert_eq!(
        active_in(year + 1).await,
        after,
        "closed before that year ended"
    );
}
