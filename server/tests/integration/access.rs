//! Who may see and change what: staff within their area subtree, organizers on their own
//! platforms, and nobody without signing in.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_staff_cannot_read_another_districts_records() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let own = staff
        .get(&format!("/manage/areas/{}", app.world.district_a))
        .await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("甲街道"));
    for path in [
        format!("/manage/areas/{}", app.world.district_b),
        format!("/manage/areas/{}", app.world.township_b),
        format!("/manage/areas/{}", app.world.city),
        format!("/manage/platforms/{}", app.world.platform_b),
        format!("/manage/platforms?area={}", app.world.district_b),
    ] {
        let other = staff.get(&path).await;
        assert_eq!(other.status, 403, "{path}");
        assert!(
            !other.body.contains("乙镇协商议事室"),
            "{path} leaks a name"
        );
        assert!(other.body.contains("无权访问"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_staff_list_only_their_own_platforms() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let list = staff.get("/manage/platforms").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("甲街道协商议事室"));
    assert!(!list.body.contains("乙镇协商议事室"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn city_staff_see_every_district() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("city").await;
    let page = staff
        .get(&format!("/manage/areas/{}", app.world.city))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("甲区") && page.body.contains("乙区"));
    let b = staff
        .get(&format!("/manage/platforms/{}", app.world.platform_b))
        .await;
    assert_eq!(b.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_cannot_change_another_platforms_data() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let id = app.world.platform_b.to_string();
    let page = organizer
        .submit(
            "/manage/platforms",
            "/api/platforms/update",
            &[
                ("id", &id),
                ("name", "被篡改的名称"),
                ("type_code", "consultation_room"),
                ("established_on", "2024-03-01"),
            ],
        )
        .await;
    assert!(page.body.contains("您没有权限进行此操作"), "{}", page.body);
    let name = app
        .text(&format!("SELECT name FROM platforms WHERE id = {id}"))
        .await;
    assert_eq!(name.as_deref(), Some("乙镇协商议事室"));
    assert_eq!(app.scalar("SELECT count(*) FROM audit_log").await, 0);
    // Nor may an organizer move or deactivate even their own platform: that is staff work.
    let own = app.world.platform_a.to_string();
    let township_b = app.world.township_b.to_string();
    organizer
        .post_form(
            "/manage/platforms",
            "/api/platforms/move",
            &[("id", &own), ("to_area_id", &township_b)],
        )
        .await;
    organizer
        .post_form(
            "/manage/platforms",
            "/api/platforms/set-status",
            &[("id", &own), ("status", "inactive")],
        )
        .await;
    let (area, status): (i64, String) = sqlx::query_as(&format!(
        "SELECT area_id, status FROM platforms WHERE id = {own}"
    ))
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!((area, status.as_str()), (app.world.township_a, "active"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_edits_their_own_platform_and_the_change_is_audited() {
    let app = TestApp::spawn().await;
    let organizer = app.signed_in("organizer_a").await;
    let id = app.world.platform_a.to_string();
    let page = organizer
        .submit(
            &format!("/manage/platforms/{id}"),
            "/api/platforms/update",
            &[
                ("id", &id),
                ("name", "甲街道“有事好商量”议事室"),
                ("type_code", "livelihood_hall"),
                ("address", "幸福路2号"),
                ("established_on", "2024-03-01"),
                ("star_rating", "4"),
            ],
        )
        .await;
    assert!(page.body.contains("已保存"), "{}", page.body);
    let row: (String, String, i64) = sqlx::query_as(&format!(
        "SELECT name, type_code, star_rating FROM platforms WHERE id = {id}"
    ))
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "甲街道“有事好商量”议事室".into(),
            "livelihood_hall".into(),
            4
        )
    );
    let audit: (String, String, String) = sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'platform'",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(audit.0, "update");
    assert!(audit.1.contains("甲街道协商议事室") && audit.2.contains("幸福路2号"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizers_and_members_cannot_open_staff_pages() {
    let app = TestApp::spawn().await;
    for who in ["organizer_a", "member"] {
        let b = app.signed_in(who).await;
        let page = b
            .get(&format!("/manage/areas/{}", app.world.district_a))
            .await;
        assert_eq!(page.status, 403, "{who}");
        let new = b.get("/manage/platforms/new").await;
        assert_eq!(new.status, 403, "{who}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_out_visitors_are_sent_to_sign_in_and_keep_what_they_typed() {
    let app = TestApp::spawn().await;
    let anonymous = app.browser();
    let page = anonymous.get("/manage").await;
    assert_eq!(page.status, 302);
    assert_eq!(page.location().as_deref(), Some("/login?next=/manage"));
    let parent = app.world.district_a.to_string();
    let res = anonymous
        .post_form(
            &format!("/manage/areas/{parent}"),
            "/api/areas/create",
            &[("parent_id", &parent), ("name", "新街道"), ("code", "")],
        )
        .await;
    let location = res.location().unwrap();
    assert!(
        location.starts_with("/login?next=/manage/areas/"),
        "{location}"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM areas WHERE name = '新街道'")
            .await,
        0
    );
    // After signing in, the form comes back with what was typed.
    let b = app.browser();
    let next = location
        .trim_start_matches("/login?next=")
        .replace("%3F", "?")
        .replace("%3D", "=");
    let signed = b
        .post_form(
            "/login",
            "/api/auth/login",
            &[
                ("username", "district_a"),
                ("password", common::PASSWORD),
                ("next", &next),
            ],
        )
        .await;
    let back = b.get(&signed.location().unwrap()).await;
    assert!(back.body.contains("value=\"新街道\""), "{}", back.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_need_no_account() {
    let app = TestApp::spawn().await;
    let anonymous = app.browser();
    let home = anonymous.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("测试市") && home.body.contains("甲区"));
    let platform = anonymous
        .get(&format!("/platforms/{}", app.world.platform_b))
        .await;
    assert_eq!(platform.status, 200);
    assert!(platform.body.contains("乙镇协商议事室") && platform.body.contains("幸福路1号"));
    assert_eq!(anonymous.get("/platforms/999999").await.status, 404);
    assert_eq!(anonymous.get("/platforms/abc").await.status, 404);
    assert_eq!(anonymous.get("/no/such/page").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_revalidating_a_cached_asset_gets_304_not_the_404_page() {
    let app = TestApp::spawn().await;
    std::fs::write(app.site_root().join("favicon.svg"), "<svg/>").unwrap();
    let client = reqwest::Client::new();
    let first = client.get(app.url("/favicon.svg")).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let modified = first.headers().get("last-modified").unwrap().clone();
    let again = client
        .get(app.url("/favicon.svg"))
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}
