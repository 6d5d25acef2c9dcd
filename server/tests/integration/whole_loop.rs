//! The whole loop in one go, as the annual report will count it: a resident's topic is accepted
//! onto a session, people sign up and are checked in at the door, the minutes report the
//! attendance from the check-ins, a suggestion is handled, the problem it raised is resolved, and
//! a participant rates the result with their registration code.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_a_residents_topic_to_a_rating() {
    let app = TestApp::spawn().await;
    let platform = app.world.platform_a.to_string();
    let resident = app.browser();
    let session = app.session(30, 3).await;
    let id = session.to_string();

    // 群众出题.
    let proposed = resident
        .post_form(
            &format!("/platforms/{platform}/propose"),
            "/api/topics/propose",
            &[
                ("platform_id", &platform),
                ("title", "小区充电桩不足"),
                ("description", "电动车飞线充电，存在火灾隐患"),
                ("category", "governance"),
            ],
        )
        .await;
    let topic_page = proposed.location().unwrap();
    let topic = app.scalar("SELECT id FROM topics").await.to_string();
    let organizer = app.signed_in("organizer_a").await;
    organizer
        .submit(
            &format!("/manage/topics/{topic}"),
            "/api/topics/review",
            &[("id", &topic), ("decision", "accept"), ("session", &id)],
        )
        .await;

    // Sign-up, then check-in at the door once the window opens.
    let code = resident
        .sign_up(session, "钱师傅", "13811112222")
        .await
        .location()
        .unwrap()
        .trim_start_matches("/r/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .to_owned();
    resident.sign_up(session, "孙阿姨", "13811113333").await;
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '+8 hours', '+10 minutes'),
             ends_at = datetime('now', '+8 hours', '+2 hours'),
             signup_deadline = datetime('now', '+8 hours'),
             checkin_opens_at = datetime('now', '+8 hours', '-20 minutes'),
             checkin_closes_at = datetime('now', '+8 hours', '+2 hours') WHERE id = {id}"
    ))
    .await;
    let desk = organizer
        .submit(
            &format!("/manage/sessions/{id}"),
            "/api/manage-sessions/check-in",
            &[("id", &id), ("code", &code)],
        )
        .await;
    assert!(desk.body.contains("签到成功"), "{}", desk.body);

    // The session takes place; its minutes count one person, from the check-in.
    app.exec(&format!(
        "UPDATE sessions SET starts_at = datetime('now', '+8 hours', '-1 hour'),
             signup_deadline = datetime('now', '+8 hours', '-2 hours') WHERE id = {id}"
    ))
    .await;
    let page = format!("/manage/sessions/{id}/closing");
    let too_many = organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[
                ("id", &id),
                ("agenda", "充电桩选址"),
                ("key_points", "在3号楼东侧建设集中充电点"),
                ("vote_subject", "选址方案"),
                ("votes_for", "2"),
                ("votes_against", "0"),
                ("votes_abstain", "0"),
            ],
        )
        .await;
    assert!(too_many.body.contains("表决票数合计不能超过签到人数"));
    organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[
                ("id", &id),
                ("agenda", "充电桩选址"),
                ("key_points", "在3号楼东侧建设集中充电点"),
                ("consensus", "物业申报，街道协调供电"),
            ],
        )
        .await;
    assert_eq!(
        app.text(&format!("SELECT status FROM topics WHERE id = {topic}"))
            .await
            .as_deref(),
        Some("consulted")
    );

    // 意见建议 → 问题 → 解决.
    organizer
        .submit(
            &page,
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "建设集中充电点20个"),
                ("form", "consensus"),
                ("lead_department", "街道办"),
            ],
        )
        .await;
    let outcome = app.scalar("SELECT id FROM outcomes").await.to_string();
    organizer
        .submit(
            &page,
            "/api/closing/add-problem",
            &[
                ("id", &id),
                ("description", "电动车飞线充电"),
                ("problem_outcome", &outcome),
            ],
        )
        .await;
    let problem = app.scalar("SELECT id FROM problems").await.to_string();
    let today = store::clock::now_local().date().to_string();
    organizer
        .submit(
            &format!("{page}?problem={problem}"),
            "/api/closing/resolve-problem",
            &[
                ("id", &id),
                ("row", &problem),
                ("resolved_on", &today),
                ("evidence", "充电点已投用，飞线清零"),
            ],
        )
        .await;
    assert_eq!(
        app.text(&format!(
            "SELECT resolved_on || ' ' || evidence || ' ' || outcome_id FROM problems WHERE id = {problem}"
        ))
        .await,
        Some(format!("{today} 充电点已投用，飞线清零 {outcome}"))
    );

    // 反馈 and 评价: the resident follows their registration to the result and rates it once.
    let own = resident.get(&format!("/r/{code}")).await.body;
    assert!(own.contains(&format!("/sessions/{id}/results")));
    let rated = resident
        .submit(
            &format!("/r/{code}"),
            "/api/results/rate",
            &[("code", &code), ("satisfaction", "satisfied")],
        )
        .await;
    assert!(rated.body.contains("感谢您的评价"));
    let results = resident.get(&format!("/sessions/{id}/results")).await.body;
    assert!(results.contains("建设集中充电点20个") && results.contains("充电点已投用"));
    // The proposer sees where their topic went.
    let follow = resident.get(&topic_page).await.body;
    assert!(follow.contains("已协商") && follow.contains("老旧小区加装电梯协商"));
    // Every step left its trace.
    assert_eq!(
        app.scalar(
            "SELECT count(DISTINCT entity) FROM audit_log WHERE entity IN ('topic', 'minutes', 'outcome', 'problem')"
        )
        .await,
        4
    );
}
