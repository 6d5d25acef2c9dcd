//! The outbox: confirmations and reminders reach the sender once each, a failing sender loses
//! nothing, and the retention period erases numbers without changing any count.

use crate::common;

use std::sync::Mutex;

use common::TestApp;
use server::{
    jobs::run_once,
    messages::{SendError, Sender, Sending, Sent},
};
use store::repo::outbox::Pending;

/// Keeps what it was given, or refuses everything, or one number (for now, or for good).
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<(String, String)>>,
    /// The texts as they went out, by number.
    texts: Mutex<Vec<(String, String)>>,
    refuse: bool,
    failing_number: Option<(&'static str, bool)>,
}

impl Sender for Recorder {
    fn send<'a>(&'a self, recipient: &'a str, message: &'a Pending) -> Sending<'a> {
        Box::pin(async move {
            if self.refuse {
                return Err(SendError::for_now("gateway down"));
            }
            match self.failing_number {
                Some((number, true)) if number == recipient => {
                    return Err(SendError::for_now("429 throttled"))
                }
                Some((number, false)) if number == recipient => {
                    return Err(SendError::refused("invalid number"))
                }
                _ => {}
            }
            self.sent
                .lock()
                .unwrap()
                .push((recipient.to_owned(), message.kind.code().to_owned()));
            self.texts
                .lock()
                .unwrap()
                .push((recipient.to_owned(), message.body.clone()));
            Ok(Sent {
                provider_id: Some(format!("p-{}", message.id)),
            })
        })
    }
}

