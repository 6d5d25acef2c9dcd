//! The server as an office runs it: its own process on the database file. Killed outright in
//! the middle of a sign-up rush, it loses no sign-up it acknowledged and oversells no seat;
//! asked to stop (SIGTERM), it finishes the requests it has started.

use crate::common;

use std::{
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use common::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server process, killed if a failing test leaves it running.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The built `yishitong` serving `database` on a free port.
async fn start(database: &Path) -> (Server, SocketAddr) {
    let addr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap()
    };
    let folder = database.parent().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_yishitong"))
        .arg("serve")
        .env("YST_DATABASE", database)
        .env("YST_ADDR", addr.to_string())
        .env("YST_UPLOADS", folder.join("uploads"))
        .env("LEPTOS_SITE_ROOT", folder)
        .env("YST_SIGNUPS_PER_ADDRESS_PER_MINUTE", "100000000")
        .env("YST_SIGNUPS_PER_ADDRESS_PER_SESSION", "100000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return (server, addr);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

fn sign_up_body(session: i64, mobile: &str) -> String {
    format!("session_id={session}&name=%E5%B1%85%E6%B0%91&mobile={mobile}&consent=yes")
}

/// A seeded database with one session of `seats`, closed so that only the child process uses it.
async fn prepared(seats: i64) -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    let session = app.session(seats, 5).await;
    app.state.db.close().await;
    (app, session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_rush_keeps_every_acknowledged_sign_up_and_oversells_nothing() {
    const SEATS: i64 = 40;
    let (app, session) = prepared(SEATS).await;
    let database = app.database_path();
    let (mut server, addr) = start(&database).await;

    let acknowledged = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for c in 0..8 {
        let acknowledged = acknowledged.clone();
        let answered = answered.clone();
        clients.push(tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            for i in 0..1000 {
                let mobile = format!("13{c}{i:08}");
                let res = http
                    .post(format!("http://{addr}/api/sessions/sign-up"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept", "text/html")
                    .body(sign_up_body(session, &mobile))
                    .send()
                    .await;
                // After the kill every request fails: this client is done.
                let Ok(res) = res else { return };
                let to = res
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                if let Some(code) = to.strip_prefix("/r/") {
                    let code = code.split('?').next().unwrap_or_default().to_owned();
                    acknowledged.lock().unwrap().push((mobile, code));
                }
                answered.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    // Past the seats, into the waiting list, then killed without warning.
    while answered.load(Ordering::SeqCst) < 120 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.0.kill().unwrap(); // SIGKILL
    server.0.wait().unwrap();
    for c in clients {
        c.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 120 && acknowledged.len() < 8000,
        "killed mid-rush: {} acknowledged",
        acknowledged.len()
    );

    // Restarted on the same file.
    let (_again, addr) = start(&database).await;
    let page = reqwest::get(format!("http://{addr}/sessions/{session}"))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let db = store::db::Db::open(&database, 1).await.unwrap();
    for (mobile, code) in &acknowledged {
        let found: Option<String> =
            sqlx::query_scalar("SELECT mobile FROM registrations WHERE code = ?")
                .bind(code)
                .fetch_optional(&db.read)
                .await
                .unwrap();
        assert_eq!(
            found.as_deref(),
            Some(mobile.as_str()),
            "{code} was acknowledged"
        );
    }
    let seated: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE session_id = ? AND state = 'registered'",
    )
    .bind(session)
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(seated, SEATS, "every seat taken, none oversold");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_requests_under_way_then_exits_cleanly() {
    let (app, session) = prepared(10).await;
    let database = app.database_path();
    let (mut server, addr) = start(&database).await;

    // A sign-up half sent when the signal arrives.
    let body = sign_up_body(session, "13912345678");
    let (first, rest) = body.split_at(body.len() / 2);
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/sessions/sign-up HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let status = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tokio::time::sleep(Duration::from_millis(300)).await;
    // No new connections once stopping…
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    // …but the one under way is answered in full.
    conn.write_all(rest.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 302"), "{answer}");
    assert!(answer.contains("location: /r/"), "{answer}");

    let mut exit = None;
    for _ in 0..200 {
        exit = server.0.try_wait().unwrap();
        if exit.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let exit = exit.expect("the server exits within ten seconds of SIGTERM");
    assert!(exit.success(), "{exit:?}");
    let db = store::db::Db::open(&database, 1).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM registrations")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    db.close().await;
}
