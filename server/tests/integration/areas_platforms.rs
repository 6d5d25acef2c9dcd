//! Staff manage the area tree and the platforms in it; every refusal names its field and keeps
//! what was typed.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_add_a_township_whose_level_and_path_follow_the_parent() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let parent = app.world.district_a.to_string();
    let page = staff
        .submit(
            &format!("/manage/areas/{parent}"),
            "/api/areas/create",
            &[
                ("parent_id", &parent),
                ("name", "新港街道"),
                ("code", "329901002000"),
            ],
        )
        .await;
    assert!(
        page.body.contains("已保存") && page.body.contains("新港街道"),
        "{}",
        page.body
    );
    let (level, path): (String, String) =
        sqlx::query_as("SELECT level, path FROM areas WHERE name = '新港街道'")
            .fetch_one(&app.state.db.read)
            .await
            .unwrap();
    assert_eq!(level, "township");
    assert!(path.starts_with(&format!("/{}/{}/", app.world.city, app.world.district_a)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_area_code_is_refused_next_to_its_field_and_the_name_is_kept() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let parent = app.world.district_a.to_string();
    let from = format!("/manage/areas/{parent}");
    let malformed = staff
        .submit(
            &from,
            "/api/areas/create",
            &[
                ("parent_id", &parent),
                ("name", "新港街道"),
                ("code", "12345"),
            ],
        )
        .await;
    assert!(malformed.body.contains("区划代码应为12位数字"));
    assert!(malformed.body.contains("value=\"新港街道\""));
    let elsewhere = staff
        .submit(
            &from,
            "/api/areas/create",
            &[
                ("parent_id", &parent),
                ("name", "新港街道"),
                ("code", "329902005000"),
            ],
        )
        .await;
    assert!(elsewhere.body.contains("区划代码与上级区划不符"));
    let taken = staff
        .submit(
            &from,
            "/api/areas/create",
            &[
                ("parent_id", &parent),
                ("name", "新港街道"),
                ("code", "329901001000"),
            ],
        )
        .await;
    assert!(taken.body.contains("该区划代码已被使用"));
    let blank = staff
        .submit(
            &from,
            "/api/areas/create",
            &[("parent_id", &parent), ("name", "  "), ("code", "")],
        )
        .await;
    assert!(blank.body.contains("请填写此项"));
    assert_eq!(app.scalar("SELECT count(*) FROM areas").await, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_staff_cannot_add_areas_in_another_district_or_rename_their_own() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let b = app.world.district_b.to_string();
    staff
        .post_form(
            "/manage",
            "/api/areas/create",
            &[("parent_id", &b), ("name", "越权街道")],
        )
        .await;
    let a = app.world.district_a.to_string();
    staff
        .post_form(
            "/manage",
            "/api/areas/update",
            &[("id", &a), ("name", "改名区")],
        )
        .await;
    assert_eq!(
        app.scalar("SELECT count(*) FROM areas WHERE name IN ('越权街道', '改名区')")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_area_with_active_platforms_cannot_be_deactivated() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let t = app.world.township_a.to_string();
    let page = staff
        .submit(
            &format!("/manage/areas/{t}"),
            "/api/areas/set-active",
            &[("id", &t), ("active", "0")],
        )
        .await;
    assert!(page.body.contains("该区划下还有运行中的议事平台"));
    assert_eq!(
        app.scalar(&format!("SELECT active FROM areas WHERE id = {t}"))
            .await,
        1
    );
    let p = app.world.platform_a.to_string();
    staff
        .post_form(
            "/manage",
            "/api/platforms/set-status",
            &[("id", &p), ("status", "inactive")],
        )
        .await;
    let done = staff
        .submit(
            &format!("/manage/areas/{t}"),
            "/api/areas/set-active",
            &[("id", &t), ("active", "0")],
        )
        .await;
    assert!(done.body.contains("已保存"));
    assert_eq!(
        app.scalar(&format!("SELECT active FROM areas WHERE id = {t}"))
            .await,
        0
    );
    assert!(app
        .text(&format!(
            "SELECT deactivated_on FROM platforms WHERE id = {p}"
        ))
        .await
        .is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_platform_with_mistakes_comes_back_with_every_value_and_error() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("district_a").await;
    let t = app.world.township_a.to_string();
    let page = staff
        .submit(
            &format!("/manage/platforms/new?area={t}"),
            "/api/platforms/create",
            &[
                ("area_id", &t),
                ("name", ""),
                ("brand_name", "板凳会"),
                ("type_code", "no_such_type"),
                ("address", "文明路8号"),
                ("established_on", "2025-13-40"),
                ("star_rating", "9"),
            ],
        )
        .await;
    for message in [
        "请填写此项",
        "请选择一项",
        "日期格式应为 年-月-日",
        "星级应为1到5",
    ] {
        assert!(page.body.contains(message), "{message}");
    }
    assert!(page.body.contains("value=\"板凳会\"") && page.body.contains("value=\"文明路8号\""));
    assert_eq!(app.scalar("SELECT count(*) FROM platforms").await, 2);
    let ok = staff
        .submit(
            &format!("/manage/platforms/new?area={t}"),
            "/api/platforms/create",
            &[
                ("area_id", &t),
                ("name", "新议事堂"),
                ("type_code", "livelihood_hall"),
                ("established_on", "2025-05-04"),
            ],
        )
        .await;
    assert!(ok.body.contains("已保存") && ok.body.contains("新议事堂"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_platform_keeps_held_sessions_in_the_old_area_and_records_the_move() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let p = app.world.platform_a;
    for (start, title) in [
        ("2025-03-01 09:00:00", "已举行"),
        ("2099-03-01 09:00:00", "未开始"),
    ] {
        sqlx::query(
            "INSERT INTO sessions (host_platform_id, area_id, title, kind, format, starts_at, ends_at, seats,
                 signup_deadline, checkin_opens_at, checkin_closes_at, status, created_at, updated_at)
             VALUES (?, ?, ?, 'council', 'onsite', ?, datetime(?, '+2 hours'), 30, ?, ?, datetime(?, '+2 hours'),
                 'published', ?, ?)",
        )
        .bind(p)
        .bind(app.world.township_a)
        .bind(title)
        .bind(start)
        .bind(start)
        .bind(start)
        .bind(start)
        .bind(start)
        .bind(start)
        .bind(start)
        .execute(&db.write)
        .await
        .unwrap();
    }
    let staff = app.signed_in("city").await;
    let page = staff
        .submit(
            &format!("/manage/platforms/{p}"),
            "/api/platforms/move",
            &[
                ("id", &p.to_string()),
                ("to_area_id", &app.world.township_b.to_string()),
                ("reason", "区划调整"),
            ],
        )
        .await;
    assert!(
        page.body.contains("平台已迁移") && page.body.contains("区划调整"),
        "{}",
        page.body
    );
    let held = app
        .scalar("SELECT area_id FROM sessions WHERE title = '已举行'")
        .await;
    let upcoming = app
        .scalar("SELECT area_id FROM sessions WHERE title = '未开始'")
        .await;
    assert_eq!(held, app.world.township_a);
    assert_eq!(upcoming, app.world.township_b);
    assert_eq!(app.scalar("SELECT count(*) FROM platform_moves").await, 1);
    // District A's staff no longer manage it; district B's area list counts it.
    let a = app.signed_in("district_a").await;
    assert_eq!(a.get(&format!("/manage/platforms/{p}")).await.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_works_without_scripts_and_is_remembered() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let res = b.get("/lang?to=en&back=/platforms/1").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location().as_deref(), Some("/platforms/1"));
    let home = b.get("/").await;
    assert!(home.body.contains("<html lang=\"en\"") && home.body.contains("Sign in"));
    let evil = b.get("/lang?to=zh&back=//evil.example").await;
    assert_eq!(evil.location().as_deref(), Some("/"));
    assert!(b.get("/").await.body.contains("<html lang=\"zh-CN\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn elder_mode_is_one_plain_link_away_and_is_remembered() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let home = b.get("/sessions").await.body;
    assert!(!home.contains("class=\"text-large\""));
    assert!(
        home.contains("href=\"/text-size?to=large&amp;back=/sessions\""),
        "the switch on every page, back to it"
    );
    let res = b.get("/text-size?to=large&back=/sessions").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location().as_deref(), Some("/sessions"));
    let large = b.get("/").await.body;
    assert!(
        large.contains("<html lang=\"zh-CN\" class=\"text-large\""),
        "{large}"
    );
    assert!(large.contains("字再大些") && large.contains("标准字号"));
    b.get("/text-size?to=larger&back=/").await;
    assert!(b.get("/").await.body.contains("class=\"text-larger\""));
    // Anything else is the standard size; a way off the site goes home.
    let evil = b.get("/text-size?to=huge&back=//evil.example").await;
    assert_eq!(evil.location().as_deref(), Some("/"));
    let standard = b.get("/").await.body;
    assert!(!standard.contains("text-large") && standard.contains("长辈模式"));
    // The stylesheet sizes both modes, never stops the phone from scaling text, and gives
    // their tap targets 60 px.
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/main.css")).unwrap();
    assert!(css.contains("html.text-large { font-size: 23px; }"));
    assert!(css.contains("html.text-larger { font-size: 30px; }"));
    assert!(css.contains("min-height: 60px"));
    assert!(!css.contains("text-size-adjust: none"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_posts_never_fail_the_server_nor_change_data() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("city").await;
    let before = app.scalar("SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM platforms) + (SELECT count(*) FROM audit_log)").await;
    let junk: &[(&str, &str)] = &[
        ("id", "1 OR 1=1"),
        ("parent_id", "-5"),
        ("area_id", "９"),
        ("status", "<script>"),
        ("active", "maybe"),
    ];
    for action in [
        "/api/areas/create",
        "/api/areas/update",
        "/api/areas/set-active",
        "/api/platforms/create",
        "/api/platforms/update",
        "/api/platforms/move",
        "/api/platforms/set-status",
        "/api/auth/login",
        "/api/auth/change-password",
    ] {
        let res = staff.post_form("/manage", action, junk).await;
        assert!(res.status.is_redirection(), "{action}: {}", res.status);
        let empty = staff.post_form("/manage", action, &[]).await;
        assert!(
            empty.status.is_redirection(),
            "{action} empty: {}",
            empty.status
        );
    }
    let after = app.scalar("SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM platforms) + (SELECT count(*) FROM audit_log)").await;
    assert_eq!(before, after);
}
