//! Members at the table: an organizer finds a member by name and checks them in at the door or
//! afterwards, on their own sign-up if they made one; the member counts once; staff list their
//! area's members with yearly totals and export them for 履职考核.

use crate::common;

use app::domain::Period;
use chrono::Datelike;
use common::TestApp;
use store::repo::tallies::{self, Scope};

const ACTION: &str = "/api/manage-sessions/member-check-in";

async fn member_visits(app: &TestApp) -> i64 {
    let now = store::clock::now_local();
    tallies::figures(
        &app.state.db,
        &Scope::area("/"),
        Period::year(now.year()).unwrap(),
        now,
    )
    .await
    .unwrap()
    .member_visits
}

/// Gives the world's member a name of their own (their display name is their username, which
/// every page's links contain) and returns it.
async fn named(app: &TestApp) -> String {
    app.exec("UPDATE users SET display_name = '周秀兰' WHERE username = 'member'")
        .await;
    "周秀兰".to_owned()
}

async fn attended_rows(app: &TestApp, session: i64) -> i64 {
    app.scalar(&format!(
        "SELECT count(*) FROM registrations r JOIN users u ON u.id = r.member_user_id
         WHERE r.session_id = {session} AND u.username = 'member' AND r.state = 'attended'"
    ))
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_found_by_name_and_checked_in_at_the_door_once() {
    let app = TestApp::spawn().await;
    let id = app.session(10, 0).await;
    let member = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await;
    let name = named(&app).await;
    let typed: String = name.chars().take(1).collect();
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}");
    let before = member_visits(&app).await;

    let found = organizer
        .get(&format!(
            "{page}?member_q={}",
            app::url::encode_component(&typed)
        ))
        .await
        .body;
    assert!(found.contains(&name), "{found}");
    assert!(found.contains("经济界"), "{found}");
    assert!(
        found.contains(&format!(r#"name="member" value="{member}""#)),
        "{found}"
    );
    let nobody = organizer
        .get(&format!("{page}?member_q=查无此人"))
        .await
        .body;
    assert!(nobody.contains("没有找到这个名字的委员账号"), "{nobody}");

    let fields = [
        ("id", id.to_string()),
        ("member", member.to_string()),
        ("back", "desk".to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = organizer.submit(&page, ACTION, &pairs).await;
    assert!(done.body.contains("委员已签到"), "{}", done.body);
    assert_eq!(attended_rows(&app, id).await, 1);
    assert_eq!(
        app.text(&format!(
            "SELECT role || ' ' || member_level || ' ' || walk_in || ' ' || checkin_method
             FROM registrations WHERE session_id = {id}"
        ))
        .await
        .as_deref(),
        Some("member city 1 walk_in")
    );
    // Pressed twice (a double tap, a reload): still one visit.
    let again = organizer.submit(&page, ACTION, &pairs).await;
    assert!(again.body.contains("已签到"), "{}", again.body);
    assert_eq!(attended_rows(&app, id).await, 1);
    assert_eq!(member_visits(&app).await, before + 1);
    let listed = organizer
        .get(&format!(
            "{page}?member_q={}",
            app::url::encode_component(&typed)
        ))
        .await
        .body;
    assert!(
        listed.contains(r#"<span class="chip">已签到</span>"#),
        "{listed}"
    );

    // The change is in the session's log, by the organizer.
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log a JOIN registrations r ON r.id = a.entity_id
             WHERE a.entity = 'registration' AND r.session_id = {id}"
        ))
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_signed_up_is_checked_in_on_their_own_sign_up() {
    let app = TestApp::spawn().await;
    let id = app.session(10, 0).await;
    let member = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await;
    app.exec(&format!(
        "INSERT INTO registrations (session_id, code, name, role, member_user_id, member_level, state,
             created_at, updated_at)
         VALUES ({id}, 'M1234567', '委员本人', 'member', {member}, 'city', 'registered',
             '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    ))
    .await;
    let organizer = app.signed_in("organizer_a").await;
    let page = format!("/manage/sessions/{id}");
    let (id_s, member_s) = (id.to_string(), member.to_string());
    organizer
        .submit(
            &page,
            ACTION,
            &[("id", &id_s), ("member", &member_s), ("back", "desk")],
        )
        .await;
    assert_eq!(
        app.text(&format!(
            "SELECT code || ' ' || state || ' ' || walk_in FROM registrations WHERE session_id = {id}"
        ))
        .await
        .as_deref(),
        Some("M1234567 attended 0")
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations WHERE session_id = {id}"
        ))
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_recorded_afterwards_on_the_closing_page_but_not_days_early() {
    let app = TestApp::spawn().await;
    let past = app.session(10, -2).await;
    let future = app.session(10, 3).await;
    let member = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await;
    let organizer = app.signed_in("organizer_a").await;
    let member_s = member.to_string();

    let closing = format!("/manage/sessions/{past}/closing");
    let form = organizer
        .get(&format!("{closing}?member_q=member"))
        .await
        .body;
    assert!(form.contains(r#"id="members""#), "{form}");
    let past_s = past.to_string();
    let res = organizer
        .post_form(
            &closing,
            ACTION,
            &[("id", &past_s), ("member", &member_s), ("back", "closing")],
        )
        .await;
    assert!(
        res.location()
            .unwrap()
            .starts_with(&format!("/manage/sessions/{past}/closing")),
        "{:?}",
        res.location()
    );
    // Dated at the session's start, as the sign-in sheet would be.
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.session_id = {past} AND r.checked_in_at = s.starts_at AND r.member_user_id = {member}"
        ))
        .await,
        1
    );

    let desk = format!("/manage/sessions/{future}");
    let future_s = future.to_string();
    let refused = organizer
        .submit(
            &desk,
            ACTION,
            &[("id", &future_s), ("member", &member_s), ("back", "desk")],
        )
        .await;
    assert!(refused.body.contains("签到还没有开始"), "{}", refused.body);
    assert_eq!(attended_rows(&app, future).await, 0);

    // Someone else's session: refused outright.
    let other = app.signed_in("organizer_b").await;
    other
        .post_form(
            &closing,
            ACTION,
            &[("id", &past_s), ("member", &member_s), ("back", "closing")],
        )
        .await;
    assert_eq!(attended_rows(&app, past).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_list_their_areas_members_with_yearly_totals_and_export_them() {
    let app = TestApp::spawn().await;
    let held = app.session(10, -2).await;
    let member = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await;
    let name = named(&app).await;
    let organizer = app.signed_in("organizer_a").await;
    let (held_s, member_s) = (held.to_string(), member.to_string());
    organizer
        .submit(
            &format!("/manage/sessions/{held}/closing"),
            ACTION,
            &[("id", &held_s), ("member", &member_s), ("back", "closing")],
        )
        .await;
    let year = (store::clock::now_local() - chrono::TimeDelta::days(2)).year();

    // Listed by home area: not the district's until their home is in it.
    let district = app.signed_in("district_a").await;
    let page = format!("/manage/members?year={year}");
    let before = district.get(&page).await.body;
    assert!(!before.contains(&name), "{before}");
    app.exec(&format!(
        "UPDATE member_profiles SET area_id = {} WHERE user_id = {member}",
        app.world.township_a
    ))
    .await;
    let listed = district.get(&page).await.body;
    assert!(listed.contains(&name), "{listed}");
    // Attended one session, held in a township: one, of them one at the grassroots.
    let row = listed
        .split("<tr>")
        .find(|r| r.contains(&name))
        .unwrap()
        .to_owned();
    let numbers: Vec<&str> = row
        .split(r#"<td class="num">"#)
        .skip(1)
        .map(|c| c.split('<').next().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "1", "0", "0", "0"], "{row}");

    let csv = district
        .get(&format!("/manage/members.csv?year={year}"))
        .await;
    assert_eq!(csv.status, 200);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "委员,级别,界别,所在地区,统计期间,参加活动,其中下沉基层,缺席,请假,提出意见建议"
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with(&format!("{name},市政协委员,经济界,甲街道,"))
                && l.ends_with(",1,1,0,0,0")
        ),
        "{lines:?}"
    );

    // Not staff: no list, no file.
    assert_eq!(
        organizer
            .get(&format!("/manage/members.csv?year={year}"))
            .await
            .status,
        404
    );
}
