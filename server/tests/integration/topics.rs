//! Topic collection: a resident proposes without an account and follows the topic by its code;
//! organizers accept it onto a session, merge it or decline it with a reply; consulting on it
//! closes the loop.

use crate::common;

use common::{Browser, TestApp};

/// Proposes a topic at platform A and returns the answer to the post.
async fn propose(b: &Browser, app: &TestApp, fields: &[(&str, &str)]) -> common::Answer {
    let platform = app.world.platform_a.to_string();
    let mut all = vec![("platform_id", platform.as_str())];
    all.extend_from_slice(fields);
    b.post_form(
        &format!("/platforms/{platform}/propose"),
        "/api/topics/propose",
        &all,
    )
    .await
}

fn receipt(answer: &common::Answer) -> String {
    let to = answer.location().expect("a redirect");
    assert!(to.starts_with("/t/"), "lands on the topic's page: {to}");
    to.split(['?', '#']).next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_proposes_and_follows_the_topic() {
    let app = TestApp::spawn().await;
    let resident = app.browser();
    let platform = app.world.platform_a;

    let form = resident
        .get(&format!("/platforms/{platform}/propose"))
        .await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("城乡建设"), "categories are offered");

    // Refusals name their field and keep what was typed.
    let refused = resident
        .submit(
            &format!("/platforms/{platform}/propose"),
            "/api/topics/propose",
            &[
                ("platform_id", &platform.to_string()),
                ("title", ""),
                ("description", "小区门口路灯坏了两个月"),
                ("category", "urban_rural"),
                ("proposer_mobile", "1380013800"),
            ],
        )
        .await;
    assert!(refused.body.contains("请填写此项"));
    assert!(refused.body.contains("手机号应为11位数字"));
    assert!(refused.body.contains("小区门口路灯坏了两个月"));
    let no_consent = propose(
        &resident,
        &app,
        &[
            ("title", "路灯维修"),
            ("description", "小区门口路灯坏了两个月"),
            ("category", "urban_rural"),
            ("proposer_mobile", "13800138000"),
        ],
    )
    .await;
    assert!(no_consent.location().unwrap().contains("f="));
    assert_eq!(
        app.scalar("SELECT count(*) FROM topics WHERE title = '路灯维修'")
            .await,
        0
    );

    let done = propose(
        &resident,
        &app,
        &[
            ("title", "路灯维修"),
            ("description", "小区门口路灯坏了两个月"),
            ("category", "urban_rural"),
            ("proposer_name", "王阿姨"),
            ("proposer_mobile", "13800138000"),
            ("consent", "yes"),
            ("via", "qr"),
        ],
    )
    .await;
    let page = receipt(&done);
    let shown = resident.get(&page).await.body;
    assert!(shown.contains("待审核") && shown.contains("路灯维修"));
    assert!(
        !shown.contains("13800138000"),
        "no number on the public page"
    );
    assert_eq!(
        app.text("SELECT source || ' ' || channel || ' ' || proposer_mobile FROM topics WHERE title = '路灯维修'")
            .await
            .as_deref(),
        Some("resident qr_code 13800138000")
    );
    assert_eq!(resident.get("/t/ZZZZZZZZ").await.status, 404);
    assert_eq!(resident.get("/t/not-a-code").await.status, 404);

    // Only the platform's own organizers see and review it.
    let id = app
        .scalar("SELECT id FROM topics WHERE title = '路灯维修'")
        .await;
    let organizer = app.signed_in("organizer_a").await;
    assert!(organizer
        .get("/manage/topics")
        .await
        .body
        .contains("路灯维修"));
    let review_page = organizer.get(&format!("/manage/topics/{id}")).await;
    assert!(
        review_page.body.contains("13800138000"),
        "organizers see the number to reply"
    );
    let other = app.signed_in("organizer_b").await;
    assert!(!other.get("/manage/topics").await.body.contains("路灯维修"));
    assert_eq!(other.get(&format!("/manage/topics/{id}")).await.status, 403);

    // Declining needs a reply, which the proposer then reads; a declined topic stays declined.
    let topic = format!("/manage/topics/{id}");
    let review = |decision: &'static str, reply: &'static str| {
        let (organizer, topic, id) = (organizer.clone(), topic.clone(), id.to_string());
        async move {
            organizer
                .submit(
                    &topic,
                    "/api/topics/review",
                    &[("id", &id), ("decision", decision), ("reply", reply)],
                )
                .await
                .body
        }
    };
    assert!(review("decline", "").await.contains("不予立项时请填写回复"));
    assert!(review("decline", "路灯属供电公司维护，已转交12345热线")
        .await
        .contains("审核意见已保存"));
    let declined = resident.get(&page).await.body;
    assert!(declined.contains("不予立项") && declined.contains("已转交12345热线"));
    assert!(review("accept", "")
        .await
        .contains("该议题已合并、不予立项或已协商"));
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'topic' AND entity_id = {id}"
        ))
        .await,
        2,
        "created and reviewed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_topics_are_taken_up_and_merged_ones_follow() {
    let app = TestApp::spawn().await;
    let resident = app.browser();
    let session = app.session(30, 3).await;
    let first = receipt(
        &propose(
            &resident,
            &app,
            &[
                ("title", "加装电梯"),
                ("description", "老人上下楼困难"),
                ("category", "welfare"),
            ],
        )
        .await,
    );
    let second = receipt(
        &propose(
            &resident,
            &app,
            &[
                ("title", "电梯加装补贴"),
                ("description", "希望明确补贴标准"),
                ("category", "welfare"),
            ],
        )
        .await,
    );
    let id_of = |title: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!("SELECT id FROM topics WHERE title = '{title}'"))
                .await
                .to_string()
        }
    };
    let (lift, subsidy) = (id_of("加装电梯").await, id_of("电梯加装补贴").await);
    let organizer = app.signed_in("organizer_a").await;
    let accepted = organizer
        .submit(
            &format!("/manage/topics/{lift}"),
            "/api/topics/review",
            &[
                ("id", &lift),
                ("decision", "accept"),
                ("session", &session.to_string()),
            ],
        )
        .await;
    assert!(accepted.body.contains("审核意见已保存"));
    let merged = organizer
        .submit(
            &format!("/manage/topics/{subsidy}"),
            "/api/topics/review",
            &[
                ("id", &subsidy),
                ("decision", "merge"),
                ("merge_into", &subsidy),
            ],
        )
        .await;
    assert!(merged.body.contains("请选择一项"), "not into itself");
    organizer
        .submit(
            &format!("/manage/topics/{subsidy}"),
            "/api/topics/review",
            &[
                ("id", &subsidy),
                ("decision", "merge"),
                ("merge_into", &lift),
            ],
        )
        .await;
    let follow = resident.get(&second).await.body;
    assert!(follow.contains("已并入议题") && follow.contains("加装电梯"));
    assert!(
        follow.contains("老旧小区加装电梯协商"),
        "a merged topic shows the session that took its target up"
    );
    assert!(resident
        .get(&first)
        .await
        .body
        .contains("老旧小区加装电梯协商"));

    // Once the session's minutes are recorded, the accepted topic is 已协商.
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '+8 hours', '-1 day'), ends_at = datetime('now', '+8 hours', '-1 day', '+2 hours'),
             signup_deadline = datetime('now', '+8 hours', '-2 days') WHERE id = {session}"
    ))
    .await;
    let saved = organizer
        .submit(
            &format!("/manage/sessions/{session}/closing"),
            "/api/closing/minutes",
            &[
                ("id", &session.to_string()),
                ("agenda", "加装电梯"),
                ("key_points", "补贴标准"),
            ],
        )
        .await;
    assert!(saved.body.contains("议事记录已保存"));
    assert_eq!(
        app.text(&format!("SELECT status FROM topics WHERE id = {lift}"))
            .await
            .as_deref(),
        Some("consulted")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_and_organizers_propose_with_their_source() {
    let app = TestApp::spawn().await;
    let member = app.signed_in("member").await;
    receipt(
        &propose(
            &member,
            &app,
            &[
                ("title", "社区养老服务"),
                ("description", "日间照料中心不足"),
                ("category", "welfare"),
            ],
        )
        .await,
    );
    assert_eq!(
        app.text("SELECT source || ' ' || (proposer_user_id IS NOT NULL) FROM topics WHERE title = '社区养老服务'")
            .await
            .as_deref(),
        Some("member 1")
    );
    let organizer = app.signed_in("organizer_a").await;
    let missing = propose(
        &organizer,
        &app,
        &[
            ("title", "停车难"),
            ("description", "热线反映"),
            ("category", "governance"),
        ],
    )
    .await;
    assert!(
        missing.location().unwrap().contains("f="),
        "an organizer names source and channel"
    );
    receipt(
        &propose(
            &organizer,
            &app,
            &[
                ("title", "停车难"),
                ("description", "热线反映"),
                ("category", "governance"),
                ("source", "department"),
                ("channel", "hotline"),
            ],
        )
        .await,
    );
    assert_eq!(
        app.text("SELECT source || ' ' || channel FROM topics WHERE title = '停车难'")
            .await
            .as_deref(),
        Some("department hotline")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proposer_adds_one_photo_which_only_reviewers_see() {
    let app = TestApp::spawn().await;
    let resident = app.browser();
    let page = receipt(
        &propose(
            &resident,
            &app,
            &[
                ("title", "井盖破损"),
                ("description", "人行道井盖松动"),
                ("category", "urban_rural"),
            ],
        )
        .await,
    );
    let code = page.trim_start_matches("/t/").to_owned();
    let photo = |bytes: &'static [u8]| {
        let (resident, page, code) = (resident.clone(), page.clone(), code.clone());
        async move {
            let answer = resident
                .post_file(
                    &page,
                    "/api/topics/photo",
                    &[("code", &code)],
                    ("井盖.jpg", bytes.to_vec()),
                )
                .await;
            resident.get(&answer.location().unwrap()).await.body
        }
    };
    assert!(photo(b"%PDF-1.7").await.contains("只能上传JPG或PNG照片"));
    assert!(photo(b"\xFF\xD8\xFF\xE0jpeg").await.contains("已附照片"));
    assert!(photo(b"\xFF\xD8\xFF\xE0again")
        .await
        .contains("该议题已有照片"));
    let key = app
        .text("SELECT f.storage_key FROM topics t JOIN attachments f ON f.id = t.photo_id")
        .await
        .unwrap();
    assert_eq!(resident.get(&format!("/files/{key}")).await.status, 404);
    let organizer = app.signed_in("organizer_a").await;
    let id = app.scalar("SELECT id FROM topics").await;
    assert!(organizer
        .get(&format!("/manage/topics/{id}"))
        .await
        .body
        .contains(&format!("/files/{key}")));
    let served = organizer.get(&format!("/files/{key}")).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.headers["content-type"], "image/jpeg");
    // A code that opens nothing attaches nothing.
    let nobody = resident
        .post_file(
            "/t/ZZZZZZZZ",
            "/api/topics/photo",
            &[("code", "ZZZZZZZZ")],
            ("x.jpg", b"\xFF\xD8\xFF".to_vec()),
        )
        .await;
    assert!(!nobody.status.is_server_error());
    assert_eq!(app.scalar("SELECT count(*) FROM attachments").await, 1);
}

/// One address proposes only so many topics in a while; what was typed stays with the refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_proposes_only_so_many_topics() {
    let app = TestApp::spawn_with(app::web::limits::Rates {
        proposals_per_address: app::web::limits::Rate::new(
            std::num::NonZeroU32::new(2).unwrap(),
            std::time::Duration::from_secs(3600),
        ),
        ..common::open_by_address()
    })
    .await;
    let b = app.browser();
    let fields = [
        ("title", "路灯不亮"),
        ("description", "小区东门路灯坏了"),
        ("category", "urban_rural"),
    ];
    receipt(&propose(&b, &app, &fields).await);
    receipt(&propose(&b, &app, &fields).await);
    let third = propose(&b, &app, &fields).await;
    let page = b.get(&third.location().unwrap()).await.body;
    assert!(page.contains("提交过于频繁"), "{page}");
    assert!(page.contains("小区东门路灯坏了"), "what was typed stays");
    assert_eq!(app.scalar("SELECT count(*) FROM topics").await, 2);
}

