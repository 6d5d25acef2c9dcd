//! Residents sign up on their phones: seats are never oversold, a second tap returns the same
//! registration, a cancellation promotes the next person, and every refusal says why.

use crate::common;

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
    // Eight taps of one number from one phone that opened the session's page (and so holds its
    // device cookie): within the number's rate limit.
    let phone = app.browser();
    phone.get(&format!("/sessions/{session}")).await;
    for i in 0..24 {
        let b = if i % 3 == 0 {
            phone.clone()
        } else {
            app.browser()
        };
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
    // One confirmation, its time written as every other message writes it.
    let body = app
        .text("SELECT group_concat(body) FROM messages WHERE kind = 'confirmation'")
        .await
        .unwrap();
    assert!(body.contains("月") && body.contains("（周"), "{body}");
    assert!(!body.contains(":00。") && !body.contains("-"), "{body}");
}

/// A number typed on another phone never reveals the registration it holds: no code, no name,
/// no state, and the name is not overwritten; the phone that signed up still lands on its code,
/// and a place given up and taken again gets a code its earlier holder never saw.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_typed_elsewhere_reveals_and_takes_over_nothing() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    let page = format!("/sessions/{session}");
    let owner = app.browser();
    owner.get(&page).await;
    let to = owner
        .sign_up(session, "王秀英", "13812345678")
        .await
        .location()
        .unwrap();
    assert!(to.starts_with("/r/"), "{to}");
    let code = to[3..11].to_owned();

    let stranger = app.browser();
    stranger.get(&page).await;
    let answer = stranger.sign_up(session, "冒名者", "13812345678").await;
    let back = answer.location().unwrap();
    assert!(back.starts_with(&page), "back to the form: {back}");
    let shown = stranger.get(&back).await.body;
    assert!(
        shown.contains("这个号码已报名本场活动"),
        "the neutral answer"
    );
    for secret in [code.as_str(), "王秀英", "已报名成功", "/r/"] {
        assert!(!shown.contains(secret), "{secret} leaked");
    }
    assert_eq!(
        app.text("SELECT group_concat(name) FROM registrations")
            .await
            .as_deref(),
        Some("王秀英"),
        "the name stays its holder's"
    );
    // Without the code, nothing cancels it.
    let cancel = stranger
        .post_form(&page, "/api/registrations/cancel", &[("code", "")])
        .await;
    assert!(!cancel.location().unwrap_or_default().starts_with("/r/"));
    assert_eq!(
        app.text("SELECT state FROM registrations").await.as_deref(),
        Some("registered")
    );

    // The phone that signed up, coming back later, is shown its registration on the session's
    // page, and signing up again lands on it; the other phone's page names nothing.
    let back_later = owner.get(&page).await.body;
    assert!(back_later.contains("这部手机已为本场活动报名"));
    assert!(back_later.contains(&format!("/r/{code}")) && back_later.contains("王秀英"));
    let elsewhere = stranger.get(&page).await.body;
    assert!(!elsewhere.contains("这部手机已为本场活动报名") && !elsewhere.contains(&code));
    let again = owner.sign_up(session, "王秀英", "13812345678").await;
    assert_eq!(
        again.location().unwrap().split('?').next(),
        Some(format!("/r/{code}").as_str())
    );

    // Given up, then taken by someone else with the same number: a fresh code.
    owner
        .post_form(&to, "/api/registrations/cancel", &[("code", &code)])
        .await;
    let taken = stranger.sign_up(session, "冒名者", "13812345678").await;
    let taken = taken.location().unwrap();
    assert!(
        taken.starts_with("/r/") && !taken.contains(&code),
        "{taken}"
    );
    assert_eq!(owner.get(&format!("/r/{code}")).await.status, 404);
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

