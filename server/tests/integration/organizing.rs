//! Organizers publish a session, residents sign up, the organizer checks them in; only the
//! host platform's organizers (and staff over it) may do so.

use crate::common;

use common::TestApp;

fn later(days: i64, hour: u32) -> String {
    let t = store::clock::now_local().date() + chrono::TimeDelta::days(days);
    format!("{t}T{hour:02}:00")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_publishes_a_session_and_checks_a_resident_in() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let platform = app.world.platform_a.to_string();
    let (start, end, deadline) = (later(5, 9), later(5, 11), later(4, 18));
    let bad = organizer
        .submit(
            &format!("/manage/sessions/new?platform={platform}"),
            "/api/manage-sessions/save",
            &[
                ("platform_id", &platform),
                ("title", "停车难协商"),
                ("kind", "council"),
                ("format", "onsite"),
                ("place", "议事厅"),
                ("starts_at", &end),
                ("ends_at", &start),
                ("seats", "0"),
                ("signup_deadline", &deadline),
            ],
        )
        .await;
    for message in ["结束时间应晚于开始时间", "名额应在1到10000之间"] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(bad.body.contains("value=\"停车难协商\""));
    let saved = organizer
        .post_form(
            &format!("/manage/sessions/new?platform={platform}"),
            "/api/manage-sessions/save",
            &[
                ("platform_id", &platform),
                ("title", "停车难协商"),
                ("kind", "council"),
                ("format", "onsite"),
                ("place", "议事厅"),
                ("starts_at", &start),
                ("ends_at", &end),
                ("seats", "30"),
                ("signup_deadline", &deadline),
            ],
        )
        .await;
    let page = saved.location().unwrap();
    let id: i64 = page
        .trim_start_matches("/manage/sessions/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {id}"))
            .await
            .as_deref(),
        Some("draft")
    );
    let resident = app.browser();
    assert_eq!(
        resident.get(&format!("/sessions/{id}")).await.status,
        404,
        "a draft is not public"
    );
    organizer
        .post_form(
            &page,
            "/api/manage-sessions/publish",
            &[("id", &id.to_string())],
        )
        .await;
    let signed = resident
        .post_form(
            &format!("/sessions/{id}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id.to_string()),
                ("name", "刘洋"),
                ("mobile", "13500000001"),
                ("consent", "yes"),
            ],
        )
        .await;
    let code = signed.location().unwrap()[3..11].to_owned();
    let workspace = organizer.get(&format!("/manage/sessions/{id}")).await;
    assert!(
        workspace.body.contains("13500000001"),
        "organizers see the full number"
    );
    // Days before, the desk refuses: check-in has a window.
    let early = organizer
        .submit(
            &format!("/manage/sessions/{id}"),
            "/api/manage-sessions/check-in",
            &[("id", &id.to_string()), ("code", &code)],
        )
        .await;
    assert!(early.body.contains("签到还没有开始"), "{}", early.body);
    app.open_check_in(id).await;
    // A scanner types the ticket's whole link; the answer names the person.
    let checked = organizer
        .submit(
            &format!("/manage/sessions/{id}"),
            "/api/manage-sessions/check-in",
            &[
                ("id", &id.to_string()),
                (
                    "code",
                    &format!("https://yst.example.cn/checkin/{}", code.to_lowercase()),
                ),
            ],
        )
        .await;
    let notice = notice_of(&checked.body);
    assert!(
        notice.contains("刘洋") && notice.contains("签到成功") && !notice.contains("warning"),
        "{notice}"
    );
    assert!(
        checked.body.contains("autofocus"),
        "the code box keeps the focus"
    );
    let again = organizer
        .submit(
            &format!("/manage/sessions/{id}"),
            "/api/manage-sessions/check-in",
            &[("id", &id.to_string()), ("code", &code)],
        )
        .await;
    let notice = notice_of(&again.body);
    assert!(
        notice.contains("刘洋") && notice.contains("已经签过到了") && notice.contains("warning"),
        "{notice}"
    );
    let wrong = organizer
        .submit(
            &format!("/manage/sessions/{id}"),
            "/api/manage-sessions/check-in",
            &[("id", &id.to_string()), ("code", "ABCDEFGH")],
        )
        .await;
    assert!(wrong.body.contains("该报名码不属于本场活动"));
    assert_eq!(
        app.text(&format!(
            "SELECT checkin_method FROM registrations WHERE code = '{code}'"
        ))
        .await
        .as_deref(),
        Some("code")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_platforms_organizer_cannot_run_the_session_and_cancelling_tells_everyone() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    let resident = app.browser();
    resident
        .post_form(
            &format!("/sessions/{session}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &session.to_string()),
                ("name", "刘洋"),
                ("mobile", "13500000001"),
                ("consent", "yes"),
            ],
        )
        .await;
    let other = app.signed_in("organizer_b").await;
    assert_eq!(
        other
            .get(&format!("/manage/sessions/{session}"))
            .await
            .status,
        403
    );
    let refused = other
        .submit(
            "/manage/sessions",
            "/api/manage-sessions/cancel",
            &[("id", &session.to_string()), ("reason", "恶意")],
        )
        .await;
    assert!(refused.body.contains("您没有权限进行此操作"));
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {session}"))
            .await
            .as_deref(),
        Some("published")
    );
    let owner = app.signed_in("organizer_a").await;
    let done = owner
        .submit(
            &format!("/manage/sessions/{session}"),
            "/api/manage-sessions/cancel",
            &[("id", &session.to_string()), ("reason", "暴雨预警")],
        )
        .await;
    assert!(done.body.contains("活动已取消"));
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM messages WHERE kind = 'cancelled' AND body LIKE '%暴雨预警%'"
        )
        .await,
        1
    );
    let page = resident.get(&format!("/sessions/{session}")).await;
    assert!(page.body.contains("本次活动已取消") && !page.body.contains("提交报名"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_ins_are_attended_without_taking_a_seat_and_a_known_number_is_checked_in_instead() {
    let app = TestApp::spawn().await;
    let session = app.session(1, 7).await;
    let id = session.to_string();
    let resident = app.browser();
    resident
        .post_form(
            &format!("/sessions/{id}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", "刘洋"),
                ("mobile", "13500000001"),
                ("consent", "yes"),
            ],
        )
        .await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}");
    let walk = |name: &'static str, mobile: &'static str| {
        let organizer = organizer.clone();
        let (page, id) = (page.clone(), id.clone());
        async move {
            organizer
                .submit(
                    &page,
                    "/api/manage-sessions/walk-in",
                    &[
                        ("id", &id),
                        ("walk_in_name", name),
                        ("walk_in_role", "stakeholder"),
                        ("walk_in_mobile", mobile),
                    ],
                )
                .await
        }
    };
    app.open_check_in(id.parse().unwrap()).await;
    assert!(walk("陈静", "").await.body.contains("已登记并签到"));
    assert!(walk("刘洋", "13500000001")
        .await
        .body
        .contains("已登记并签到"));
    let bad = walk("王磊", "12345").await;
    assert!(bad.body.contains("手机号应为11位数字") && bad.body.contains("value=\"王磊\""));
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {id}"
        ))
        .await,
        2
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {id} AND state = 'attended'"
        ))
        .await,
        2
    );
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM registrations WHERE walk_in = 1 AND checkin_method = 'walk_in'"
        )
        .await,
        1
    );
    // The one seat is still held by the registrant, not by the walk-in.
    let public = resident.get(&format!("/sessions/{id}")).await;
    assert!(
        public.body.contains("剩余名额<!> <!>0") || public.body.contains("剩余名额 0"),
        "{}",
        public.body
    );
}

