//! Hostile input against every server function: each case takes a function's real arguments
//! (those the authorization matrix uses) and mangles them — hostile values, missing and
//! duplicated fields, unknown and nested keys, random bytes, broken encodings, odd content
//! types, random files. No answer may be a 5xx or a dropped connection; a refused post and any
//! call for data must leave the database unchanged; and after every batch the database is
//! whole and its counts agree with its rows.
//!
//! Cases are drawn from a seeded generator: `YST_FUZZ_SEED` replays a failure (the seed is in
//! every message), `YST_FUZZ_CASES` runs longer than the test command's default.

use crate::common;

use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use common::{
    functions::{
        call, data_version, fixture, flash_of, rows, Args, Call, Fixture, Role, Row, HOLDER,
    },
    Answer, Browser, TestApp,
};

const BATCH: usize = 100;

/// Values that have broken parsers elsewhere: bounds of numbers, impossible dates, injections,
/// invisible and oversized text, other ways of writing a mobile number.
fn hostile_values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "0",
        "-1",
        "00000000000000000000001",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "0x10",
        "null",
        "true",
        "[]",
        "{}",
        "'; DROP TABLE registrations; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "%00",
        "\u{0}",
        "\u{202e}gnp.exe",
        "\u{200b}",
        "\r\n\r\n",
        "2026-02-30",
        "2026-13-01",
        "0000-00-00",
        "-0001-01-01",
        "+275760-09-13",
        "2026-11-22T25:61",
        "2026-11-22T08:00:00Z",
        "2026-11-22 08:00",
        "9999-12-31T23:59",
        "1900-01-01",
        "+86 138 0013 8000",
        "138-0013-8000",
        "１３８００１３８０００",
        "13800138000\n",
        "1380013800012345678901234567890",
        "../../etc/passwd",
        "ATTENDX",
        "attendxy",
        "AAAAAAAAA",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("🙂".repeat(300));
    v.push("张".repeat(5000));
    v.push("a".repeat(70_000));
    v
}

fn random_text(rng: &mut ChaCha8Rng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..4) {
            0 => rng.gen_range(0x20u8..0x7f) as char,
            1 => char::from_u32(rng.gen_range(0x4e00..0x9fff)).unwrap_or('字'),
            2 => char::from_u32(rng.gen_range(0..0x20)).unwrap_or('\0'),
            _ => rng.gen::<char>(),
        })
        .collect()
}

/// One to three mutations of a function's real arguments.
fn mangle(rng: &mut ChaCha8Rng, mut args: Args, hostile: &[String]) -> Args {
    const EXTRA_KEYS: [&str; 6] = ["id", "x", "params[area]", "a[b][c]", "", "code"];
    for _ in 0..rng.gen_range(1..=3) {
        let pick = rng.gen_range(0..args.len().max(1));
        match rng.gen_range(0..6) {
            0 | 1 if !args.is_empty() => {
                args[pick].1 = hostile.choose(rng).cloned().unwrap_or_default();
            }
            2 if !args.is_empty() => args[pick].1 = random_text(rng),
            3 if !args.is_empty() => {
                args.remove(pick);
            }
            4 if !args.is_empty() => {
                let dup = (
                    args[pick].0,
                    hostile.choose(rng).cloned().unwrap_or_default(),
                );
                args.push(dup);
            }
            _ => {
                let key = *EXTRA_KEYS.choose(rng).unwrap_or(&"x");
                args.push((key, random_text(rng)));
            }
        }
    }
    args
}

/// A body no form would send.
fn raw_body(rng: &mut ChaCha8Rng) -> (String, Vec<u8>) {
    const TYPES: [&str; 6] = [
        "application/x-www-form-urlencoded",
        "application/json",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/cbor",
        "",
    ];
    let bodies: [&[u8]; 8] = [
        b"%zz=%",
        b"id=%FF%FE&code=%C0%AF",
        b"a[b][c][d][e][f][g]=1",
        b"{\"id\": 1e999}",
        b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n",
        b"&&&==&=",
        b"",
        b"id=1&id=2&id[]=3",
    ];
    let body = if rng.gen_bool(0.3) {
        (0..rng.gen_range(0..512)).map(|_| rng.gen()).collect()
    } else {
        bodies.choose(rng).unwrap().to_vec()
    };
    (TYPES.choose(rng).unwrap().to_string(), body)
}