/// Sign-ups that reach the queue together are decided together (one read, one write per
/// table) and must come out as if decided one by one, in arrival order. On one thread the queue
/// task runs only once every sign-up below is queued, so they make one batch.
#[tokio::test(flavor = "current_thread")]
async fn sign_ups_arriving_together_are_decided_as_one_by_one() {
    use app::domain::{Mobile, PersonName, RegistrationCode, RegistrationRole};
    use store::repo::registrations::{cancel, SignUpOutcome::*, SignUpRefusal::*, SignUpRequest};

    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let now = store::clock::now_local();
    let two_seats = app.session(2, 7).await;
    let draft = app.session(5, 7).await;
    let experts_only = app.session(5, 7).await;
    let came_back = app.session(1, 7).await;
    app.exec(&format!(
        "UPDATE sessions SET status = 'draft' WHERE id = {draft};
         UPDATE sessions SET audience = 'invited_roles' WHERE id = {experts_only};
         INSERT INTO session_roles (session_id, role) VALUES ({experts_only}, 'expert')"
    ))
    .await;
    let request = |session_id, mobile: &str, role| SignUpRequest {
        session_id,
        name: PersonName::parse("居民").unwrap(),
        mobile: Mobile::parse(mobile).unwrap(),
        role,
        member: None,
        device: Some("d".repeat(64)),
        lang: app::i18n::Lang::Zh,
    };
    let resident = RegistrationRole::Resident;
    // One number signed up and cancelled before: signing up again brings its registration back.
    let sign_up = |r: &SignUpRequest| app.state.sign_ups.submit(r.clone(), now);
    let first = sign_up(&request(came_back, "13600000009", resident))
        .await
        .unwrap();
    let Ok(Registered(old_code)) = first else {
        panic!("{first:?}")
    };
    let parsed = RegistrationCode::parse(&old_code).unwrap();
    cancel(db, &parsed, now).await.unwrap();

    let batch = [
        request(two_seats, "13600000001", resident),
        request(two_seats, "13600000002", resident),
        request(two_seats, "13600000001", resident),
        request(two_seats, "13600000003", resident),
        request(draft, "13600000004", resident),
        request(i64::MAX, "13600000005", resident),
        request(experts_only, "13600000006", resident),
        request(experts_only, "13600000007", RegistrationRole::Expert),
        request(came_back, "13600000009", resident),
        request(came_back, "13600000010", resident),
    ];
    let answers: Vec<_> = futures_util::future::join_all(batch.iter().map(sign_up))
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let code = |i: usize| match &answers[i] {
        Ok(Registered(c) | Waitlisted(c) | Existing(c)) => c.clone(),
        other => panic!("{i}: {other:?}"),
    };
    assert!(matches!(answers[0], Ok(Registered(_))), "{answers:?}");
    assert!(matches!(answers[1], Ok(Registered(_))), "{answers:?}");
    assert_eq!(
        answers[2],
        Ok(Existing(code(0))),
        "the second tap of one number"
    );
    assert!(
        matches!(answers[3], Ok(Waitlisted(_))),
        "two seats taken before it"
    );
    assert_eq!(answers[4], Err(NoSuchSession), "a draft");
    assert_eq!(answers[5], Err(NoSuchSession));
    assert_eq!(answers[6], Err(RoleNotInvited));
    assert!(matches!(answers[7], Ok(Registered(_))), "{answers:?}");
    assert_eq!(
        answers[8],
        Ok(Registered(old_code.clone())),
        "the same registration again"
    );
    assert!(
        matches!(answers[9], Ok(Waitlisted(_))),
        "its one seat is taken again"
    );
    let distinct: std::collections::HashSet<_> = [0, 1, 3, 7, 9].map(code).into();
    assert_eq!(distinct.len(), 5);

    let states = app
        .text(&format!(
            "SELECT group_concat(mobile || ':' || state, ' ') FROM
               (SELECT mobile, state FROM registrations WHERE session_id IN ({two_seats}, {came_back}) ORDER BY id)"
        ))
        .await;
    assert_eq!(
        states.as_deref(),
        Some(
            "13600000009:registered 13600000001:registered 13600000002:registered \
             13600000003:waitlisted 13600000010:waitlisted"
        )
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM registrations").await,
        6,
        "nothing for the refused"
    );
    assert_eq!(
        app.text("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM messages ORDER BY id)")
            .await
            .as_deref(),
        Some(
            "confirmation confirmation confirmation waitlisted confirmation confirmation waitlisted"
        ),
        "a message for each place taken or waited for, the first from before the batch"
    );
    let drifted = common::kept::drifted(&app.state.db.read).await;
    assert!(drifted.is_empty(), "copies differ: {drifted:?}");
}