/// Photos without an account fill at most a quarter of the upload quota, with a message that
/// says so; a declined topic's photo and any file no record names are removed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_bounded_and_those_no_longer_needed_are_removed() {
    let app = TestApp::spawn_configured(|c| c.upload_quota_mb = 1).await;
    let resident = app.browser();
    let topic = |title: &'static str| {
        let (b, app) = (resident.clone(), &app);
        async move {
            receipt(
                &propose(
                    &b,
                    app,
                    &[
                        ("title", title),
                        ("description", "见照片"),
                        ("category", "urban_rural"),
                    ],
                )
                .await,
            )
        }
    };
    let photo = |page: String, bytes: Vec<u8>| {
        let b = resident.clone();
        async move {
            let code = page.trim_start_matches("/t/").to_owned();
            let answer = b
                .post_file(
                    &page,
                    "/api/topics/photo",
                    &[("code", &code)],
                    ("现场.jpg", bytes),
                )
                .await;
            b.get(&answer.location().unwrap()).await.body
        }
    };
    let jpeg = |kb: usize| [b"\xFF\xD8\xFF\xE0".to_vec(), vec![0u8; kb * 1024]].concat();
    let first = topic("井盖破损").await;
    assert!(photo(first.clone(), jpeg(200)).await.contains("已附照片"));
    // 200 KB of a 256 KB share taken: another 100 KB does not fit.
    let second = topic("路面塌陷").await;
    let refused = photo(second, jpeg(100)).await;
    assert!(refused.contains("存储空间已满"), "{refused}");
    assert_eq!(app.scalar("SELECT count(*) FROM attachments").await, 1);
    let stored = |app: &TestApp| walk(&app.site_root().join("uploads"));
    assert_eq!(stored(&app), 1, "a refused photo leaves no file");

    // Declined: the photo's record goes at once, its file at the next sweep, with any file
    // that no record names.
    let id = app
        .scalar("SELECT id FROM topics ORDER BY id LIMIT 1")
        .await
        .to_string();
    let organizer = app.signed_in("organizer_a").await;
    organizer
        .post_form(
            &format!("/manage/topics/{id}"),
            "/api/topics/review",
            &[
                ("id", &id),
                ("decision", "decline"),
                ("reply", "已转交物业处理"),
            ],
        )
        .await;
    assert_eq!(
        app.text(&format!("SELECT status FROM topics WHERE id = {id}"))
            .await
            .as_deref(),
        Some("declined")
    );
    assert_eq!(app.scalar("SELECT count(*) FROM attachments").await, 0);
    let orphan = app
        .site_root()
        .join("uploads")
        .join("ab")
        .join("ab".repeat(32));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"left by a broken upload").unwrap();
    assert_eq!(stored(&app), 2);
    let removed = server::jobs::remove_unrecorded_files(&app.state, std::time::Duration::ZERO)
        .await
        .unwrap();
    assert_eq!((removed, stored(&app)), (2, 0));
}

/// Files under the uploads folder.
fn walk(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                1
            }
        })
        .sum()
}