/// The notice at the top of a page, as written.
fn notice_of(page: &str) -> String {
    let start = page
        .find(r#"role="status""#)
        .and_then(|at| page[..at].rfind("<p"))
        .unwrap_or_else(|| panic!("a notice in {page}"));
    let end = page[start..].find("</p>").expect("a closed notice");
    page[start..start + end].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_finds_a_forgotten_code_and_a_scanned_ticket_checks_in_with_one_tap() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 2).await;
    let resident = app.browser();
    let code = resident
        .registration_code(session, "周建国", "13500001234")
        .await;
    app.open_check_in(session).await;
    let organizer = app.signed_in("organizer_a").await;

    // By name or the number's last digits: the row has its own check-in button.
    for find in ["周建", "1234"] {
        let desk = organizer
            .get(&format!(
                "/manage/sessions/{session}?find={}",
                app::url::encode_component(find)
            ))
            .await
            .body;
        let found = &desk[desk
            .find("desk-found")
            .unwrap_or_else(|| panic!("{find}: {desk}"))..];
        assert!(
            found.contains("周建国") && found.contains(&format!(r#"value="{code}""#)),
            "{found}"
        );
    }
    let nobody = organizer
        .get(&format!("/manage/sessions/{session}?find=9999"))
        .await
        .body;
    assert!(nobody.contains("没有找到"), "{nobody}");

    // The ticket's QR code holds the check-in link, in an SVG fit for an HTML page.
    let ticket = resident.get(&format!("/r/{code}")).await.body;
    assert!(
        ticket.contains("<svg") && !ticket.contains("<?xml"),
        "{ticket}"
    );

    // Opened by someone else, the link shows nothing of the person.
    let link = format!("/checkin/{code}");
    let stranger = app.browser().get(&link).await.body;
    assert!(
        stranger.contains("参会凭证") && !stranger.contains("周建国"),
        "{stranger}"
    );
    let other = app.signed_in("organizer_b").await.get(&link).await.body;
    assert!(!other.contains("周建国"), "{other}");
    // The session's organizer sees who it is and checks them in with one tap.
    let page = organizer.get(&link).await.body;
    assert!(
        page.contains("周建国") && page.contains("确认签到"),
        "{page}"
    );
    let done = organizer
        .submit(
            &link,
            "/api/manage-sessions/check-in",
            &[("id", &session.to_string()), ("code", &code)],
        )
        .await;
    assert!(notice_of(&done.body).contains("周建国"), "{}", done.body);
    let query = format!("SELECT state FROM registrations WHERE code = '{code}'");
    let state = || app.text(&query);
    assert_eq!(state().await.as_deref(), Some("attended"));

    // The wrong row tapped: within a minute the desk takes it back.
    assert!(done.body.contains("刚刚签到"), "{}", done.body);
    let undo = [("id", session.to_string()), ("code", code.clone())];
    let undo: Vec<(&str, &str)> = undo.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let desk = format!("/manage/sessions/{session}");
    let undone = organizer
        .submit(&desk, "/api/manage-sessions/undo-check-in", &undo)
        .await;
    assert!(
        notice_of(&undone.body).contains("签到已撤销"),
        "{}",
        undone.body
    );
    assert_eq!(state().await.as_deref(), Some("registered"));
    // Later than a minute it stays.
    organizer
        .submit(
            &desk,
            "/api/manage-sessions/check-in",
            &[("id", &session.to_string()), ("code", &code)],
        )
        .await;
    app.exec(&format!(
        "UPDATE registrations SET checked_in_at = datetime(checked_in_at, '-2 minutes') WHERE code = '{code}'"
    ))
    .await;
    let late = organizer
        .submit(&desk, "/api/manage-sessions/undo-check-in", &undo)
        .await;
    assert!(
        late.body.contains("只能撤销一分钟内的签到"),
        "{}",
        late.body
    );
    assert_eq!(state().await.as_deref(), Some("attended"));
}

/// The desk scanner's call: a ticket read at `at` (ms since 1970), sent under `key`.
async fn scan(
    organizer: &common::Browser,
    session: i64,
    code: &str,
    key: &str,
    at: i64,
) -> common::Answer {
    let body = format!("id={session}&code={code}&key={key}&at={at}");
    organizer
        .post_raw(
            "/api/manage-sessions/scan",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "application/json"),
                ("origin", organizer.origin()),
            ],
            body,
        )
        .await
}