/// A sign-up the store refuses inside a batch fails alone: the batch is tried again one by one.
#[tokio::test(flavor = "current_thread")]
async fn a_sign_up_the_store_refuses_fails_alone() {
    use app::domain::{Mobile, PersonName, RegistrationRole};
    use store::repo::{
        registrations::{SignUpOutcome, SignUpRequest},
        StoreError,
    };

    let app = TestApp::spawn().await;
    let session = app.session(10, 7).await;
    // Stands for any failure of one row: the store refuses this one name.
    app.exec(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON registrations WHEN NEW.name = '拒收'
         BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    )
    .await;
    let request = |name: &str, mobile: &str| SignUpRequest {
        session_id: session,
        name: PersonName::parse(name).unwrap(),
        mobile: Mobile::parse(mobile).unwrap(),
        role: RegistrationRole::Resident,
        member: None,
        device: None,
        lang: app::i18n::Lang::Zh,
    };
    let batch = [
        request("居民甲", "13700000001"),
        request("拒收", "13700000002"),
        request("居民乙", "13700000003"),
    ];
    let now = store::clock::now_local();
    let answers = futures_util::future::join_all(
        batch
            .iter()
            .map(|r| app.state.sign_ups.submit(r.clone(), now)),
    )
    .await;
    assert!(
        matches!(answers[0], Ok(Ok(SignUpOutcome::Registered(_)))),
        "{answers:?}"
    );
    assert!(
        matches!(answers[1], Err(StoreError::Conflict(_))),
        "{answers:?}"
    );
    assert!(
        matches!(answers[2], Ok(Ok(SignUpOutcome::Registered(_)))),
        "{answers:?}"
    );
    assert_eq!(
        app.text(
            "SELECT group_concat(name, ' ') FROM (SELECT name FROM registrations ORDER BY id)"
        )
        .await
        .as_deref(),
        Some("居民甲 居民乙")
    );
    assert_eq!(app.scalar("SELECT count(*) FROM messages").await, 2);
    let drifted = common::kept::drifted(&app.state.db.read).await;
    assert!(drifted.is_empty(), "copies differ: {drifted:?}");
}

/// Seats squatted with typed numbers are cleared by the session's organizers before it starts:
/// each place goes to the first person waiting; a code of another session is not touched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizers_clear_squatted_places_and_the_waiting_move_up() {
    let app = TestApp::spawn().await;
    let session = app.session(1, 7).await;
    let other = app.session(5, 7).await;
    let squatter = app.browser();
    let to = squatter
        .sign_up(session, "占位", "13900000001")
        .await
        .location()
        .unwrap();
    let code = to[3..11].to_owned();
    app.browser()
        .sign_up(session, "真居民", "13900000002")
        .await;
    let elsewhere = app
        .browser()
        .sign_up(other, "别场", "13900000003")
        .await
        .location()
        .unwrap();
    let organizer = app.signed_in("organizer_a").await;
    let id = session.to_string();
    let page = organizer
        .get(&format!("/manage/sessions/{session}"))
        .await
        .body;
    assert!(page.contains("取消此报名"));
    // Another session's code through this session: not found, nothing changes.
    let wrong = organizer
        .post_form(
            &format!("/manage/sessions/{session}"),
            "/api/manage-sessions/clear-registration",
            &[("id", &id), ("code", &elsewhere[3..11])],
        )
        .await;
    let alert = common::functions::flash_of(&app, &wrong.location().unwrap()).and_then(|f| f.alert);
    assert_eq!(alert, Some(app::i18n::T::NotFoundText));
    let done = organizer
        .submit(
            &format!("/manage/sessions/{session}"),
            "/api/manage-sessions/clear-registration",
            &[("id", &id), ("code", &code)],
        )
        .await;
    assert!(done.body.contains("已取消该报名"), "{}", done.body);
    assert_eq!(
        app.text(&format!(
            "SELECT group_concat(name || ':' || state, ' ') FROM (SELECT name, state FROM registrations WHERE session_id = {session} ORDER BY id)"
        ))
        .await
        .as_deref(),
        Some("占位:cancelled 真居民:registered")
    );
    assert_eq!(
        app.scalar(&format!("SELECT count(*) FROM registrations WHERE session_id = {other} AND state = 'registered'"))
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_asks_first_and_a_cancelled_ticket_shows_no_code_but_a_way_back() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let phone = app.browser();
    let code = phone
        .registration_code(session, "王秀英", "13812340000")
        .await;
    let ticket = phone.get(&format!("/r/{code}")).await.body;
    // One tap leads to a question, not to the cancellation.
    assert!(
        ticket.contains(&format!(r#"href="/r/{code}/cancel""#)),
        "{ticket}"
    );
    assert!(
        !ticket.contains(r#"action="/api/registrations/cancel""#),
        "{ticket}"
    );
    let ask = phone.get(&format!("/r/{code}/cancel")).await.body;
    assert!(
        ask.contains("确定取消报名吗") && ask.contains(r#"action="/api/registrations/cancel""#),
        "{ask}"
    );
    let done = phone
        .submit(
            &format!("/r/{code}/cancel"),
            "/api/registrations/cancel",
            &[("code", &code)],
        )
        .await
        .body;
    assert!(
        done.contains("报名已取消") && done.contains("这个报名已取消"),
        "{done}"
    );
    assert!(
        !done.contains("<svg") && !done.contains(r#"class="code""#),
        "no ticket to show: {done}"
    );
    assert!(
        done.contains(&format!(r#"href="/sessions/{session}#sign-up""#)),
        "{done}"
    );
}
