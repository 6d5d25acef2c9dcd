//! Residents sign up on their phones: seats are never oversold, a second tap returns the same
//! registration, a cancellation promotes the next person, and every refusal says why.

mod common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_simultaneous_sign_ups_for_fifty_seats_leave_fifty_registered_and_150_waiting()
{
    let app = TestApp::spawn().await;
    let session = app.session(50, 7).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..200 {
        let b = app.browser();
        tasks.spawn(async move {
            b.sign_up(session, &format!("居民{i}"), &format!("139{i:08}"))
                .await
        });
    }
    let mut codes = std::collections::HashSet::new();
    while let Some(answer) = tasks.join_next().await {
        let answer = answer.unwrap();
        assert!(answer.status.is_redirection(), "got {}", answer.status);
        let location = answer.location().unwrap();
        assert!(location.starts_with("/r/"), "{location}");
        codes.insert(location[3..11].to_owned());
    }
    assert_eq!(codes.len(), 200);
    let registered = app.scalar(&format!("SELECT count(*) FROM registrations WHERE session_id = {session} AND state = 'registered'")).await;
    let waiting = app.scalar(&format!("SELECT count(*) FROM registrations WHERE session_id = {session} AND state = 'waitlisted'")).await;
    assert_eq!((registered, waiting), (50, 150));
    let taken = app
        .scalar(&format!(
            "SELECT seats_taken FROM sessions WHERE id = {session}"
        ))
        .await;
    assert_eq!(taken, 50, "the kept count of seats taken");
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'confirmation'")
            .await,
        50
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'waitlisted'")
            .await,
        150
    );
}

