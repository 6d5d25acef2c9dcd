//! The loop after the meeting: minutes with attendance from the check-ins, suggestions and their
//! handling lights, problems resolved with evidence, follow-up visits, participants' ratings,
//! the public results page, and the audit trail of every change.

use crate::common;

use common::TestApp;

fn day(offset: i64) -> String {
    (store::clock::now_local().date() + chrono::TimeDelta::days(offset)).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn minutes_suggestions_problems_ratings_and_follow_up() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 2).await;
    let id = session.to_string();
    let resident = app.browser();
    let came = resident
        .registration_code(session, "陈秀梅", "13900000001")
        .await;
    let stayed_away = resident
        .registration_code(session, "刘建华", "13900000002")
        .await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}/closing");

    // Not held yet: nothing to record.
    let early = organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[("id", &id), ("agenda", "议程"), ("key_points", "要点")],
        )
        .await;
    assert!(early.body.contains("活动尚未举行，不能记录成果"));
    assert_eq!(app.scalar("SELECT count(*) FROM minutes").await, 0);

    app.hold(session, 3).await;
    app.check_in(&came).await;
    app.exec(&format!(
        "INSERT INTO registrations (session_id, code, name, role, state, walk_in, checked_in_at, checkin_method, created_at, updated_at)
         VALUES ({session}, 'WALK2345', '赵大爷', 'resident', 'attended', 1, datetime('now'), 'walk_in', datetime('now'), datetime('now'))"
    ))
    .await;

    // Attendance is counted from the check-ins: 2 people, one a walk-in; a vote cannot count more.
    let closing = organizer.get(&page).await.body;
    assert!(closing.contains("<strong>2</strong>"), "{closing}");
    let too_many = organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[
                ("id", &id),
                ("agenda", "一、通报加装电梯方案"),
                ("key_points", "低层住户担心采光"),
                ("vote_subject", "是否同意方案"),
                ("votes_for", "2"),
                ("votes_against", "1"),
                ("votes_abstain", "0"),
            ],
        )
        .await;
    assert!(too_many.body.contains("表决票数合计不能超过签到人数"));
    assert!(
        too_many.body.contains("一、通报加装电梯方案"),
        "what was typed stays"
    );
    let saved = organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[
                ("id", &id),
                ("agenda", "一、通报加装电梯方案"),
                ("key_points", "低层住户担心采光"),
                ("consensus", "同意加装，低层住户给予补偿"),
                ("disagreements", "三楼住户仍有顾虑"),
                ("vote_subject", "是否同意方案"),
                ("votes_for", "2"),
                ("votes_against", "0"),
                ("votes_abstain", "0"),
            ],
        )
        .await;
    assert!(saved.body.contains("议事记录已保存"));
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {id}"))
            .await
            .as_deref(),
        Some("concluded")
    );

    // A suggestion past its deadline shows red and is on the follow-up list.
    organizer
        .submit(
            &page,
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "由区住建局牵头制定补偿标准"),
                ("form", "consensus"),
                ("lead_department", "区住建局"),
                ("helpers", "街道办、区财政局"),
                ("deadline", &day(-1)),
            ],
        )
        .await;
    let outcome = app
        .scalar("SELECT id FROM outcomes ORDER BY id DESC LIMIT 1")
        .await
        .to_string();
    assert!(organizer.get(&page).await.body.contains("已超期"));
    let overdue = organizer.get("/manage/outcomes").await.body;
    assert!(overdue.contains("由区住建局牵头制定补偿标准"));
    assert!(!app
        .signed_in("organizer_b")
        .await
        .get("/manage/outcomes")
        .await
        .body
        .contains("由区住建局牵头制定补偿标准"));

    // Completing it needs the result; the change is audited with before and after.
    let row = [("id", id.as_str()), ("row", outcome.as_str())];
    let incomplete = organizer
        .submit(
            &format!("{page}?outcome={outcome}"),
            "/api/closing/update-outcome",
            &[row[0], row[1], ("handling_status", "completed")],
        )
        .await;
    assert!(incomplete.body.contains("办结时请选择办理结果"));
    organizer
        .submit(
            &page,
            "/api/closing/update-outcome",
            &[
                row[0],
                row[1],
                ("handling_status", "completed"),
                ("result_class", "A"),
                ("adoption", "adopted"),
                ("conversion", "livelihood_project"),
                ("lead_department", "区住建局"),
                ("helpers", "街道办"),
                ("feedback_on", &day(0)),
            ],
        )
        .await;
    assert_eq!(
        app.text(&format!(
            "SELECT handling_status || ' ' || result_class || ' ' || adoption FROM outcomes WHERE id = {outcome}"
        ))
        .await
        .as_deref(),
        Some("completed A adopted")
    );
    let audit = app
        .text(&format!(
            "SELECT before_json || ' → ' || after_json FROM audit_log WHERE entity = 'outcome' AND action = 'update' AND entity_id = {outcome}"
        ))
        .await
        .unwrap();
    assert!(
        audit.contains(r#""handling_status":"submitted""#)
            && audit.contains(r#""handling_status":"completed""#),
        "{audit}"
    );
    assert!(
        organizer.get(&page).await.body.contains("变更记录（2）"),
        "the record shows who changed it and when"
    );

    // A problem, resolved only with a sensible date and evidence.
    organizer
        .submit(
            &page,
            "/api/closing/add-problem",
            &[
                ("id", &id),
                ("description", "3号楼加装电梯资金缺口"),
                ("problem_outcome", &outcome),
            ],
        )
        .await;
    let problem = app.scalar("SELECT id FROM problems").await.to_string();
    let resolve = |on: String, evidence: &'static str| {
        let (organizer, page, id, problem) =
            (organizer.clone(), page.clone(), id.clone(), problem.clone());
        async move {
            organizer
                .submit(
                    &format!("{page}?problem={problem}"),
                    "/api/closing/resolve-problem",
                    &[
                        ("id", &id),
                        ("row", &problem),
                        ("resolved_on", &on),
                        ("evidence", evidence),
                    ],
                )
                .await
                .body
        }
    };
    assert!(resolve(day(-10), "补偿协议")
        .await
        .contains("解决日期不能早于问题提出的日期"));
    assert!(resolve(day(1), "补偿协议")
        .await
        .contains("日期不能晚于今天"));
    assert!(resolve(day(0), "").await.contains("请填写此项"));
    assert_eq!(
        app.scalar("SELECT count(*) FROM problems WHERE resolved_on IS NOT NULL")
            .await,
        0
    );
    assert!(resolve(day(0), "补偿协议已签订，电梯已开工")
        .await
        .contains("问题已标记为解决"));
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {id}"))
            .await
            .as_deref(),
        Some("closed"),
        "every suggestion completed and every problem resolved: 已办结"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'problem' AND entity_id = {problem}"
        ))
        .await,
        2
    );

    // Ratings: only who came, and once.
    let rate = |code: String, how: &'static str| {
        let resident = resident.clone();
        async move {
            resident
                .submit(
                    &format!("/r/{code}"),
                    "/api/results/rate",
                    &[("code", &code), ("satisfaction", how)],
                )
                .await
                .body
        }
    };
    assert!(rate(stayed_away.clone(), "satisfied")
        .await
        .contains("只有到场参加的人可以评价"));
    assert!(rate(came.clone(), "satisfied")
        .await
        .contains("感谢您的评价"));
    assert!(rate(came.clone(), "unsatisfied")
        .await
        .contains("您已评价过，每个报名码只能评价一次"));
    assert_eq!(
        app.text("SELECT group_concat(satisfaction) FROM ratings")
            .await
            .as_deref(),
        Some("satisfied")
    );

    // The public results page: what was decided and what came of it, not the disagreements.
    let results = resident.get(&format!("/sessions/{id}/results")).await;
    assert_eq!(results.status, 200);
    for shown in [
        "同意加装，低层住户给予补偿",
        "由区住建局牵头制定补偿标准",
        "A 已解决或基本解决",
        "补偿协议已签订，电梯已开工",
        "满意率 100%",
    ] {
        assert!(results.body.contains(shown), "results show {shown}");
    }
    assert!(!results.body.contains("三楼住户仍有顾虑"));
    // The organizers' follow-up light is theirs: the public reads the handling status instead.
    for light in ["light-green", "light-yellow", "light-red", "正常"] {
        assert!(!results.body.contains(light), "{light}");
    }
    assert!(
        !results
            .body
            .contains("<span class=\"light light-done\">已办结</span>"),
        "the completed suggestion reads 办理状态 已办结, without the light"
    );
    assert!(resident
        .get(&format!("/r/{came}"))
        .await
        .body
        .contains(&format!("/sessions/{id}/results")));

    // A follow-up visit: the session becomes 已回头看.
    let visited = organizer
        .submit(
            &page,
            "/api/closing/add-review",
            &[
                ("id", &id),
                ("reviewed_on", &day(0)),
                ("reviewer_kind", "member"),
                ("findings", "电梯运行正常，住户满意"),
            ],
        )
        .await;
    assert!(visited.body.contains("回头看已记录"));
    assert_eq!(
        app.text(&format!("SELECT status FROM sessions WHERE id = {id}"))
            .await
            .as_deref(),
        Some("reviewed")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_platforms_organizer_records_nothing() {
    let app = TestApp::spawn().await;
    let session = app.session(30, -2).await;
    let id = session.to_string();
    let other = app.signed_in("organizer_b").await;
    assert_eq!(
        other
            .get(&format!("/manage/sessions/{id}/closing"))
            .await
            .status,
        403
    );
    let refused = other
        .submit(
            "/manage",
            "/api/closing/add-outcome",
            &[("id", &id), ("text", "恶意"), ("form", "consensus")],
        )
        .await;
    assert!(refused.body.contains("您没有权限进行此操作"));
    assert_eq!(app.scalar("SELECT count(*) FROM outcomes").await, 0);
    // Public pages of a session without minutes say so, and a draft has none.
    let public = app.browser();
    assert!(public
        .get(&format!("/sessions/{id}/results"))
        .await
        .body
        .contains("协商结果公布后才能评价"));
    app.exec(&format!(
        "UPDATE sessions SET status = 'draft' WHERE id = {id}"
    ))
    .await;
    assert_eq!(
        public.get(&format!("/sessions/{id}/results")).await.status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_record_lists_their_sessions_and_suggestions() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 2).await;
    let id = session.to_string();
    let member = app.signed_in("member").await;
    member.sign_up(session, "林委员", "13700000009").await;
    app.hold(session, 3).await;
    app.exec("UPDATE registrations SET state = 'attended', checked_in_at = datetime('now'), checkin_method = 'code' WHERE member_user_id IS NOT NULL")
        .await;
    let member_id = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await
        .to_string();
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}/closing");
    assert!(
        organizer
            .get(&format!("{page}?task=outcome"))
            .await
            .body
            .contains(&format!("value=\"{member_id}\"")),
        "a checked-in member is offered as proposer"
    );
    organizer
        .submit(
            &page,
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "建立加装电梯资金代管账户"),
                ("form", "motion"),
                ("proposer", &member_id),
            ],
        )
        .await;
    let not_there = organizer
        .submit(
            &page,
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "另一条"),
                ("form", "motion"),
                ("proposer", "1"),
            ],
        )
        .await;
    assert!(
        not_there.body.contains("请选择一项"),
        "only members who were there can be named"
    );
    let record = member.get(&format!("/members/{member_id}")).await;
    assert_eq!(record.status, 200);
    assert!(record.body.contains("老旧小区加装电梯协商"));
    assert!(record.body.contains("建立加装电梯资金代管账户"));
    assert!(record.body.contains("市政协委员"));
    assert_eq!(
        organizer.get(&format!("/members/{member_id}")).await.status,
        403
    );
}

