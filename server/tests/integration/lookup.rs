//! 查询我的报名: a resident who lost the link finds their sign-ups again — on the same phone at
//! once, on any phone after proving the number with a one-time code — and nothing is revealed
//! before the code is proven.

use std::time::Duration;

use chrono::TimeDelta;
use server::sms::{Secret, SmsConfig};
use store::repo::lookups::{self, Proof};

use crate::common::TestApp;

/// A server with a real channel configured (the messages stay queued: nothing is delivered).
async fn with_sms() -> TestApp {
    TestApp::spawn_configured(|c| {
        c.sms = SmsConfig::Webhook {
            url: "http://127.0.0.1:9/unused".into(),
            secret: Secret::new("s"),
            timeout: Duration::from_secs(1),
        }
    })
    .await
}

/// The code queued for `mobile` last, as the text message carries it.
async fn code_sent_to(app: &TestApp, mobile: &str) -> Option<String> {
    app.text(&format!(
        "SELECT (SELECT message ->> '$.lookup_code.code' FROM messages
                 WHERE kind = 'lookup_code' AND recipient = '{mobile}' ORDER BY id DESC LIMIT 1)"
    ))
    .await
}

const SEND: &str = "/api/lookup/send";
const PROVE: &str = "/api/lookup/prove";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_sign_up_is_found_by_number_with_the_code_sent_to_it() {
    let app = with_sms().await;
    let session = app.session(10, 5).await;
    let phone = app.browser();
    let code = phone
        .registration_code(session, "周建国", "13600000001")
        .await;

    // The phone that signed up sees it at once, on a page no browser or proxy keeps.
    let find = phone.get("/find").await;
    assert_eq!(
        find.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let page = find.body;
    assert!(page.contains(&format!("/r/{code}")), "{page}");

    // Another phone asks by number: told a code was sent, shown nothing of the sign-up.
    let other = app.browser();
    let page = other.get("/find").await.body;
    assert!(
        page.contains("用手机号查询") && !page.contains(&code),
        "{page}"
    );
    let page = other
        .submit("/find", SEND, &[("mobile", "136 0000 0001")])
        .await
        .body;
    assert!(
        page.contains("136****0001") && page.contains("短信验证码"),
        "{page}"
    );
    assert!(!page.contains(&code), "{page}");
    let sent = code_sent_to(&app, "13600000001")
        .await
        .expect("a code is queued");
    assert_eq!(sent.len(), 6);

    // A wrong code is refused, and still shows nothing.
    let wrong = if sent == "000000" { "111111" } else { "000000" };
    let page = other.submit("/find", PROVE, &[("code", wrong)]).await.body;
    assert!(
        page.contains("验证码不对") && !page.contains(&code),
        "{page}"
    );
    let page = other.submit("/find", PROVE, &[("code", "12ab")]).await.body;
    assert!(page.contains("请输入短信中的6位数字"), "{page}");

    // The right one shows the number's sign-ups, each opening its own page.
    let page = other.submit("/find", PROVE, &[("code", &sent)]).await.body;
    assert!(page.contains(&format!("/r/{code}")), "{page}");
    assert!(page.contains("136****0001 的报名"), "{page}");

    // Done: the list is gone from this phone.
    let page = other.submit("/find", "/api/lookup/forget", &[]).await.body;
    assert!(
        !page.contains(&code) && page.contains("发送验证码"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_without_sign_ups_gets_the_same_answer_and_no_text() {
    let app = with_sms().await;
    let session = app.session(10, 5).await;
    app.browser()
        .registration_code(session, "周建国", "13600000001")
        .await;
    let answer = |mobile: &'static str| {
        let b = app.browser();
        async move {
            let page = b.submit("/find", SEND, &[("mobile", mobile)]).await.body;
            // The page as it reads, the number and the script nonce aside.
            let page = page.replace("136****0001", "N").replace("136****0099", "N");
            page.split("<script").next().unwrap_or_default().to_owned()
        }
    };
    let with = answer("13600000001").await;
    let without = answer("13600000099").await;
    assert_eq!(with, without, "the answer does not tell them apart");
    assert!(code_sent_to(&app, "13600000001").await.is_some());
    assert!(code_sent_to(&app, "13600000099").await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_are_limited_per_number() {
    let app = with_sms().await;
    let session = app.session(10, 5).await;
    app.browser()
        .registration_code(session, "周建国", "13600000001")
        .await;
    for _ in 0..3 {
        let page = app
            .browser()
            .submit("/find", SEND, &[("mobile", "13600000001")])
            .await
            .body;
        assert!(page.contains("136****0001"), "{page}");
    }
    let page = app
        .browser()
        .submit("/find", SEND, &[("mobile", "13600000001")])
        .await
        .body;
    assert!(page.contains("验证码请求太频繁"), "{page}");
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'lookup_code'")
            .await,
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_log_alone_the_page_says_to_ask_the_organizer() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    app.browser()
        .registration_code(session, "周建国", "13600000001")
        .await;
    let b = app.browser();
    let page = b.get("/find").await.body;
    assert!(page.contains("请联系活动的组织者"), "{page}");
    assert!(!page.contains(r#"name="mobile""#), "{page}");
    let page = b
        .submit("/find", SEND, &[("mobile", "13600000001")])
        .await
        .body;
    assert!(page.contains("请联系活动的组织者"), "{page}");
    assert_eq!(app.scalar("SELECT count(*) FROM number_lookups").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_is_single_use_short_lived_and_spent_by_five_wrong_tries() {
    let app = with_sms().await;
    let session = app.session(10, 5).await;
    app.browser()
        .registration_code(session, "周建国", "13600000001")
        .await;
    let db = &app.state.db;
    let mobile = app::domain::Mobile::parse("13600000001").unwrap();
    let now = store::clock::now_local();
    let lang = app::i18n::Lang::Zh;

    // Replay: a right code proves once.
    let token = lookups::start(db, &mobile, lang, now).await.unwrap();
    let code = code_sent_to(&app, "13600000001").await.unwrap();
    assert_eq!(
        lookups::prove(db, &token, &code, now).await.unwrap(),
        Proof::Proven
    );
    assert_eq!(
        lookups::prove(db, &token, &code, now).await.unwrap(),
        Proof::Spent
    );
    // The proof lasts half an hour.
    let found = lookups::step(db, &token, now + TimeDelta::minutes(29))
        .await
        .unwrap();
    assert!(
        matches!(found, app::views::lookup::LookupStep::Found { ref registrations, .. } if registrations.len() == 1)
    );
    let later = lookups::step(db, &token, now + TimeDelta::minutes(31))
        .await
        .unwrap();
    assert_eq!(later, app::views::lookup::LookupStep::Ask);

    // Expired: the right code, eleven minutes on.
    let token = lookups::start(db, &mobile, lang, now).await.unwrap();
    let code = code_sent_to(&app, "13600000001").await.unwrap();
    let late = now + TimeDelta::minutes(11);
    assert_eq!(
        lookups::prove(db, &token, &code, late).await.unwrap(),
        Proof::Spent
    );

    // Five wrong tries spend it, the right code after them too.
    let token = lookups::start(db, &mobile, lang, now).await.unwrap();
    let code = code_sent_to(&app, "13600000001").await.unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..5).rev() {
        assert_eq!(
            lookups::prove(db, &token, wrong, now).await.unwrap(),
            Proof::Wrong { left }
        );
    }
    assert_eq!(
        lookups::prove(db, &token, wrong, now).await.unwrap(),
        Proof::Spent
    );
    assert_eq!(
        lookups::prove(db, &token, &code, now).await.unwrap(),
        Proof::Spent
    );

    // A code not sent in time is given up; a day on, the look-ups and their numbers are gone.
    lookups::tidy(db, now + TimeDelta::minutes(11))
        .await
        .unwrap();
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM messages WHERE kind = 'lookup_code' AND state = 'given_up'"
        )
        .await,
        3
    );
    lookups::tidy(db, now + TimeDelta::days(2)).await.unwrap();
    assert_eq!(app.scalar("SELECT count(*) FROM number_lookups").await, 0);
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM messages WHERE kind = 'lookup_code' AND recipient IS NOT NULL"
        )
        .await,
        0
    );
}
