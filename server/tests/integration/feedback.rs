//! The loop's feedback step: those who attended are told once that the results are out, with the
//! link to rate them; a suggestion past its deadline is noticed once, to its lead department's
//! contact and to the organizer.

use crate::common;

use common::TestApp;
use server::jobs::run_once;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendees_are_told_the_results_once_each() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 2).await;
    let id = session.to_string();
    let b = app.browser();
    let first = b.registration_code(session, "陈秀梅", "13900000001").await;
    let second = b.registration_code(session, "刘建华", "13900000002").await;
    let late = b.registration_code(session, "王强", "13900000003").await;
    b.registration_code(session, "没来的", "13900000004").await;
    app.hold(session, 3).await;
    app.check_in(&first).await;
    app.check_in(&second).await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}/closing");
    let fields = [
        ("id", id.as_str()),
        ("agenda", "议程"),
        ("key_points", "要点"),
    ];
    let save = || organizer.submit(&page, "/api/closing/minutes", &fields);
    let results = "SELECT group_concat(recipient) FROM (SELECT recipient FROM messages WHERE kind = 'results' ORDER BY recipient)";
    save().await;
    assert_eq!(
        app.text(results).await.as_deref(),
        Some("13900000001,13900000002"),
        "only those who came"
    );
    save().await;
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'results'")
            .await,
        2,
        "a second save tells no one twice"
    );
    // Attendance recorded afterwards is told at the next save.
    app.check_in(&late).await;
    save().await;
    assert_eq!(
        app.text(results).await.as_deref(),
        Some("13900000001,13900000002,13900000003")
    );
    // The text links to the registration's page, which offers the rating.
    let recorder = server::messages::LogSender;
    run_once(&app.state, &recorder, store::clock::now_local())
        .await
        .unwrap();
    let page = b.get(&format!("/r/{first}")).await.body;
    assert!(page.contains(r#"name="satisfaction""#), "{page}");
    // Past the door, the page leads with the rating and has no QR code to scan.
    let rating = page.find(r#"name="satisfaction""#).unwrap();
    assert!(rating < page.find(r#"class="facts""#).unwrap(), "{page}");
    assert!(!page.contains("<svg"), "{page}");
    let body = app
        .text("SELECT body FROM messages WHERE kind = 'results' AND recipient = '13900000001'")
        .await
        .unwrap();
    assert!(body.contains("已公布协商结果"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_suggestion_is_noticed_once_to_its_department_and_organizer() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 2).await;
    let id = session.to_string();
    app.hold(session, 3).await;
    let staff = app.signed_in("district_a").await;
    let area = format!("/manage/areas/{}", app.world.district_a);
    let saved = staff
        .submit(
            &area,
            "/api/areas/save-department",
            &[
                ("area_id", &app.world.district_a.to_string()),
                ("name", "区住建局"),
                ("contact_name", "王科长"),
                ("contact_mobile", "139 0000 1111"),
            ],
        )
        .await;
    assert!(
        saved.body.contains("区住建局") && saved.body.contains("13900001111"),
        "{}",
        saved.body
    );
    let organizer = app.signed_in("organizer_a").await;
    let set = organizer
        .submit(
            "/account",
            "/api/auth/set-notice-mobile",
            &[("mobile", "13900002222")],
        )
        .await;
    assert!(set.body.contains("value=\"13900002222\""), "{}", set.body);

    // The screen that adds a suggestion offers the department by name.
    let page = format!("/manage/sessions/{id}/closing");
    let closing = organizer.get(&format!("{page}?task=outcome")).await.body;
    assert!(
        closing.contains(r#"<option value="区住建局">"#),
        "{closing}"
    );
    organizer
        .submit(
            &page,
            "/api/closing/minutes",
            &[("id", &id), ("agenda", "议程"), ("key_points", "要点")],
        )
        .await;
    let today = store::clock::now_local().date();
    for (text, deadline) in [
        ("加装电梯补偿方案", today - chrono::TimeDelta::days(1)),
        ("还没到期的建议", today + chrono::TimeDelta::days(3)),
    ] {
        let added = organizer
            .submit(
                &page,
                "/api/closing/add-outcome",
                &[
                    ("id", &id),
                    ("text", text),
                    ("form", "consensus"),
                    ("lead_department", "区住建局"),
                    ("deadline", &deadline.to_string()),
                ],
            )
            .await;
        assert!(added.body.contains(text), "{}", added.body);
    }

    let now = store::clock::now_local();
    let pass = run_once(&app.state, &server::messages::LogSender, now)
        .await
        .unwrap();
    assert_eq!(pass.overdue_noticed, 1);
    assert_eq!(
        app.text(
            "SELECT group_concat(recipient) FROM (SELECT recipient FROM messages WHERE kind = 'overdue' ORDER BY recipient)"
        )
        .await
        .as_deref(),
        Some("13900001111,13900002222")
    );
    let body = app
        .text("SELECT body FROM messages WHERE kind = 'overdue' LIMIT 1")
        .await
        .unwrap();
    assert!(
        body.contains("加装电梯补偿方案") && body.contains("已超期"),
        "{body}"
    );
    // Once: the next passes notice nothing more.
    let again = run_once(&app.state, &server::messages::LogSender, now)
        .await
        .unwrap();
    assert_eq!(again.overdue_noticed, 0);
    assert_eq!(
        app.scalar("SELECT count(*) FROM messages WHERE kind = 'overdue'")
            .await,
        2
    );
}