fn now() -> chrono::NaiveDateTime {
    store::clock::now_local()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_pass_drains_more_than_a_batch() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    app.exec(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 450)
         INSERT INTO messages (session_id, kind, recipient, body, created_at)
         SELECT {session}, 'reminder', printf('137%08d', i), '提醒', datetime('now') FROM n"
    ))
    .await;
    let sender = Recorder::default();
    let pass = run_once(&app.state, &sender, now()).await.unwrap();
    assert_eq!(pass.sent, 450);
    let mut to: Vec<String> = sender
        .sent
        .lock()
        .unwrap()
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 450, "each once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_text_carries_its_link_in_the_language_the_resident_read() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let zh = app
        .browser()
        .registration_code(session, "周一", "13600000001")
        .await;
    let en = app
        .browser_in_english()
        .registration_code(session, "Zhou", "13600000002")
        .await;
    let sender = Recorder::default();
    run_once(&app.state, &sender, now()).await.unwrap();
    let texts = sender.texts.lock().unwrap().clone();
    let text_to = |number: &str| {
        texts
            .iter()
            .find(|(to, _)| to == number)
            .map(|(_, text)| text.clone())
            .unwrap()
    };
    let chinese = text_to("13600000001");
    assert!(chinese.starts_with("【议事通】已报名"), "{chinese}");
    assert!(
        chinese.ends_with(&format!("https://yst.example.cn/r/{zh}")),
        "{chinese}"
    );
    assert_eq!(app::messages::segments(&chinese), 1, "{chinese}");
    let english = text_to("13600000002");
    assert!(english.starts_with("[Yishitong] Signed up"), "{english}");
    assert!(
        english.ends_with(&format!("https://yst.example.cn/r/{en}")),
        "{english}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_message_reaches_the_sender_once_and_reminders_go_out_the_day_before() {
    let app = TestApp::spawn().await;
    let tomorrow = app.session(10, 3).await;
    let next_week = app.session(10, 7).await;
    let b = app.browser();
    b.sign_up(tomorrow, "周一", "13600000001").await;
    b.sign_up(next_week, "周二", "13600000002").await;
    // The first session now starts in ten hours.
    let start = now() + chrono::TimeDelta::hours(10);
    let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    app.exec(&format!(
        "UPDATE sessions SET starts_at = '{}', ends_at = '{}', signup_deadline = '{}', checkin_opens_at = '{}',
             checkin_closes_at = '{}' WHERE id = {tomorrow}",
        at(start),
        at(start + chrono::TimeDelta::hours(2)),
        at(start - chrono::TimeDelta::hours(1)),
        at(start - chrono::TimeDelta::minutes(30)),
        at(start + chrono::TimeDelta::hours(2)),
    ))
    .await;

    let down = Recorder {
        refuse: true,
        ..Recorder::default()
    };
    let pass = run_once(&app.state, &down, now()).await.unwrap();
    assert_eq!(
        (pass.sent, pass.failed),
        (0, 3),
        "two confirmations and one reminder wait"
    );

    // Failed tries wait their pause: a pass straight after sends nothing.
    let sender = Recorder::default();
    let pass = run_once(&app.state, &sender, now()).await.unwrap();
    assert_eq!(pass.sent, 0, "the failed ones wait a minute");
    let later = now() + chrono::TimeDelta::minutes(2);
    let pass = run_once(&app.state, &sender, later).await.unwrap();
    assert_eq!(pass.sent, 3);
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM messages WHERE state = 'sent' AND attempts = 2
               AND provider_id = 'p-' || id AND last_error IS NULL"
        )
        .await,
        3
    );
    let mut sent = sender.sent.lock().unwrap().clone();
    sent.sort();
    assert_eq!(
        sent,
        vec![
            ("13600000001".to_owned(), "confirmation".to_owned()),
            ("13600000001".to_owned(), "reminder".to_owned()),
            ("13600000002".to_owned(), "confirmation".to_owned()),
        ]
    );
    let again = run_once(&app.state, &sender, later).await.unwrap();
    assert_eq!(
        (again.reminders_queued, again.sent),
        (0, 0),
        "nothing twice"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE sent_at IS NULL")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_number_backs_off_and_is_given_up_while_the_rest_go_out() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 5).await;
    let b = app.browser();
    b.sign_up(session, "周一", "13600000011").await;
    b.sign_up(session, "周二", "13600000012").await;
    let busy = Recorder {
        failing_number: Some(("13600000011", true)),
        ..Recorder::default()
    };
    // Tried at each pause's end: 1, 5, 30, 120 and 360 minutes after the last try, then given
    // up at the sixth failure. The other number went out on the first pass.
    let mut at = now();
    let mut passes = Vec::new();
    for pause in [0, 1, 5, 30, 120, 360, 10_000] {
        at += chrono::TimeDelta::minutes(pause);
        let pass = run_once(&app.state, &busy, at).await.unwrap();
        passes.push((pass.sent, pass.failed, pass.given_up));
    }
    assert_eq!(
        passes,
        [
            (1, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 0, 1),
            (0, 0, 0)
        ]
    );
    assert_eq!(
        app.text(
            "SELECT state || ' ' || attempts || ' ' || last_error FROM messages WHERE recipient = '13600000011'"
        )
        .await
        .as_deref(),
        Some("given_up 6 429 throttled")
    );
    // Refused for good: given up at once.
    b.sign_up(session, "周三", "13600000013").await;
    let refusing = Recorder {
        failing_number: Some(("13600000013", false)),
        ..Recorder::default()
    };
    let pass = run_once(&app.state, &refusing, at).await.unwrap();
    assert_eq!((pass.sent, pass.failed, pass.given_up), (0, 0, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_period_erases_numbers_but_keeps_every_count() {
    let app = TestApp::spawn().await;
    let old = app.session(10, 3).await;
    let recent = app.session(10, 4).await;
    let b = app.browser();
    for (i, session) in [(1, old), (2, old), (3, recent)] {
        b.sign_up(session, &format!("居民{i}"), &format!("1350000000{i}"))
            .await;
    }
    // The first session took place 200 days ago; the retention period is 180 days.
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '-200 days'), ends_at = datetime('now', '-200 days', '+2 hours'),
             signup_deadline = datetime('now', '-201 days'), checkin_opens_at = datetime('now', '-200 days', '-30 minutes'),
             checkin_closes_at = datetime('now', '-200 days', '+2 hours') WHERE id = {old}"
    ))
    .await;
    let counts = "SELECT count(*) || '/' || sum(state = 'registered') FROM registrations";
    let before = app.text(counts).await;
    let pass = run_once(&app.state, &Recorder::default(), now())
        .await
        .unwrap();
    assert_eq!(pass.numbers_erased, 2);
    assert_eq!(app.text(counts).await, before, "counts stay the same");
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {old} AND mobile IS NULL"
        ))
        .await,
        2
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM messages WHERE session_id = {old} AND recipient IS NOT NULL"
        ))
        .await,
        0,
        "the outbox forgets them too"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {recent} AND mobile IS NOT NULL"
        ))
        .await,
        1,
        "a recent session keeps its numbers"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_period_erases_a_backlog_in_batches_and_numbers_written_later() {
    let app = TestApp::spawn().await;
    let old = app.session(10, 3).await;
    app.browser().sign_up(old, "居民甲", "13500000001").await;
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '-300 days'), ends_at = datetime('now', '-300 days', '+2 hours'),
             signup_deadline = datetime('now', '-301 days'), checkin_opens_at = datetime('now', '-300 days', '-30 minutes'),
             checkin_closes_at = datetime('now', '-300 days', '+2 hours') WHERE id = {old}"
    ))
    .await;
    // More past sessions than one erasing transaction takes, each with a resident's number:
    // one pass erases them all. (Copies of the first, but for the seat it has taken.)
    let columns = app
        .text(
            "SELECT group_concat(name) FROM pragma_table_info('sessions')
             WHERE name NOT IN ('id', 'seats_taken')",
        )
        .await
        .unwrap();
    app.exec(&format!(
        "INSERT INTO sessions ({columns})
         SELECT {columns} FROM sessions,
              (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) SELECT i FROM n)
         WHERE id = {old};
         INSERT INTO registrations (session_id, code, name, mobile, role, state, created_at, updated_at)
         SELECT id, printf('Q%07d', id), '居民乙', printf('139%08d', id), 'resident', 'registered',
                starts_at, starts_at
         FROM sessions WHERE id > {old}"
    ))
    .await;
    let held = "SELECT count(*) FROM registrations WHERE mobile IS NOT NULL";
    assert_eq!(app.scalar(held).await, 121);
    let pass = run_once(&app.state, &Recorder::default(), now())
        .await
        .unwrap();
    assert_eq!(pass.numbers_erased, 121);
    assert_eq!(app.scalar(held).await, 0);
    assert_eq!(
        app.scalar("SELECT count(*) FROM sessions WHERE numbers_erased_at IS NULL")
            .await,
        0,
        "every session is marked"
    );
    let again = run_once(&app.state, &Recorder::default(), now())
        .await
        .unwrap();
    assert_eq!(
        again.numbers_erased, 0,
        "a marked session is not read again"
    );

    // A number written afterwards (a walk-in recorded late) brings the session back.
    app.exec(&format!(
        "INSERT INTO registrations (session_id, code, name, mobile, role, state, walk_in, checked_in_at,
                                    checkin_method, created_at, updated_at)
         VALUES ({old}, 'LATEWALK', '居民丙', '13700000003', 'resident', 'attended', 1, datetime('now'),
                 'walk_in', datetime('now'), datetime('now'))"
    ))
    .await;
    assert_eq!(app.scalar(held).await, 1);
    let late = run_once(&app.state, &Recorder::default(), now())
        .await
        .unwrap();
    assert_eq!(late.numbers_erased, 1);
    assert_eq!(app.scalar(held).await, 0);
    let drifted = common::kept::drifted(&app.state.db.read).await;
    assert!(drifted.is_empty(), "copies differ: {drifted:?}");
}

