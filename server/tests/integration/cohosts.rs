//! Co-hosted sessions (协办): chosen on the session form from the platforms near the host, shown
//! on the public page, listed for the co-hosts' organizers, and counted once, at the host.

use crate::common;

use app::domain::Period;
use chrono::Datelike;
use common::TestApp;
use store::repo::tallies::{self, Figures, Scope};

fn later(days: i64, hour: u32) -> String {
    let t = store::clock::now_local().date() + chrono::TimeDelta::days(days);
    format!("{t}T{hour:02}:00")
}

async fn figures(app: &TestApp, scope: Scope, year: i32) -> Figures {
    tallies::figures(
        &app.state.db,
        &scope,
        Period::year(year).unwrap(),
        store::clock::now_local(),
    )
    .await
    .unwrap()
}

/// A district studio of the other district, run by organizer_b: a district's platforms are
/// offered to every host in the city.
async fn studio(app: &TestApp) -> i64 {
    app.exec(&format!(
        "INSERT INTO platforms (name, type_code, area_id, address, established_on, created_at)
         VALUES ('乙区民盟委员工作室', 'member_studio', {}, '人民路8号', '2024-03-01', '2024-03-01 09:00:00')",
        app.world.district_b
    ))
    .await;
    let id = app
        .scalar("SELECT id FROM platforms WHERE name = '乙区民盟委员工作室'")
        .await;
    app.exec(&format!(
        "INSERT INTO user_roles (user_id, role, platform_id)
         SELECT id, 'organizer', {id} FROM users WHERE username = 'organizer_b'"
    ))
    .await;
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cohosted_session_is_shown_to_its_cohosts_and_counts_once_at_its_host() {
    let app = TestApp::spawn().await;
    let studio = studio(&app).await;
    let organizer = app.signed_in("organizer_a").await;
    let platform = app.world.platform_a.to_string();
    let new = format!("/manage/sessions/new?platform={platform}");

    // The form offers the studio, but not the other district's township room.
    let form = organizer.get(&new).await.body;
    assert!(form.contains("乙区民盟委员工作室 · 乙区"), "{form}");
    assert!(!form.contains("乙镇协商议事室"), "{form}");

    let (start, end, deadline) = (later(6, 14), later(6, 16), later(5, 12));
    let fields = |cohost: &str| {
        vec![
            ("platform_id", platform.clone()),
            ("title", "联合协商：老街改造".to_owned()),
            ("kind", "council".to_owned()),
            ("format", "onsite".to_owned()),
            ("place", "社区会议室".to_owned()),
            ("starts_at", start.clone()),
            ("ends_at", end.clone()),
            ("seats", "30".to_owned()),
            ("signup_deadline", deadline.clone()),
            ("checkin_lead", "30".to_owned()),
            ("coorganizers[]", cohost.to_owned()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let organizer = organizer.clone();
        let new = new.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            organizer
                .post_form(&new, "/api/manage-sessions/save", &pairs)
                .await
        }
    };

    // A platform the form did not offer is refused, with the form kept.
    let other = app.world.platform_b.to_string();
    let refused = post(fields(&other)).await;
    let shown = organizer.get(&refused.location().unwrap()).await.body;
    assert!(shown.contains("field-coorganizers"), "{shown}");
    assert!(shown.contains("联合协商：老街改造"), "{shown}");
    assert_eq!(
        app.scalar("SELECT count(*) FROM session_coorganizers")
            .await,
        0
    );

    let saved = post(fields(&studio.to_string())).await;
    let page = saved.location().unwrap();
    let id: i64 = page
        .trim_start_matches("/manage/sessions/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM session_coorganizers WHERE session_id = {id} AND platform_id = {studio}"
        ))
        .await,
        1
    );
    let edit = organizer.get(&page).await.body;
    assert!(
        edit.contains(&format!(r#"value="{studio}" checked"#)),
        "the co-host stays ticked: {edit}"
    );
    organizer
        .post_form(
            &page,
            "/api/manage-sessions/publish",
            &[("id", &id.to_string())],
        )
        .await;

    // The public page names the co-host.
    let public = app.browser().get(&format!("/sessions/{id}")).await.body;
    assert!(public.contains("<dt>协办</dt>"), "{public}");
    assert!(
        public.contains(&format!(
            r#"<a href="/platforms/{studio}">乙区民盟委员工作室</a>"#
        )),
        "{public}"
    );

    // The studio's organizer finds it in their month, marked and linked to its public page; the
    // host's workspace stays the host's.
    let cohost = app.signed_in("organizer_b").await;
    let month = &start[..7];
    let list = cohost
        .get(&format!("/manage/sessions?month={month}"))
        .await
        .body;
    assert!(
        list.contains(&format!(
            r#"<a href="/sessions/{id}">联合协商：老街改造</a>（协办）"#
        )),
        "{list}"
    );
    assert_eq!(cohost.get(&page).await.status, 403);

    // Counted once, at the host: recorded afterwards with the studio as co-host, the session
    // adds one consultation to the host's area and the whole, none to the studio or its area.
    let held_on = store::clock::now_local().date() - chrono::TimeDelta::days(1);
    let year = held_on.year();
    let studio_scope = Scope {
        platform_id: Some(studio),
        ..Scope::area("/")
    };
    let district_b: String = app
        .text(&format!(
            "SELECT path FROM areas WHERE id = {}",
            app.world.district_b
        ))
        .await
        .unwrap();
    let before = (
        figures(&app, Scope::area("/"), year).await,
        figures(&app, Scope::area(&district_b), year).await,
        figures(&app, studio_scope.clone(), year).await,
    );
    let studio_id = studio.to_string();
    let (starts, ends) = (format!("{held_on}T09:00"), format!("{held_on}T11:00"));
    organizer
        .submit(
            &format!("/manage/sessions/record?platform={platform}"),
            "/api/manage-sessions/record-held",
            &[
                ("platform_id", &platform),
                ("title", "联合院坝协商"),
                ("kind", "council"),
                ("format", "onsite"),
                ("place", "三组院坝"),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("roster", "张建国\n李秀英"),
                ("coorganizers[]", &studio_id),
            ],
        )
        .await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM session_coorganizers c JOIN sessions s ON s.id = c.session_id
             WHERE s.recorded_afterwards = 1 AND c.platform_id = {studio}"
        ))
        .await,
        1
    );
    let after = (
        figures(&app, Scope::area("/"), year).await,
        figures(&app, Scope::area(&district_b), year).await,
        figures(&app, studio_scope, year).await,
    );
    assert_eq!(after.0.consultations, before.0.consultations + 1);
    assert_eq!(after.0.resident_visits, before.0.resident_visits + 2);
    assert_eq!(after.1, before.1, "the co-host's area is unchanged");
    assert_eq!(after.2, before.2, "the co-host's own figures are unchanged");
    assert_eq!(after.2.consultations, 0);
}
