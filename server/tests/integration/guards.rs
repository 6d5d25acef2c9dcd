//! What every request passes before a handler sees it: the security headers, the same-site
//! check on anything that changes data, and the size limits.

use crate::common;

use common::TestApp;

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_allow_only_their_own_nonce_scripts() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let page = app.browser().get(&format!("/sessions/{session}")).await;
    assert_eq!(page.status, 200);
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce");
    assert!(nonce.len() >= 16, "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // Every inline script of the page carries that nonce, and nothing else runs. A resident's
    // page has none at all: it is plain HTML.
    let scripts = page.body.matches("<script").count();
    assert_eq!(scripts, 0, "{}", page.body);
    assert_eq!(
        page.body
            .matches(&format!("<script nonce=\"{nonce}\""))
            .count()
            + page
                .body
                .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                .count(),
        scripts,
        "{}",
        page.body
    );
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ] {
        assert_eq!(page.headers[name], value, "{name}");
    }
    // A second response gets a different nonce.
    let again = app.browser().get(&format!("/sessions/{session}")).await;
    assert!(!again.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(nonce));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_pages_load_no_script_bundle_and_carry_no_data() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let resident = app.browser();
    for path in [
        "/".to_owned(),
        "/sessions".to_owned(),
        format!("/sessions/{session}"),
    ] {
        let page = resident.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body
                .contains(r#"<link rel="stylesheet" href="/pkg/yishitong.css">"#),
            "{path}: {}",
            page.body
        );
        assert!(
            !page.body.contains("modulepreload"),
            "{path}: {}",
            page.body
        );
        assert!(!page.body.contains(".wasm"), "{path}: {}", page.body);
        // What the page was rendered from is in its markup, not repeated as data for scripts.
        assert!(
            !page.body.contains("__RESOLVED_RESOURCES["),
            "{path}: {}",
            page.body
        );
    }
    // No page has an island, so the staff workspace links no script either.
    let organizer = app.signed_in("organizer_a").await;
    let manage = organizer.get("/manage").await;
    assert_eq!(manage.status, 200);
    assert!(manage.body.contains("<h1"), "{}", manage.body);
    assert!(!manage.body.contains("modulepreload"), "{}", manage.body);
    assert!(!manage.body.contains(".wasm"), "{}", manage.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_are_not_pages_run_nothing() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let ics = app
        .browser()
        .get(&format!("/sessions/{session}/calendar.ics"))
        .await;
    assert_eq!(ics.status, 200);
    let csp = ics.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'") && csp.contains("sandbox"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_up_posted_from_another_site_is_refused_and_not_stored() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let b = app.browser();
    let body =
        format!("session_id={session}&name=%E5%BC%A0%E4%B8%89&mobile=13812345678&consent=yes");
    for headers in [
        vec![("content-type", FORM), ("origin", "https://evil.example")],
        vec![
            ("content-type", FORM),
            ("referer", "https://evil.example/page"),
        ],
        vec![
            ("content-type", FORM),
            ("origin", b.origin()),
            ("sec-fetch-site", "cross-site"),
        ],
        vec![("content-type", FORM), ("origin", "null")],
    ] {
        let answer = b
            .post_raw("/api/sessions/sign-up", &headers, body.clone())
            .await;
        assert_eq!(answer.status, 403, "{headers:?}");
        assert!(answer.body.contains("其他网站"), "{headers:?}");
    }
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 0);
    // The same post from the site's own page goes through.
    let own = b
        .post_raw(
            "/api/sessions/sign-up",
            &[
                ("content-type", FORM),
                ("origin", b.origin()),
                ("accept", "text/html"),
            ],
            body,
        )
        .await;
    assert!(own.status.is_redirection(), "{}", own.status);
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let answer = app
        .browser()
        .post_raw(
            "/api/auth/login",
            &[("content-type", FORM), ("origin", "https://evil.example")],
            format!("username=city&password={}&next=", common::PASSWORD),
        )
        .await;
    assert_eq!(answer.status, 403);
    assert!(answer.headers.get("set-cookie").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused_whether_declared_or_streamed() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let b = app.browser();
    // A declared length over the limit is answered before a byte of the body is sent.
    let mut conn = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/sessions/sign-up HTTP/1.1\r\nHost: {}\r\nContent-Type: {FORM}\r\n\
         Content-Length: 50000000\r\nConnection: close\r\n\r\n",
        app.addr
    );
    tokio::io::AsyncWriteExt::write_all(&mut conn, head.as_bytes())
        .await
        .unwrap();
    let mut declared = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut conn, &mut declared)
        .await
        .unwrap();
    let declared = String::from_utf8_lossy(&declared);
    assert!(declared.starts_with("HTTP/1.1 413"), "{declared}");
    assert!(declared.contains("过大"), "{declared}");
    let huge_name = "张".repeat(200_000);
    let body = format!("session_id={session}&name={huge_name}&mobile=13812345678&consent=yes");
    // Without a declared length the body is cut off at the limit while it is read.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body
        .into_bytes()
        .chunks(16 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let streamed = b
        .try_post_raw(
            "/api/sessions/sign-up",
            &[("content-type", FORM), ("origin", b.origin())],
            reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)),
        )
        .await;
    match streamed {
        Ok(answer) => assert!(
            answer.status.is_client_error(),
            "streamed: {}",
            answer.status
        ),
        // The server may answer and close before the client has sent the rest of the body;
        // the client then fails writing it. Refused all the same.
        Err(e) => assert!(format!("{e:?}").contains("BodyWrite"), "streamed: {e:?}"),
    }
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_as_the_browser_accepts() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let http = reqwest::Client::new();
    for (accepts, expected) in [
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let res = http
            .get(app.url(&format!("/sessions/{session}")))
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            expected,
            "{accepts}"
        );
    }
}