/// A topic proposer's number is kept only for the reply: the retention period erases it too,
/// and what retention erases is gone from the database file, not left in freed space.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_period_erases_proposers_numbers_from_the_file() {
    let app = TestApp::spawn().await;
    let old = app.session(10, 3).await;
    app.browser().sign_up(old, "居民", "13598765432").await;
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '-200 days'), ends_at = datetime('now', '-200 days', '+2 hours'),
             signup_deadline = datetime('now', '-201 days'), checkin_opens_at = datetime('now', '-200 days', '-30 minutes'),
             checkin_closes_at = datetime('now', '-200 days', '+2 hours') WHERE id = {old};
         INSERT INTO topics (platform_id, title, category_code, source, channel, proposer_name, proposer_mobile, submitted_at)
             SELECT {p}, '路灯不亮', code, 'resident', 'web', '老李', '13587654321', datetime('now', '-200 days')
             FROM topic_categories LIMIT 1;
         INSERT INTO topics (platform_id, title, category_code, source, channel, proposer_name, proposer_mobile, submitted_at)
             SELECT {p}, '井盖松动', code, 'resident', 'web', '老王', '13576543210', datetime('now', '-2 days')
             FROM topic_categories LIMIT 1;",
        p = app.world.platform_a
    ))
    .await;
    let pass = run_once(&app.state, &Recorder::default(), now())
        .await
        .unwrap();
    assert_eq!(pass.numbers_erased, 2, "one registration, one proposer");
    assert_eq!(
        app.text("SELECT group_concat(coalesce(proposer_mobile, '-'), ' ') FROM (SELECT proposer_mobile FROM topics ORDER BY id)")
            .await
            .as_deref(),
        Some("- 13576543210"),
        "a recent topic keeps its number for the reply"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM topics WHERE proposer_name IS NOT NULL")
            .await,
        2,
        "the topics themselves stay"
    );
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&app.state.db.write)
        .await
        .unwrap();
    let file = std::fs::read(app.database_path()).unwrap();
    let holds = |number: &str| file.windows(number.len()).any(|w| w == number.as_bytes());
    assert!(
        !holds("13598765432"),
        "the resident's number is gone from the file"
    );
    assert!(
        !holds("13587654321"),
        "the proposer's number is gone from the file"
    );
    assert!(
        holds("13576543210"),
        "the check reads the file: the kept one is there"
    );
}
