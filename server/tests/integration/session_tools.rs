//! An organizer's tools around a session: invited roles and the check-in window, moving it to
//! another time, copying it, marking absence and leave, and the printed sign-in sheet.

use crate::common;

use common::TestApp;

fn later(days: i64, hour: u32) -> String {
    let t = store::clock::now_local().date() + chrono::TimeDelta::days(days);
    format!("{t}T{hour:02}:00")
}

/// Signs a resident up and returns their registration code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invited_roles_and_the_check_in_window_are_saved_and_enforced() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let platform = app.world.platform_a.to_string();
    let (start, end, deadline) = (later(6, 14), later(6, 16), later(5, 12));
    let saved = organizer
        .post_form(
            &format!("/manage/sessions/new?platform={platform}"),
            "/api/manage-sessions/save",
            &[
                ("platform_id", &platform),
                ("title", "企业代表座谈"),
                ("kind", "sector"),
                ("format", "onsite"),
                ("place", "商会会议室"),
                ("starts_at", &start),
                ("ends_at", &end),
                ("seats", "20"),
                ("signup_deadline", &deadline),
                ("checkin_lead", "60"),
                ("invited[]", "enterprise"),
                ("invited[]", "expert"),
            ],
        )
        .await;
    let page = saved.location().unwrap();
    let id: i64 = page.trim_start_matches("/manage/sessions/")[..]
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        app.text(&format!(
            "SELECT audience || ' ' || (SELECT group_concat(role, ',') FROM (SELECT role FROM session_roles WHERE session_id = {id} ORDER BY role))
             || ' ' || CAST((julianday(starts_at) - julianday(checkin_opens_at)) * 1440 AS INTEGER) FROM sessions WHERE id = {id}"
        ))
        .await
        .as_deref(),
        Some("invited_roles enterprise,expert 60")
    );
    let form = organizer.get(&page).await.body;
    assert!(
        form.contains(r#"value="enterprise" checked"#),
        "the ticked roles stay ticked"
    );
    organizer
        .post_form(
            &page,
            "/api/manage-sessions/publish",
            &[("id", &id.to_string())],
        )
        .await;
    let resident = app.browser();
    let refused = resident
        .submit(
            &format!("/sessions/{id}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id.to_string()),
                ("name", "张三"),
                ("mobile", "13812345678"),
                ("role", "resident"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(
        refused.body.contains("field-error"),
        "a resident is not invited"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {id}"
        ))
        .await,
        0
    );
    let unknown_role = organizer
        .submit(
            &page,
            "/api/manage-sessions/save",
            &[
                ("id", &id.to_string()),
                ("platform_id", &platform),
                ("title", "企业代表座谈"),
                ("kind", "sector"),
                ("format", "onsite"),
                ("place", "商会会议室"),
                ("starts_at", &start),
                ("ends_at", &end),
                ("seats", "20"),
                ("signup_deadline", &deadline),
                ("checkin_lead", "45"),
                ("invited[]", "emperor"),
            ],
        )
        .await;
    assert!(unknown_role.body.contains("请选择一项"));
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM session_roles WHERE session_id = {id}"
        ))
        .await,
        2,
        "a refused change leaves the saved roles alone"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_session_shifts_its_deadline_and_tells_everyone_why() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let resident = app.browser();
    resident.sign_up(session, "李四", "13912345678").await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{session}");
    let id = session.to_string();
    let refused = organizer
        .submit(
            &page,
            "/api/manage-sessions/postpone",
            &[
                ("id", &id),
                ("new_starts_at", &later(9, 10)),
                ("new_ends_at", &later(9, 12)),
                ("postpone_reason", ""),
            ],
        )
        .await;
    assert!(refused.body.contains("请填写此项"));
    let before_deadline_gap = app
        .scalar(&format!(
            "SELECT CAST(round((julianday(starts_at) - julianday(signup_deadline)) * 24) AS INTEGER) FROM sessions WHERE id = {session}"
        ))
        .await;
    let moved = organizer
        .submit(
            &page,
            "/api/manage-sessions/postpone",
            &[
                ("id", &id),
                ("new_starts_at", &later(9, 10)),
                ("new_ends_at", &later(9, 12)),
                ("postpone_reason", "会场临时检修"),
            ],
        )
        .await;
    assert!(moved.body.contains("活动已改期"));
    assert_eq!(
        app.text(&format!(
            "SELECT substr(starts_at, 12, 5) FROM sessions WHERE id = {session}"
        ))
        .await
        .as_deref(),
        Some("10:00")
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT CAST(round((julianday(starts_at) - julianday(signup_deadline)) * 24) AS INTEGER) FROM sessions WHERE id = {session}"
        ))
        .await,
        before_deadline_gap,
        "the deadline keeps its distance before the start"
    );
    let notice = app
        .text(&format!(
            "SELECT body FROM messages WHERE session_id = {session} AND kind = 'changed'"
        ))
        .await
        .unwrap();
    assert!(
        notice.contains("会场临时检修") && notice.contains("10:00"),
        "{notice}"
    );
    let past = organizer
        .submit(
            &page,
            "/api/manage-sessions/postpone",
            &[
                ("id", &id),
                ("new_starts_at", &later(-2, 10)),
                ("new_ends_at", &later(-2, 12)),
                ("postpone_reason", "再改"),
            ],
        )
        .await;
    assert!(past.body.contains("开始时间已过"));
    let other = app.signed_in("organizer_b").await;
    let forbidden = other
        .post_form(
            &page,
            "/api/manage-sessions/postpone",
            &[
                ("id", &id),
                ("new_starts_at", &later(12, 10)),
                ("new_ends_at", &later(12, 12)),
                ("postpone_reason", "越权"),
            ],
        )
        .await;
    assert!(!forbidden.status.is_server_error());
    assert_eq!(
        app.text(&format!(
            "SELECT substr(starts_at, 1, 10) FROM sessions WHERE id = {session}"
        ))
        .await,
        Some(later(9, 10)[..10].to_owned()),
        "another platform's organizer cannot move it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_starts_as_a_form_with_everything_but_the_times() {
    let app = TestApp::spawn().await;
    let session = app.session(25, 3).await;
    let organizer = app.signed_in("organizer_a").await;
    let platform = app.world.platform_a;
    let copy = organizer
        .get(&format!(
            "/manage/sessions/new?platform={platform}&copy={session}"
        ))
        .await;
    assert_eq!(copy.status, 200);
    assert!(copy.body.contains(r#"value="老旧小区加装电梯协商""#));
    assert!(copy.body.contains(r#"value="25""#));
    assert!(
        !copy.body.contains(r#"name="starts_at" value="2"#),
        "times are chosen anew"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM sessions").await,
        1,
        "nothing is saved until the copy is"
    );
    let stranger = app.signed_in("organizer_b").await;
    let refused = stranger
        .get(&format!(
            "/manage/sessions/new?platform={}&copy={session}",
            app.world.platform_b
        ))
        .await;
    assert!(
        !refused.body.contains("老旧小区加装电梯协商"),
        "no copying another platform's session"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absence_and_leave_are_recorded_and_a_checked_in_person_stays_in() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 2).await;
    let resident = app.browser();
    let away = resident
        .registration_code(session, "王五", "13700000001")
        .await;
    let sick = resident
        .registration_code(session, "赵六", "13700000002")
        .await;
    let here = resident
        .registration_code(session, "钱七", "13700000003")
        .await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{session}");
    let id = session.to_string();
    app.open_check_in(session).await;
    organizer
        .post_form(
            &page,
            "/api/manage-sessions/check-in",
            &[("id", &id), ("code", &here)],
        )
        .await;
    let mark = |code: String, absence: &'static str, reason: &'static str| {
        let (organizer, page, id) = (organizer.clone(), page.clone(), id.clone());
        async move {
            organizer
                .submit(
                    &page,
                    "/api/manage-sessions/mark-absence",
                    &[
                        ("id", &id),
                        ("code", &code),
                        ("absence", absence),
                        ("leave_reason", reason),
                    ],
                )
                .await
        }
    };
    let no_reason = mark(sick.clone(), "leave", "").await;
    assert!(no_reason.body.contains("请假需填写原因"));
    assert!(mark(sick.clone(), "leave", "住院")
        .await
        .body
        .contains("已记录"));
    assert!(mark(away.clone(), "absent", "")
        .await
        .body
        .contains("已记录"));
    let checked_in = mark(here.clone(), "absent", "").await;
    assert!(checked_in.body.contains("此人已签到，不能记为缺席或请假"));
    let states = app
        .text(&format!(
            "SELECT group_concat(state || ':' || coalesce(leave_reason, ''), ',') FROM
               (SELECT state, leave_reason FROM registrations WHERE session_id = {session} ORDER BY id)"
        ))
        .await;
    assert_eq!(states.as_deref(), Some("absent:,leave:住院,attended:"));
    let people = organizer.get(&page).await.body;
    assert!(people.contains("住院"), "the reason shows on the list");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_sheet_lists_places_with_masked_numbers_for_organizers_only() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 2).await;
    let resident = app.browser();
    resident.sign_up(session, "孙八", "13812345678").await;
    let organizer = app.signed_in("organizer_a").await;
    let sheet = organizer
        .get(&format!("/manage/sessions/{session}/sheet"))
        .await;
    assert_eq!(sheet.status, 200);
    assert!(sheet.body.contains("孙八") && sheet.body.contains("138****5678"));
    assert!(
        !sheet.body.contains("13812345678"),
        "paper never carries a full number"
    );
    for who in [app.signed_in("organizer_b").await, app.browser()] {
        let answer = who.get(&format!("/manage/sessions/{session}/sheet")).await;
        assert!(!answer.body.contains("孙八"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_month_calendar_shows_a_months_sessions_on_their_days() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let start = store::clock::now_local() + chrono::TimeDelta::days(3);
    let month = start.format("%Y-%m").to_string();
    let organizer = app.signed_in("organizer_a").await;
    let page = organizer
        .get(&format!("/manage/sessions?month={month}"))
        .await;
    assert_eq!(page.status, 200);
    let link = format!("href=\"/manage/sessions/{session}\"");
    assert!(page.body.contains(&link));
    assert!(page.body.contains("class=\"month\""));
    let next_year = organizer
        .get(&format!(
            "/manage/sessions?month={}",
            (start + chrono::TimeDelta::days(366)).format("%Y-%m")
        ))
        .await;
    assert!(!next_year.body.contains(&link));
    let junk = organizer.get("/manage/sessions?month=2026-99").await;
    assert_eq!(junk.status, 200, "an unreadable month shows this month");
    let other = app.signed_in("organizer_b").await;
    let theirs = other.get(&format!("/manage/sessions?month={month}")).await;
    assert!(!theirs.body.contains(&link), "another platform's organizer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_are_titled_for_what_they_do_and_a_draft_offers_no_move() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let new = organizer
        .get(&format!(
            "/manage/sessions/new?platform={}",
            app.world.platform_a
        ))
        .await
        .body;
    assert!(!new.contains("<h2>修改</h2>"), "{new}");
    let session = app.session(10, 5).await;
    app.exec(&format!(
        "UPDATE sessions SET status = 'draft' WHERE id = {session}"
    ))
    .await;
    let draft = organizer
        .get(&format!("/manage/sessions/{session}"))
        .await
        .body;
    assert!(draft.contains("<h2>修改</h2>"), "{draft}");
    assert!(
        !draft.contains("/api/manage-sessions/postpone"),
        "nobody to tell: {draft}"
    );
    app.exec(&format!(
        "UPDATE sessions SET status = 'published' WHERE id = {session}"
    ))
    .await;
    let published = organizer
        .get(&format!("/manage/sessions/{session}"))
        .await
        .body;
    assert!(
        published.contains("/api/manage-sessions/postpone"),
        "{published}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workspace_says_what_waits_and_leads_to_it() {
    let app = TestApp::spawn().await;
    let today = app.session(10, 3).await;
    let held = app.session(10, 3).await;
    let upcoming = app.session(10, 3).await;
    app.hold(held, 5).await;
    let overdue_day = (store::clock::now_local().date() - chrono::TimeDelta::days(1)).to_string();
    app.exec(&format!(
        "UPDATE sessions SET starts_at = date(datetime('now', '+8 hours')) || ' 00:00:01',
             ends_at = date(datetime('now', '+8 hours')) || ' 23:59:59',
             signup_deadline = date(datetime('now', '+8 hours')) || ' 00:00:00',
             checkin_opens_at = date(datetime('now', '+8 hours')) || ' 00:00:00',
             checkin_closes_at = date(datetime('now', '+8 hours')) || ' 23:59:59'
           WHERE id = {today};
         UPDATE sessions SET title = '待记录的院坝会' WHERE id = {held};
         INSERT INTO topics (platform_id, title, category_code, source, channel, proposer_name, proposer_mobile, submitted_at)
             SELECT {p}, '井盖松动', code, 'resident', 'web', '老王', '13576543210', datetime('now', '-2 days')
             FROM topic_categories LIMIT 1;
         INSERT INTO outcomes (session_id, text, form, deadline, created_at, updated_at)
             VALUES ({held}, '修好路灯', 'consensus', '{overdue_day}', datetime('now'), datetime('now'));",
        p = app.world.platform_a
    ))
    .await;

    let organizer = app.signed_in("organizer_a").await;
    let page = organizer.get("/manage").await.body;
    let html = scraper::Html::parse_document(&page);
    let tiles: Vec<(String, String)> = html
        .select(&scraper::Selector::parse("#todo .count-tile").unwrap())
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        tiles,
        [
            ("1今天的活动", "#today"),
            ("1待记录成果", "#to-record"),
            ("1待审核议题", "/manage/topics"),
            ("1超期意见建议", "/manage/outcomes"),
        ]
        .map(|(t, h)| (t.to_owned(), h.to_owned())),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/manage/sessions/{today}#check-in\"")));
    assert!(page.contains(&format!("href=\"/manage/sessions/{held}/closing\"")));
    assert!(!page.contains(&format!("/manage/sessions/{upcoming}")));

    // The sessions list calls the held one by what it needs.
    let month = store::clock::now_local().date() - chrono::TimeDelta::days(2);
    let list = organizer
        .get(&format!("/manage/sessions?month={}", month.format("%Y-%m")))
        .await
        .body;
    assert!(list.contains("待记录成果"), "{list}");

    // Another platform's organizer has nothing waiting.
    let other = app.signed_in("organizer_b").await.get("/manage").await.body;
    assert!(!other.contains("待记录的院坝会"));
}