/// Sign-ups that arrive together are committed together; taps of the same number landing in one
/// group still make one registration, and a sign-up refused inside a group leaves the others.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_taps_of_one_number_make_one_registration() {
    let app = TestApp::spawn().await;
    let session = app.session(5, 7).await;
    let closed = app.session(5, -1).await;
    let mut tasks = tokio::task::JoinSet::new();
    // Eight taps of one number: within its rate limit.
    for i in 0..24 {
        let b = app.browser();
        tasks.spawn(async move {
            let (s, mobile) = match i % 3 {
                0 => (session, "13800000001".to_owned()),
                1 => (session, format!("137{i:08}")),
                _ => (closed, format!("136{i:08}")),
            };
            (
                i % 3,
                b.sign_up(s, "居民", &mobile).await.location().unwrap(),
            )
        });
    }
    let mut same = std::collections::HashSet::new();
    while let Some(done) = tasks.join_next().await {
        let (kind, to) = done.unwrap();
        match kind {
            0 => {
                same.insert(to.split('?').next().unwrap().to_owned());
            }
            1 => assert!(to.starts_with("/r/"), "{to}"),
            _ => assert!(!to.starts_with("/r/"), "{to}"),
        }
    }
    assert_eq!(same.len(), 1, "{same:?}");
    let count = |state: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT count(*) FROM registrations WHERE session_id = {session} AND state = '{state}'"
            ))
            .await
        }
    };
    assert_eq!(
        (count("registered").await, count("waitlisted").await),
        (5, 4)
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {closed}"
        ))
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_submission_returns_the_same_registration() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    let b = app.browser();
    let first = b
        .sign_up(session, "张三", "13812341234")
        .await
        .location()
        .unwrap();
    let second = b.sign_up(session, "张三", "138 1234 1234").await;
    assert_eq!(
        second.location().unwrap().split('?').next(),
        first.split('?').next()
    );
    let page = b.get(&second.location().unwrap()).await;
    assert!(page.body.contains("该手机号已报名本次活动"));
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_promotes_the_first_person_waiting() {
    let app = TestApp::spawn().await;
    let session = app.session(1, 7).await;
    let b = app.browser();
    let first = b
        .sign_up(session, "甲", "13800000001")
        .await
        .location()
        .unwrap();
    let second = b
        .sign_up(session, "乙", "13800000002")
        .await
        .location()
        .unwrap();
    let third = b
        .sign_up(session, "丙", "13800000003")
        .await
        .location()
        .unwrap();
    let waiting = b.get(&third).await;
    assert!(
        waiting.body.contains("候补中") && waiting.body.contains("候补顺位 2"),
        "{}",
        waiting.body
    );
    let code = &first[3..11];
    let cancelled = b
        .submit(&first, "/api/registrations/cancel", &[("code", code)])
        .await;
    assert!(cancelled.body.contains("报名已取消"));
    let promoted = b.get(second.split('?').next().unwrap()).await;
    assert!(promoted.body.contains("已报名"), "{}", promoted.body);
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'promoted'")
            .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM registrations WHERE state = 'waitlisted'")
            .await,
        1
    );
    // Signing up again after cancelling brings the same code back, at the end of the queue.
    let again = b
        .sign_up(session, "甲", "13800000001")
        .await
        .location()
        .unwrap();
    assert_eq!(&again[3..11], code);
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 3);
    let drifted = common::kept::drifted(&app.state.db.read).await;
    assert!(drifted.is_empty(), "copies differ: {drifted:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_refusal_has_its_own_message_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let open = app.session(10, 7).await;
    let from = format!("/sessions/{open}");
    let id = open.to_string();
    let bad = b
        .submit(
            &from,
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", "王五"),
                ("mobile", "1381234"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(bad.body.contains("手机号应为11位数字"));
    assert!(bad.body.contains("value=\"王五\"") && bad.body.contains("value=\"1381234\""));
    let no_consent = b
        .submit(
            &from,
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", "王五"),
                ("mobile", "13812341234"),
            ],
        )
        .await;
    assert!(no_consent.body.contains("请勾选同意后再提交"));

    let closed = app.session(10, 0).await; // deadline yesterday, starts later today or now
    sqlx::query(&format!("UPDATE sessions SET starts_at = datetime(starts_at, '+6 hours'), ends_at = datetime(ends_at, '+6 hours') WHERE id = {closed}"))
        .execute(&app.state.db.write)
        .await
        .unwrap();
    let page = b
        .submit(
            &format!("/sessions/{closed}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &closed.to_string()),
                ("name", "王五"),
                ("mobile", "13812341234"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(page.body.contains("报名已截止"), "{}", page.body);

    let cancelled = app.session(10, 7).await;
    sqlx::query(&format!(
        "UPDATE sessions SET status = 'cancelled', cancel_reason = '天气' WHERE id = {cancelled}"
    ))
    .execute(&app.state.db.write)
    .await
    .unwrap();
    let page = b
        .submit(
            &format!("/sessions/{cancelled}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &cancelled.to_string()),
                ("name", "王五"),
                ("mobile", "13812341234"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(page.body.contains("本次活动已取消"));

    let past = app.session(10, -3).await;
    let page = b
        .submit(
            &format!("/sessions/{past}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &past.to_string()),
                ("name", "王五"),
                ("mobile", "13812341234"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(page.body.contains("不能报名"));

    let full = app.session(1, 7).await;
    b.sign_up(full, "甲", "13800000001").await;
    let answer = b.sign_up(full, "乙", "13800000002").await;
    let page = b.get(&answer.location().unwrap()).await;
    assert!(page.body.contains("您已进入候补名单"));
    assert_eq!(
        app.scalar("SELECT count(*) FROM registrations WHERE mobile = '13812341234'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registration_page_shows_the_code_and_qr_and_only_a_masked_number() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    let b = app.browser();
    let location = b
        .sign_up(session, "赵六", "13912345678")
        .await
        .location()
        .unwrap();
    let page = b.get(&location).await;
    let code = &location[3..11];
    assert!(page.body.contains(code) && page.body.contains("<svg"));
    assert!(page.body.contains("139****5678") && !page.body.contains("13912345678"));
    assert_eq!(b.get("/r/NOSUCHCO").await.status, 404);
    assert_eq!(b.get("/r/<script>").await.status, 404);
    let list = b.get("/sessions").await;
    assert!(list.body.contains("老旧小区加装电梯协商"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_can_be_added_to_a_calendar_in_utc() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    let res = reqwest::get(app.url(&format!("/sessions/{session}/calendar.ics")))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = res.text().await.unwrap();
    let start = app.text(&format!("SELECT strftime('%Y%m%dT%H%M%SZ', starts_at, '-8 hours') FROM sessions WHERE id = {session}")).await.unwrap();
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:老旧小区加装电梯协商"),
        "{ics}"
    );
    assert!(ics.contains(&format!("DTSTART:{start}")), "{ics}");
    assert_eq!(
        reqwest::get(app.url("/sessions/999/calendar.ics"))
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        reqwest::get(app.url("/sessions/x/calendar.ics"))
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_member_is_recorded_as_a_member_with_their_level() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let member = app.signed_in("member").await;
    let page = member.get(&format!("/sessions/{session}")).await;
    assert!(page.body.contains("将以政协委员身份报名"));
    assert!(
        page.body.contains(r#"value="member""#),
        "the name is filled in"
    );
    let answer = member.sign_up(session, "member", "13912340000").await;
    assert!(answer.location().unwrap().starts_with("/r/"));
    assert_eq!(
        app.text(&format!(
            "SELECT r.role || ' ' || r.member_level || ' ' || u.username FROM registrations r
             JOIN users u ON u.id = r.member_user_id WHERE r.session_id = {session}"
        ))
        .await
        .as_deref(),
        Some("member city member")
    );
    let resident = app.browser();
    resident.sign_up(session, "居民", "13912340001").await;
    assert_eq!(
        app.text(
            "SELECT role || coalesce(member_level, '-') FROM registrations WHERE mobile = '13912340001'"
        )
        .await
        .as_deref(),
        Some("resident-"),
        "without a login, a resident"
    );
}
