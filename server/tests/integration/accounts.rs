//! Signing in and out, passwords, and the first administrator.

use crate::common;

use common::{TestApp, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let wrong = b
        .submit(
            "/login",
            "/api/auth/login",
            &[("username", "city"), ("password", "not the password")],
        )
        .await;
    let unknown = b
        .submit(
            "/login",
            "/api/auth/login",
            &[("username", "nobody"), ("password", "not the password")],
        )
        .await;
    assert!(wrong.body.contains("用户名或密码不正确"));
    assert!(unknown.body.contains("用户名或密码不正确"));
    // The typed username comes back; the password never does.
    assert!(wrong.body.contains("value=\"city\""));
    assert!(!wrong.body.contains("not the password"));
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_sign_in_fields_are_named_next_to_each_field() {
    let app = TestApp::spawn().await;
    let page = app.browser().submit("/login", "/api/auth/login", &[]).await;
    assert_eq!(
        page.body.matches("请填写此项").count(),
        4,
        "twice each: summary and field"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_sets_an_http_only_same_site_cookie_and_signing_out_ends_it() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let res = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "city"), ("password", PASSWORD)],
        )
        .await;
    let cookie = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(b.get("/manage").await.status, 200);
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 1);
    let out = b.post_form("/manage", "/api/auth/logout", &[]).await;
    assert!(out.location().unwrap().starts_with("/?f="));
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 0);
    assert_eq!(b.get("/manage").await.status, 302);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_login_gets_a_new_session_token() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("city").await;
    let first = app.text("SELECT token_hash FROM auth_sessions").await;
    b.post_form(
        "/login",
        "/api/auth/login",
        &[("username", "city"), ("password", PASSWORD)],
    )
    .await;
    let second = app.text("SELECT token_hash FROM auth_sessions").await;
    assert_ne!(first, second);
    assert_eq!(app.scalar("SELECT count(*) FROM auth_sessions").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_a_password_checks_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let laptop = app.signed_in("city").await;
    let phone = app.signed_in("city").await;
    let refused = laptop
        .submit(
            "/account",
            "/api/auth/change-password",
            &[
                ("current", "wrong"),
                ("new_password", "short"),
                ("confirm", "other"),
            ],
        )
        .await;
    for message in [
        "当前密码不正确",
        "新密码至少10个字符",
        "两次输入的新密码不一致",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    let new = "a much longer passphrase";
    let done = laptop
        .submit(
            "/account",
            "/api/auth/change-password",
            &[
                ("current", PASSWORD),
                ("new_password", new),
                ("confirm", new),
            ],
        )
        .await;
    assert!(done.body.contains("密码已修改"));
    assert_eq!(laptop.get("/manage").await.status, 200);
    assert_eq!(
        phone.get("/manage").await.status,
        302,
        "the other session ended"
    );
    let b = app.browser();
    let res = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "city"), ("password", new)],
        )
        .await;
    assert_eq!(res.location().as_deref(), Some("/manage"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_administrator_gets_a_one_time_password_that_works() {
    let app = TestApp::spawn().await;
    let password = server::admin::create_admin(&app.state.db, "root", "管理员")
        .await
        .unwrap();
    assert_eq!(password.len(), 16);
    let b = app.browser();
    let res = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "root"), ("password", &password)],
        )
        .await;
    assert_eq!(res.location().as_deref(), Some("/manage"));
    let page = b
        .get(&format!("/manage/areas/{}", app.world.district_b))
        .await;
    assert_eq!(page.status, 200, "an administrator sees every area");
    let other = server::admin::create_admin(&app.state.db, "root2", "管理员")
        .await
        .unwrap();
    assert_ne!(password, other, "no fixed or default password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_sign_in_only_local_pages_are_followed() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let res = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[
                ("username", "city"),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(res.location().as_deref(), Some("/manage"));
}
