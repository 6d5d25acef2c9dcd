//! Staff create and manage accounts within their area subtree; a one-time password is shown once.

use crate::common;

use common::TestApp;

fn one_time_password(body: &str) -> Option<String> {
    let start = body.find("<code>")? + "<code>".len();
    let end = body[start..].find("</code>")? + start;
    Some(body[start..end].to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_staff_create_an_organizer_whose_one_time_password_works_once() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let platform = app.world.platform_a.to_string();
    let res = staff
        .post_form(
            "/manage/users",
            "/api/users/create",
            &[
                ("username", "zhang.san"),
                ("display_name", "张三"),
                ("kind", "organizer"),
                ("platform_id", &platform),
            ],
        )
        .await;
    let page_url = res.location().unwrap();
    let page = staff.get(&page_url).await;
    assert!(page.body.contains("账号已创建"), "{}", page.body);
    let password = one_time_password(&page.body).expect("the password is shown");
    assert_eq!(password.len(), 16);
    assert!(
        one_time_password(&staff.get(&page_url).await.body).is_none(),
        "shown only once"
    );
    let organizer = app.browser();
    let signed = organizer
        .post_form(
            "/login",
            "/api/auth/login",
            &[("username", "zhang.san"), ("password", &password)],
        )
        .await;
    assert_eq!(signed.location().as_deref(), Some("/manage"));
    assert_eq!(
        organizer
            .get(&format!("/manage/platforms/{platform}"))
            .await
            .status,
        200
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'user' AND action = 'create'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_staff_cannot_create_accounts_outside_their_district() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let b_platform = app.world.platform_b.to_string();
    let b_area = app.world.district_b.to_string();
    let city = app.world.city.to_string();
    for fields in [
        vec![
            ("username", "x1"),
            ("display_name", "x"),
            ("kind", "organizer"),
            ("platform_id", b_platform.as_str()),
        ],
        vec![
            ("username", "x2"),
            ("display_name", "x"),
            ("kind", "staff"),
            ("area_id", b_area.as_str()),
        ],
        vec![
            ("username", "x3"),
            ("display_name", "x"),
            ("kind", "staff"),
            ("area_id", city.as_str()),
        ],
    ] {
        let page = staff
            .submit("/manage/users", "/api/users/create", &fields)
            .await;
        assert!(page.body.contains("您没有权限进行此操作"), "{fields:?}");
    }
    assert_eq!(
        app.scalar("SELECT count(*) FROM users WHERE username LIKE 'x%'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_or_taken_username_is_refused_next_to_the_field() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("city").await;
    let bad = staff
        .submit(
            "/manage/users",
            "/api/users/create",
            &[
                ("username", "张 三"),
                ("display_name", "张三"),
                ("kind", "member"),
                ("member_level", "county"),
                ("sector", "农业界"),
            ],
        )
        .await;
    assert!(bad.body.contains("用户名应为3到32位字母"));
    assert!(bad.body.contains("value=\"农业界\""));
    let home = app.world.district_a.to_string();
    let taken = staff
        .submit(
            "/manage/users",
            "/api/users/create",
            &[
                ("username", "member"),
                ("display_name", "张三"),
                ("kind", "member"),
                ("member_level", "county"),
                ("sector", "农业界"),
                ("area_id", &home),
            ],
        )
        .await;
    assert!(taken.body.contains("该用户名已被使用"));
    let missing = staff
        .submit(
            "/manage/users",
            "/api/users/create",
            &[
                ("username", "li.si"),
                ("display_name", "李四"),
                ("kind", "member"),
            ],
        )
        .await;
    assert!(missing.body.contains("请选择一项") && missing.body.contains("请填写此项"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_and_manage_only_accounts_in_their_subtree() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let list = staff.get("/manage/users").await;
    assert!(list.body.contains("organizer_a"));
    assert!(
        !list.body.contains("organizer_b") && !list.body.contains(">city<"),
        "{}",
        list.body
    );
    let organizer = app.signed_in("organizer_a").await;
    let id_a = app
        .scalar("SELECT id FROM users WHERE username = 'organizer_a'")
        .await
        .to_string();
    let id_city = app
        .scalar("SELECT id FROM users WHERE username = 'city'")
        .await
        .to_string();
    let refused = staff
        .submit(
            "/manage/users",
            "/api/users/set-active",
            &[("id", &id_city), ("active", "0")],
        )
        .await;
    assert!(refused.body.contains("您没有权限进行此操作"));
    assert_eq!(
        app.scalar("SELECT active FROM users WHERE username = 'city'")
            .await,
        1
    );
    staff
        .post_form(
            "/manage/users",
            "/api/users/set-active",
            &[("id", &id_a), ("active", "0")],
        )
        .await;
    assert_eq!(
        organizer.get("/manage").await.status,
        302,
        "a deactivated account is signed out"
    );
    let reset = staff
        .submit(
            "/manage/users",
            "/api/users/reset-password",
            &[("id", &id_city)],
        )
        .await;
    assert!(reset.body.contains("您没有权限进行此操作"));
    assert!(staff.get("/manage/users").await.status == 200);
    let organizer_page = app
        .signed_in("organizer_b")
        .await
        .get("/manage/users")
        .await;
    assert_eq!(
        organizer_page.status, 403,
        "organizers do not manage accounts"
    );
}
