//! How often one source may try: wrong passwords lock a username (existing or not) for the
//! address they came from, one network address gets only so many sign-ins, sign-ups (overall and
//! per session), refused forms and guessed codes, one mobile number only so many sign-ups.

use crate::common;

use std::{num::NonZeroU32, time::Duration};

use app::web::limits::{Rate, Rates};
use common::{Browser, TestApp, PASSWORD};

const LOCKED: &str = "已暂停登录一段时间";

async fn sign_in(b: &Browser, username: &str, password: &str) -> common::Answer {
    b.submit(
        "/login",
        "/api/auth/login",
        &[("username", username), ("password", password), ("next", "")],
    )
    .await
}

fn rate(burst: u32) -> Rate {
    Rate::new(NonZeroU32::new(burst).unwrap(), Duration::from_secs(3600))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_passwords_lock_a_name_whether_or_not_it_is_an_account() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let mut answers = Vec::new();
    for name in ["city", "nobody"] {
        let mut texts = Vec::new();
        for _ in 0..5 {
            let page = sign_in(&b, name, "not the password").await;
            texts.push((
                page.body.contains("用户名或密码不正确"),
                page.body.contains(LOCKED),
            ));
        }
        answers.push(texts);
    }
    // Four plain refusals, then the lock: the same for the account and the stranger.
    let expected: Vec<_> = (0..5).map(|i| (i < 4, i == 4)).collect();
    assert_eq!(answers[0], expected);
    assert_eq!(answers[1], expected);
    // Locked: even the right password is refused, and no session starts.
    let right = sign_in(&b, "city", PASSWORD).await;
    assert!(right.body.contains(LOCKED));
    // Case and spaces buy no extra attempts.
    assert!(sign_in(&b, " CITY ", PASSWORD).await.body.contains(LOCKED));
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 0);
    // Another name is not affected.
    let other = app.browser();
    let res = other
        .post_form(
            "/login",
            "/api/auth/login",
            &[
                ("username", "district_a"),
                ("password", PASSWORD),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(res.location().as_deref(), Some("/manage"));
    // When the lock is over, the right password works and the count starts again.
    app.exec("UPDATE login_failures SET locked_until = '2000-01-01 00:00:00'")
        .await;
    let res = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "city"), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert_eq!(res.location().as_deref(), Some("/manage"));
    assert_eq!(
        app.scalar("SELECT count(*) FROM login_failures WHERE username = 'city'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_gets_only_so_many_sign_in_attempts() {
    let app = TestApp::spawn_with(Rates {
        sign_ins_per_address: rate(3),
        ..Rates::default()
    })
    .await;
    let b = app.browser();
    for name in ["a1", "a2", "a3"] {
        assert!(sign_in(&b, name, "wrong")
            .await
            .body
            .contains("用户名或密码不正确"));
    }
    let fourth = sign_in(&b, "city", PASSWORD).await;
    assert!(fourth.body.contains("登录尝试过于频繁"), "{}", fourth.body);
    assert!(fourth.body.contains("value=\"city\""));
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_gets_only_so_many_sign_ups_and_what_was_typed_stays() {
    let app = TestApp::spawn_with(Rates {
        sign_ups_per_address: rate(3),
        ..Rates::default()
    })
    .await;
    let session = app.session(50, 5).await;
    let b = app.browser();
    for i in 0..3 {
        let ok = b.sign_up(session, "居民", &format!("1390000000{i}")).await;
        assert!(ok.location().unwrap().starts_with("/r/"));
    }
    let id = session.to_string();
    let refused = b
        .submit(
            &format!("/sessions/{session}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", "第四人"),
                ("mobile", "13900000009"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(refused.body.contains("提交过于频繁"), "{}", refused.body);
    assert!(refused.body.contains("value=\"第四人\""));
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 3);
    // A mistyped form costs no attempt and still gets its own message.
    let typo = b
        .submit(
            &format!("/sessions/{session}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", "第五人"),
                ("mobile", "1390"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert!(typo.body.contains("手机号应为11位数字"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_number_gets_only_so_many_sign_ups() {
    let app = TestApp::spawn_with(Rates {
        sign_ups_per_mobile: rate(2),
        ..common::open_by_address()
    })
    .await;
    let sessions = [
        app.session(50, 5).await,
        app.session(50, 6).await,
        app.session(50, 7).await,
    ];
    let b = app.browser();
    for s in &sessions[..2] {
        let ok = b.sign_up(*s, "居民", "139 0000 0001").await;
        assert!(ok.location().unwrap().starts_with("/r/"));
    }
    // Written differently, the same number.
    let third = b.sign_up(sessions[2], "居民", "13900000001").await;
    assert!(!third.location().unwrap().starts_with("/r/"));
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 2);
    // Another number from the same phone is its own count.
    let other = b.sign_up(sessions[2], "家人", "13900000002").await;
    assert!(other.location().unwrap().starts_with("/r/"));
}

/// Wrong passwords from one address lock the name for that address only, for longer each time;
/// the owner at their own address still signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_locks_out_only_themselves_and_for_longer_each_time() {
    let app = TestApp::spawn_configured(|c| c.behind_proxy = true).await;
    let stranger = app.browser_at("203.0.113.9");
    for _ in 0..5 {
        sign_in(&stranger, "city", "not the password").await;
    }
    assert!(sign_in(&stranger, "city", PASSWORD)
        .await
        .body
        .contains(LOCKED));
    let owner = app.browser_at("198.51.100.7");
    let res = owner
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "city"), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert_eq!(
        res.location().as_deref(),
        Some("/manage"),
        "the owner gets in"
    );
    let minutes_locked = "SELECT CAST(round((julianday(locked_until) - julianday(first_failed_at)) * 1440) AS INTEGER)
         FROM login_failures WHERE address = '203.0.113.9'";
    assert_eq!(app.scalar(minutes_locked).await, 15);
    // The lock runs out; five more wrong passwords lock the stranger twice as long.
    app.exec("UPDATE login_failures SET locked_until = datetime('now', '+8 hours', '-1 minute')")
        .await;
    for _ in 0..5 {
        sign_in(&stranger, "city", "not the password").await;
    }
    assert_eq!(app.scalar(minutes_locked).await, 30);
    assert_eq!(
        app.scalar("SELECT locks FROM login_failures WHERE address = '203.0.113.9'")
            .await,
        2
    );
}

/// One address takes only what a family or a village's shared phone needs of one session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_fill_a_session() {
    let app = TestApp::spawn_with(Rates::default()).await;
    let session = app.session(50, 5).await;
    let other = app.session(50, 6).await;
    let b = app.browser();
    for i in 0..8 {
        let ok = b.sign_up(session, "居民", &format!("1390000001{i}")).await;
        assert!(ok.location().unwrap().starts_with("/r/"), "sign-up {i}");
    }
    let ninth = b.sign_up(session, "居民", "13900000019").await;
    assert!(!ninth.location().unwrap().starts_with("/r/"));
    let page = b.get(&ninth.location().unwrap()).await;
    assert!(page.body.contains("提交过于频繁"), "{}", page.body);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {session}"
        ))
        .await,
        8
    );
    let elsewhere = b.sign_up(other, "居民", "13900000019").await;
    assert!(
        elsewhere.location().unwrap().starts_with("/r/"),
        "another session is open"
    );
}

/// Refused forms keep what was typed, each field only up to its own length, and past an
/// address's share nothing at all: an anonymous flood cannot fill the server's memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_forms_from_one_address_are_bounded() {
    let app = TestApp::spawn_with(Rates {
        refusals_per_address: rate(5),
        ..common::open_by_address()
    })
    .await;
    let session = app.session(50, 5).await.to_string();
    let b = app.browser();
    // As long as a form body may be (256 KB, percent-encoded).
    let huge = "长".repeat(25_000);
    let before = app.state.flash.bytes();
    let mut flashes = Vec::new();
    for _ in 0..6 {
        let answer = b
            .post_form(
                &format!("/sessions/{session}"),
                "/api/sessions/sign-up",
                &[("session_id", &session), ("name", &huge), ("mobile", "12")],
            )
            .await;
        flashes.push(common::functions::flash_of(&app, &answer.location().unwrap()).unwrap());
    }
    for kept in &flashes[..5] {
        assert_eq!(
            kept.value("name").unwrap().chars().count(),
            200,
            "cut at its length"
        );
        assert!(kept.alert.is_none());
    }
    assert!(
        flashes[5].values.is_empty(),
        "past the share nothing typed is kept"
    );
    assert_eq!(flashes[5].alert, Some(app::i18n::T::TooManyAttempts));
    let grown = app.state.flash.bytes() - before;
    assert!(
        grown < 6 * 2_000,
        "six refusals of 75 KB of text each kept {grown} bytes"
    );
}

/// Registration and topic codes cannot be searched: past a few misses, an address is refused
/// every lookup by code, found or not; other addresses are not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_codes_is_stopped_after_a_few_misses() {
    let app = TestApp::spawn_configured(|c| {
        c.behind_proxy = true;
        c.rates.code_misses_per_address = rate(3);
    })
    .await;
    let session = app.session(50, 5).await;
    let resident = app.browser_at("198.51.100.7");
    let mine = resident
        .sign_up(session, "居民", "13900000001")
        .await
        .location()
        .unwrap();
    let mine = mine.split('?').next().unwrap().to_owned();
    let guesser = app.browser_at("203.0.113.9");
    for guess in ["/r/AAAAAAAA", "/t/BBBBBBBB", "/r/not-a-code"] {
        assert_eq!(guesser.get(guess).await.status, 404, "{guess}");
    }
    assert_eq!(
        guesser.get(&mine).await.status,
        200,
        "three misses are allowed"
    );
    assert_eq!(
        guesser.get("/r/CCCCCCCC").await.status,
        404,
        "the fourth miss"
    );
    assert_eq!(
        guesser.get(&mine).await.status,
        429,
        "now even a right code is refused"
    );
    let cancel = guesser
        .post_form(&mine, "/api/registrations/cancel", &[("code", &mine[3..])])
        .await;
    let alert =
        common::functions::flash_of(&app, &cancel.location().unwrap()).and_then(|f| f.alert);
    assert_eq!(alert, Some(app::i18n::T::TooManyAttempts));
    assert_eq!(
        app.text("SELECT state FROM registrations").await.as_deref(),
        Some("registered"),
        "nothing was cancelled"
    );
    assert_eq!(
        resident.get(&mine).await.status,
        200,
        "the holder is not affected"
    );
}
