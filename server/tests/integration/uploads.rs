//! Photos and files of a session's record: checked by their bytes and size, stored under a
//! random name, served with their checked type to those who may see them.

use crate::common;

use common::{TestApp, PNG};

async fn held_session(app: &TestApp) -> String {
    let session = app.session(30, -2).await;
    session.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_checked_stored_and_served_to_whom_may_see_them() {
    let app = TestApp::spawn().await;
    let id = held_session(&app).await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}/closing");
    let fields = [("id", id.as_str())];

    // The type comes from the bytes: a script named .png is refused; so is an oversized file.
    let fake = organizer
        .post_file(
            &page,
            "/api/closing/attach",
            &fields,
            ("现场.png", b"<svg onload=alert(1)>".to_vec()),
        )
        .await;
    let shown = organizer.get(&fake.location().unwrap()).await.body;
    assert!(shown.contains("只能上传JPG、PNG照片或PDF文件"), "{shown}");
    let mut big = PNG.to_vec();
    big.resize(10 * 1024 * 1024 + 1, 0);
    let oversized = organizer
        .post_file(&page, "/api/closing/attach", &fields, ("大图.png", big))
        .await;
    assert!(organizer
        .get(&oversized.location().unwrap())
        .await
        .body
        .contains("文件不能超过10MB"));
    assert_eq!(app.scalar("SELECT count(*) FROM attachments").await, 0);

    let stored = organizer
        .post_file(
            &page,
            "/api/closing/attach",
            &fields,
            ("../../现场照片.png", PNG.to_vec()),
        )
        .await;
    assert!(organizer
        .get(&stored.location().unwrap())
        .await
        .body
        .contains("已上传"));
    let key = app
        .text("SELECT storage_key FROM attachments")
        .await
        .unwrap();
    assert_eq!(
        app.text("SELECT file_name || ' ' || content_type || ' ' || kind FROM attachments")
            .await
            .as_deref(),
        Some("现场照片.png image/png photo")
    );
    let served = organizer.get(&format!("/files/{key}")).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.headers["content-type"], "image/png");
    assert_eq!(served.headers["x-content-type-options"], "nosniff");

    // Before the results are published the photo is the organizers' only.
    let public = app.browser();
    assert_eq!(public.get(&format!("/files/{key}")).await.status, 404);
    assert_eq!(
        app.signed_in("organizer_b")
            .await
            .get(&format!("/files/{key}"))
            .await
            .status,
        404
    );
    organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[("id", &id), ("agenda", "议程"), ("key_points", "要点")],
        )
        .await;
    assert_eq!(public.get(&format!("/files/{key}")).await.status, 200);
    assert!(public
        .get(&format!("/sessions/{id}/results"))
        .await
        .body
        .contains(&format!("/files/{key}")));
    for probe in ["x", "../../etc/passwd", &"0".repeat(64)] {
        assert_eq!(public.get(&format!("/files/{probe}")).await.status, 404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_refused_before_the_session_and_malformed_bodies_are_a_bad_request() {
    let app = TestApp::spawn().await;
    let future = app.session(30, 2).await.to_string();
    let organizer = app.signed_in("organizer_a").await;
    let early = organizer
        .post_file(
            &format!("/manage/sessions/{future}/closing"),
            "/api/closing/attach",
            &[("id", &future)],
            ("议程.pdf", b"%PDF-1.7".to_vec()),
        )
        .await;
    assert!(organizer
        .get(&early.location().unwrap())
        .await
        .body
        .contains("活动尚未举行"));
    // Not multipart, or without a boundary: refused, and the server carries on.
    for body in ["id=1", ""] {
        let res = reqwest::Client::new()
            .post(app.url("/api/closing/attach"))
            .header("content-type", "multipart/form-data")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
    }
    let res = reqwest::Client::new()
        .post(app.url("/api/closing/attach"))
        .header("content-type", "multipart/form-data; boundary=abc")
        .body("garbage without parts")
        .send()
        .await
        .unwrap();
    assert!(!res.status().is_server_error(), "{}", res.status());
    assert_eq!(app.browser().get("/").await.status, 200);
}
