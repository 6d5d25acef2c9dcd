//! How often one source may try: wrong passwords lock a username (existing or not), one network
//! address gets only so many sign-ins and sign-ups, one mobile number only so many sign-ups.

mod common;

use std::{num::NonZeroU32, time::Duration};

use app::backend::limits::{Rate, Rates};
use common::{Browser, TestApp, PASSWORD};

const LOCKED: &str = "已暂停登录15分钟";

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
    let unlimited = Rate::new(NonZeroU32::MAX, Duration::from_nanos(1));
    let app = TestApp::spawn_with(Rates {
        sign_ups_per_address: unlimited,
        sign_ins_per_address: unlimited,
        sign_ups_per_mobile: rate(2),
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