/// Whether a form post was turned away (login page, an alert, or errors next to fields).
fn refused(app: &TestApp, answer: &Answer) -> bool {
    let Some(to) = answer.location() else {
        return true;
    };
    if to.starts_with("/login?") {
        return true;
    }
    flash_of(app, &to).is_some_and(|s| s.alert.is_some() || !s.errors.is_empty())
}

struct Batch {
    app: TestApp,
    fixture: Fixture,
    resident: Browser,
    staff: Browser,
    anonymous: Browser,
}

async fn batch() -> Batch {
    let app = TestApp::spawn().await;
    let resident = app.browser();
    let fixture = fixture(&app, &resident).await;
    let staff = app.signed_in("city").await;
    let anonymous = app.browser();
    Batch {
        app,
        fixture,
        resident,
        staff,
        anonymous,
    }
}

/// Whole, never oversold, and every kept copy equal to its source.
async fn check_invariants(app: &TestApp, seed: u64) {
    let integrity = app.text("PRAGMA integrity_check").await;
    assert_eq!(integrity.as_deref(), Some("ok"), "seed {seed}");
    let dangling = app
        .scalar("SELECT count(*) FROM pragma_foreign_key_check")
        .await;
    assert_eq!(dangling, 0, "seed {seed}: dangling references");
    let oversold = app
        .scalar(
            "SELECT count(*) FROM sessions s WHERE s.seats <
               (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.state = 'registered')",
        )
        .await;
    assert_eq!(oversold, 0, "seed {seed}: oversold");
    let drifted = common::kept::drifted(&app.state.db.read).await;
    assert!(
        drifted.is_empty(),
        "seed {seed}: copies differ: {drifted:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mangled_input_never_fails_the_server_or_changes_data_when_refused() {
    let seed: u64 = std::env::var("YST_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    let cases: usize = std::env::var("YST_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(800);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rows = rows();
    let hostile = hostile_values();
    let mut world = batch().await;
    for case in 0..cases {
        if case > 0 && case % BATCH == 0 {
            check_invariants(&world.app, seed).await;
            world = batch().await;
        }
        let row: &Row = rows.choose(&mut rng).unwrap();
        let holder = row.allowed == HOLDER;
        let (role, b) = match rng.gen_range(0..5) {
            0 => (Role::Anonymous, &world.anonymous),
            _ if holder => (Role::Resident, &world.resident),
            _ => (Role::CityStaff, &world.staff),
        };
        let action = format!("/api/{}", row.endpoint);
        let mut probe = world.app.state.db.read.acquire().await.unwrap();
        let before = data_version(&mut probe).await;
        let (answer, sent) = match rng.gen_range(0..10) {
            // A body no form sends.
            0 => {
                let (content_type, body) = raw_body(&mut rng);
                let sent = format!("raw {content_type}: {:?}", String::from_utf8_lossy(&body));
                let answer = b
                    .post_raw(
                        &action,
                        &[
                            ("content-type", content_type.as_str()),
                            ("origin", b.origin()),
                            ("accept", "text/html"),
                        ],
                        body,
                    )
                    .await;
                (answer, sent)
            }
            // A random file where a file is taken.
            1 if matches!(row.call, Call::Upload) => {
                let args = (row.args)(&world.fixture, role);
                let fields: Vec<(&str, &str)> =
                    args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let bytes: Vec<u8> = (0..rng.gen_range(0..4096)).map(|_| rng.gen()).collect();
                let name = random_text(&mut rng);
                let sent = format!("file {name:?}, {} bytes", bytes.len());
                (
                    b.post_file("/manage", &action, &fields, (&name, bytes))
                        .await,
                    sent,
                )
            }
            _ => {
                let args = mangle(&mut rng, (row.args)(&world.fixture, role), &hostile);
                let sent = format!("{args:?}");
                (call(b, row, &args).await, sent)
            }
        };
        let sent: String = sent.chars().take(600).collect();
        let context = format!(
            "seed {seed}, case {case}: {} as {role:?} with {sent}",
            row.endpoint
        );
        assert!(
            answer.status.as_u16() < 500,
            "{context}: {} {}",
            answer.status,
            answer.body
        );
        let wrote = data_version(&mut probe).await != before;
        let may_write = match row.call {
            Call::Data => false,
            // A refused sign-in is counted towards its name's lockout.
            Call::Form if row.endpoint == "auth/login" => true,
            Call::Form | Call::Upload => {
                answer.status.is_redirection() && !refused(&world.app, &answer)
            }
        };
        assert!(
            may_write || !wrote,
            "{context}: refused ({} → {:?}) yet wrote",
            answer.status,
            answer.location()
        );
    }
    check_invariants(&world.app, seed).await;
}
