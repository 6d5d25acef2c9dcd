//! Attendance is audited — check-ins, walk-ins, absences, cleared places — with who made each
//! change, and a session's organizers and staff read its whole change log on one page.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_to_attendance_says_who_made_it() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 2).await;
    let resident = app.browser();
    let here = resident
        .registration_code(session, "钱七", "13700000003")
        .await;
    let away = resident
        .registration_code(session, "王五", "13700000001")
        .await;
    let squatter = resident
        .registration_code(session, "占位人", "13700000009")
        .await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{session}");
    let id = session.to_string();
    let post = |action: &'static str, fields: Vec<(&'static str, String)>| {
        let (organizer, page) = (organizer.clone(), page.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            organizer.post_form(&page, action, &fields).await
        }
    };
    app.open_check_in(session).await;
    post(
        "/api/manage-sessions/check-in",
        vec![("id", id.clone()), ("code", here.clone())],
    )
    .await;
    post(
        "/api/manage-sessions/walk-in",
        vec![
            ("id", id.clone()),
            ("walk_in_name", "孙八".to_owned()),
            ("walk_in_role", "resident".to_owned()),
            ("walk_in_mobile", "13700000004".to_owned()),
        ],
    )
    .await;
    post(
        "/api/manage-sessions/mark-absence",
        vec![
            ("id", id.clone()),
            ("code", away.clone()),
            ("absence", "absent".to_owned()),
        ],
    )
    .await;
    post(
        "/api/manage-sessions/clear-registration",
        vec![("id", id.clone()), ("code", squatter.clone())],
    )
    .await;

    let organizer_id = app
        .scalar("SELECT id FROM users WHERE username = 'organizer_a'")
        .await;
    let logged = app
        .text(&format!(
            "SELECT group_concat(action || ':' || json_extract(after_json, '$.state'), ',') FROM
               (SELECT action, after_json FROM audit_log WHERE entity = 'registration' AND user_id = {organizer_id}
                ORDER BY id)"
        ))
        .await;
    assert_eq!(
        logged.as_deref(),
        Some("update:attended,create:attended,update:absent,update:cancelled")
    );
    // The log holds no name or number: the registration's own row has them, and is erased
    // after the retention period.
    let leaked = app
        .scalar(
            "SELECT count(*) FROM audit_log WHERE entity = 'registration'
               AND (after_json LIKE '%137000000%' OR after_json LIKE '%孙八%' OR before_json LIKE '%137000000%')",
        )
        .await;
    assert_eq!(leaked, 0);

    // The change log: every entry with who made it, filterable by person.
    let log = organizer.get(&format!("/manage/sessions/{id}/audit")).await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("修改记录"), "{}", log.body);
    assert_eq!(log.body.matches("报名与签到 #").count(), 4, "{}", log.body);
    assert!(log.body.contains("organizer_a"), "{}", log.body);
    // Fields and codes read as words: 状态 已签到, not `state: attended`.
    assert!(
        log.body.contains("<dt>状态</dt><dd>已签到</dd>"),
        "{}",
        log.body
    );
    let theirs = organizer
        .get(&format!("/manage/sessions/{id}/audit?user={organizer_id}"))
        .await;
    assert_eq!(theirs.body.matches("报名与签到 #").count(), 4);
    let nobody = organizer
        .get(&format!("/manage/sessions/{id}/audit?user=999999"))
        .await;
    assert!(nobody.body.contains("还没有修改记录"), "{}", nobody.body);
    let staff = app.signed_in("district_a").await;
    assert_eq!(
        staff
            .get(&format!("/manage/sessions/{id}/audit"))
            .await
            .status,
        200
    );
    let other = app.signed_in("organizer_b").await;
    let refused = other.get(&format!("/manage/sessions/{id}/audit")).await;
    assert!(!refused.body.contains("报名与签到 #"), "{}", refused.body);
    assert_eq!(refused.status, 403);

    // The area's log: staff over the session's area see its changes, each linking to the
    // session's own log, and can keep one person's.
    let area = staff.get("/manage/audit").await.body;
    assert_eq!(area.matches("报名与签到 #").count(), 4, "{area}");
    assert!(
        area.contains(&format!(r#"<a href="/manage/sessions/{id}/audit">"#)),
        "{area}"
    );
    let theirs = staff
        .get(&format!("/manage/audit?user={organizer_id}"))
        .await
        .body;
    assert_eq!(theirs.matches("报名与签到 #").count(), 4, "{theirs}");
    let nobody = staff.get("/manage/audit?user=999999").await.body;
    assert!(nobody.contains("还没有修改记录"), "{nobody}");
    // Staff of another area see none of it, and an organizer has no area log.
    let district_b = app.world.district_b;
    let city = app.signed_in("city").await;
    let elsewhere = city
        .get(&format!("/manage/audit?area={district_b}"))
        .await
        .body;
    assert_eq!(elsewhere.matches("报名与签到 #").count(), 0, "{elsewhere}");
    assert_ne!(organizer.get("/manage/audit").await.status, 200);
}