/// Redirect targets stay on this site, whatever is typed into `back` or `next`, and a line
/// break in one is refused instead of breaking the response.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_never_leave_the_site() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    for back in [
        "/%09/evil.example/",
        "/%5Cevil.example/",
        "//evil.example/",
        "https://evil.example/",
    ] {
        let answer = b.get(&format!("/lang?to=en&back={back}")).await;
        assert_eq!(answer.location().as_deref(), Some("/"), "{back}");
    }
    assert_eq!(
        b.get("/lang?to=zh&back=/sessions")
            .await
            .location()
            .as_deref(),
        Some("/sessions")
    );
    let sign_in = |next: &'static str| {
        let b = app.browser();
        async move {
            b.post_form(
                "/login",
                "/api/auth/login",
                &[
                    ("username", "city"),
                    ("password", common::PASSWORD),
                    ("next", next),
                ],
            )
            .await
        }
    };
    for next in [
        "/\\evil.example/",
        "/\t/evil.example/",
        "//evil.example",
        "/x\r\nSet-Cookie: a=b",
    ] {
        let answer = sign_in(next).await;
        assert!(
            answer.status.is_redirection(),
            "{next:?}: {}",
            answer.status
        );
        assert_eq!(answer.location().as_deref(), Some("/manage"), "{next:?}");
    }
    let answer = sign_in("/manage/users").await;
    assert_eq!(answer.location().as_deref(), Some("/manage/users"));
}

/// Pages with personal data are never stored by a browser or proxy; public pages may be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_with_personal_data_are_not_stored() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let b = app.browser();
    let to = b
        .sign_up(session, "张三", "13812345678")
        .await
        .location()
        .unwrap();
    let organizer = app.signed_in("organizer_a").await;
    for (who, path) in [
        (&b, to.clone()),
        (&b, to.split('?').next().unwrap().to_owned()),
        (&organizer, format!("/manage/sessions/{session}")),
        (&organizer, format!("/manage/sessions/{session}/sheet")),
        (&organizer, "/manage/users".to_owned()),
        (&organizer, "/account".to_owned()),
    ] {
        let page = who.get(&path).await;
        assert_eq!(page.headers["cache-control"], "no-store", "{path}");
    }
    let public = b.get(&format!("/sessions/{session}")).await;
    assert!(public.headers.get("cache-control").is_none());
    assert!(
        public.headers.get("strict-transport-security").is_none(),
        "no HTTPS, no HSTS"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_over_https_every_answer_asks_for_https_only() {
    let app = TestApp::spawn_configured(|c| c.secure_cookies = true).await;
    let page = app.browser().get("/").await;
    assert_eq!(
        page.headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

/// `X-Forwarded-Host` is anyone's to send: without a declared proxy it does not make another
/// site this one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_forwarded_host_does_not_pass_the_same_site_check() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let body =
        format!("session_id={session}&name=%E5%BC%A0%E4%B8%89&mobile=13812345678&consent=yes");
    let answer = app
        .browser()
        .post_raw(
            "/api/sessions/sign-up",
            &[
                ("content-type", FORM),
                ("origin", "https://evil.example"),
                ("x-forwarded-host", "evil.example"),
                ("x-forwarded-proto", "https"),
            ],
            body,
        )
        .await;
    assert_eq!(answer.status, 403);
    assert_eq!(app.scalar("SELECT count(*) FROM registrations").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_ends_at_its_closing_html_tag() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let b = app.browser();
    for (path, status) in [
        ("/".to_owned(), 200),
        ("/sessions".to_owned(), 200),
        (format!("/sessions/{session}"), 200),
        ("/find".to_owned(), 200),
        ("/login".to_owned(), 200),
        ("/no-such-page".to_owned(), 404),
        ("/r/ZZZZZZZZ".to_owned(), 404),
    ] {
        let page = b.get(&path).await;
        assert_eq!(page.status, status, "{path}");
        assert!(
            page.body.trim_end().ends_with("</html>"),
            "{path}: nothing after </html>, got …{}",
            &page.body[page.body.len().saturating_sub(200)..]
        );
    }
}