/// The forms of a page into which a person types (text boxes, dates, numbers, files, choices),
/// each as the server function it posts to.
fn typing_forms(body: &str) -> Vec<String> {
    let page = scraper::Html::parse_document(body);
    let forms = scraper::Selector::parse("main form[method=post]").unwrap();
    let typed = scraper::Selector::parse(
        "textarea, select, input:not([type=hidden]):not([type=submit]):not([type=checkbox]):not([type=radio])",
    )
    .unwrap();
    page.select(&forms)
        .filter(|f| f.select(&typed).next().is_some())
        .map(|f| f.value().attr("action").unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_task_after_the_meeting_is_a_screen_of_its_own_and_a_refusal_keeps_everything() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 2).await;
    let id = session.to_string();
    app.hold(session, 3).await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}/closing");
    let added = organizer
        .submit(
            &format!("{page}?task=outcome"),
            "/api/closing/add-outcome",
            &[("id", &id), ("text", "增设夜间照明"), ("form", "consensus")],
        )
        .await;
    assert!(added.body.contains("意见建议已添加"), "{}", added.body);
    let problem_added = organizer
        .submit(
            &format!("{page}?task=problem"),
            "/api/closing/add-problem",
            &[("id", &id), ("description", "路灯不亮")],
        )
        .await;
    assert!(problem_added.body.contains("问题已记录"));
    let outcome = app.scalar("SELECT max(id) FROM outcomes").await;
    let problem = app.scalar("SELECT max(id) FROM problems").await;
    // A deadline already past is kept, and said out loud.
    let late = organizer
        .submit(
            &format!("{page}?task=outcome"),
            "/api/closing/add-outcome",
            &[
                ("id", &id),
                ("text", "补种行道树"),
                ("form", "consensus"),
                ("deadline", &day(-3)),
            ],
        )
        .await;
    assert!(
        late.body.contains("办理期限已过，它已列为超期") && late.body.contains("notice warning"),
        "{}",
        late.body
    );

    // The overview has nothing to type into: only links to each task.
    let overview = organizer.get(&page).await.body;
    assert_eq!(typing_forms(&overview), Vec::<String>::new(), "{overview}");
    for link in [
        "?task=minutes#minutes",
        "?task=outcome#outcomes",
        "?task=problem#problems",
        "?task=review#reviews",
        "?task=files#files",
        "?task=members#members",
    ] {
        assert!(overview.contains(&format!("href=\"{link}\"")), "{link}");
    }
    // Every task screen has one form to type into, and only one.
    for (task, action) in [
        ("task=minutes", "/api/closing/minutes"),
        ("task=outcome", "/api/closing/add-outcome"),
        (&format!("outcome={outcome}"), "/api/closing/update-outcome"),
        ("task=problem", "/api/closing/add-problem"),
        (
            &format!("problem={problem}"),
            "/api/closing/resolve-problem",
        ),
        ("task=review", "/api/closing/add-review"),
        ("task=files", "/api/closing/attach"),
        ("task=sheet", "/api/closing/sign-in-sheet"),
    ] {
        let screen = organizer.get(&format!("{page}?{task}")).await.body;
        assert_eq!(typing_forms(&screen), vec![action.to_owned()], "{task}");
        assert!(screen.contains("返回成果与跟踪"), "{task}");
        // Only the paper sign-in sheet opens the phone's camera first.
        assert_eq!(
            screen.contains("capture=\"environment\""),
            task == "task=sheet",
            "{task}"
        );
    }

    // A refused post comes back to its screen, at its list of errors, with every error named by
    // its field at once, a banner at the top, and everything typed.
    let refused = organizer
        .post_form(
            &format!("{page}?task=minutes"),
            "/api/closing/minutes",
            &[
                ("id", &id),
                ("agenda", "一、通报照明情况"),
                ("key_points", ""),
                ("consensus", "年底前修好"),
                ("vote_subject", "是否同意"),
                ("votes_for", "很多"),
            ],
        )
        .await;
    let to = refused.location().unwrap();
    assert!(
        to.starts_with(&format!("{page}?task=minutes&f=")) && to.ends_with("#error-summary"),
        "{to}"
    );
    let back = organizer.get(&to).await.body;
    assert_eq!(typing_forms(&back), vec!["/api/closing/minutes".to_owned()]);
    let html = scraper::Html::parse_document(&back);
    let summary: Vec<String> = html
        .select(&scraper::Selector::parse("#error-summary li").unwrap())
        .map(|li| li.text().collect())
        .collect();
    assert!(
        summary.iter().any(|s| s.starts_with("协商要点："))
            && summary.iter().any(|s| s.starts_with("赞成：")),
        "{summary:?}"
    );
    assert!(back.contains("没有保存：请按下方提示修改后再提交"));
    for typed in ["一、通报照明情况", "年底前修好", "是否同意", "很多"] {
        assert!(back.contains(typed), "{typed} kept");
    }
    assert!(
        back.contains("novalidate"),
        "the app's messages, not the browser's"
    );
}
