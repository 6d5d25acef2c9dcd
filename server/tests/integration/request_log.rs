//! The request log as an office reads it: one line per request with its id, method, route
//! pattern, status and latency — and never a registration code, a typed form's token or a number.

use std::{
    io::Read,
    process::{Command, Stdio},
    time::Duration,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_request_is_logged_by_its_route_never_by_its_code() {
    let dir = std::env::temp_dir().join(format!("yst-log-{}", store::auth::random_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yishitong"))
        .arg("serve")
        .env("YST_DATABASE", dir.join("y.db"))
        .env("YST_ADDR", addr.to_string())
        .env("YST_UPLOADS", dir.join("uploads"))
        .env("LEPTOS_SITE_ROOT", &dir)
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    let mut ids = Vec::new();
    for _ in 0..100 {
        if let Ok(res) = client.get(format!("{base}/r/AB23CD45")).send().await {
            ids.push(res.headers()["x-request-id"].to_str().unwrap().to_owned());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let flash = client
        .get(format!("{base}/sessions?f=6f6f6f6f"))
        .send()
        .await
        .unwrap();
    ids.push(flash.headers()["x-request-id"].to_str().unwrap().to_owned());
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(ids.len(), 2, "the server answered");
    assert_ne!(ids[0], ids[1], "each request has its own id");
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("answered")).collect();
    assert!(
        lines.iter().any(|l| l.contains("route=\"/r/{code}\"")
            && l.contains("status=404")
            && l.contains(&format!("id=\"{}\"", ids[0]))),
        "{log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("route=\"/sessions\"") && l.contains("status=200")),
        "{log}"
    );
    assert!(
        !log.contains("AB23CD45") && !log.contains("6f6f6f6f"),
        "{log}"
    );
}