fn answer_of(answer: &common::Answer) -> app::views::organizing::ScanAnswer {
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{e}: {}", answer.body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scanned_ticket_sent_again_under_its_key_is_answered_the_same_and_counted_once() {
    use app::views::organizing::ScanTone;

    let app = TestApp::spawn().await;
    let session = app.session(10, 2).await;
    let resident = app.browser();
    let code = resident
        .registration_code(session, "周建国", "13500001234")
        .await;
    let early = resident
        .registration_code(session, "李秀英", "13500005678")
        .await;
    app.open_check_in(session).await;
    let organizer = app.signed_in("organizer_a").await;
    let now_ms = chrono::Utc::now().timestamp_millis();
    let state = |code: &str| {
        let query = format!("SELECT state FROM registrations WHERE code = '{code}'");
        let app = &app;
        async move { app.text(&query).await }
    };

    // The desk page may use the camera and loads the island; no other page may.
    let desk = organizer.get(&format!("/manage/sessions/{session}")).await;
    let policy = |a: &common::Answer| a.headers["permissions-policy"].to_str().unwrap().to_owned();
    assert!(
        policy(&desk).contains("camera=(self)"),
        "{:?}",
        desk.headers
    );
    assert!(desk.body.contains("<leptos-island") && desk.body.contains(r#"type="module""#));
    let elsewhere = organizer.get("/manage").await;
    assert!(policy(&elsewhere).contains("camera=()"));
    assert!(!elsewhere.body.contains("<script"), "no island, no script");

    let key = "desk1-aaaaaaaaaaaaaaaa";
    let first = answer_of(&scan(&organizer, session, &code, key, now_ms).await);
    assert_eq!(first.tone, ScanTone::Done);
    assert_eq!(first.name.as_deref(), Some("周建国"));
    assert_eq!((first.message.as_str(), first.attended), ("签到成功", 1));
    // Its answer lost, the desk sends it again: the same answer, nothing counted twice.
    let again = answer_of(&scan(&organizer, session, &code, key, now_ms).await);
    assert_eq!(again, first);
    let audited = format!(
        "SELECT count(*) FROM audit_log a JOIN registrations r ON r.id = a.entity_id
         WHERE a.entity = 'registration' AND r.code = '{code}' AND a.after_json LIKE '%attended%'"
    );
    assert_eq!(app.scalar(&audited).await, 1);

    // Taken back at the desk, a late resend of the same scan does not check them in again.
    organizer
        .submit(
            &format!("/manage/sessions/{session}"),
            "/api/manage-sessions/undo-check-in",
            &[("id", &session.to_string()), ("code", &code)],
        )
        .await;
    assert_eq!(state(&code).await.as_deref(), Some("registered"));
    let late = answer_of(&scan(&organizer, session, &code, key, now_ms).await);
    assert_eq!(late.tone, ScanTone::Done);
    assert_eq!(state(&code).await.as_deref(), Some("registered"));

    // A new scan of the ticket is a new check-in; one more says it was done already.
    let anew = answer_of(&scan(&organizer, session, &code, "desk1-bbbbbbbbbbbbbbbb", now_ms).await);
    assert_eq!((anew.tone, anew.attended), (ScanTone::Done, 1));
    let twice =
        answer_of(&scan(&organizer, session, &code, "desk1-cccccccccccccccc", now_ms).await);
    assert_eq!(twice.tone, ScanTone::Again);
    assert!(twice.message.contains("不重复计数"), "{}", twice.message);

    // A scan that waited offline counts as of when it was read; a clock ahead counts as now.
    let read = now_ms - 10 * 60 * 1000;
    answer_of(&scan(&organizer, session, &early, "desk1-dddddddddddddddd", read).await);
    let at = app
        .text(&format!(
            "SELECT checked_in_at FROM registrations WHERE code = '{early}'"
        ))
        .await
        .unwrap();
    let expected = chrono::DateTime::from_timestamp_millis(read)
        .unwrap()
        .naive_utc()
        + chrono::TimeDelta::hours(8);
    assert_eq!(at, expected.format("%Y-%m-%d %H:%M:%S").to_string());
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE code = '{early}' AND checkin_method = 'qr'"
        ))
        .await,
        1
    );

    // Refusals are answers to show, not errors; a malformed key is refused outright.
    let unknown = answer_of(
        &scan(
            &organizer,
            session,
            "AAAAAAAA",
            "desk1-eeeeeeeeeeeeeeee",
            now_ms,
        )
        .await,
    );
    assert_eq!((unknown.tone, unknown.name), (ScanTone::Refused, None));
    assert!(unknown.message.contains("不属于本场活动"));
    let bad_key = scan(&organizer, session, &code, "short", now_ms).await;
    assert_eq!(bad_key.status, 400, "{}", bad_key.body);
    // Another platform's organizer cannot scan into this session.
    let other = app.signed_in("organizer_b").await;
    let refused = scan(&other, session, &code, "desk2-aaaaaaaaaaaaaaaa", now_ms).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        app.scalar("SELECT count(*) FROM check_in_requests").await,
        3
    );
}
