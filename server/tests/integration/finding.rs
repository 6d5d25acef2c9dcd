//! How residents find sessions: by area (remembered), platform, kind and date; posters whose QR
//! codes lead to the pages; calendar feeds to subscribe to.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_narrows_by_area_kind_and_date_and_remembers_the_area() {
    let app = TestApp::spawn().await;
    let soon = app.session(10, 3).await;
    let later = app.session(10, 20).await;
    app.exec(&format!(
        "UPDATE sessions SET kind = 'policy_briefing', title = '医保政策宣讲' WHERE id = {later}"
    ))
    .await;
    let b = app.browser();
    let district_b = b
        .get(&format!("/sessions?area={}", app.world.district_b))
        .await;
    // Nothing of its own: the soonest sessions of the city are offered below, as such.
    let (own, nearby) = district_b
        .body
        .split_once("附近最近的活动")
        .expect("the soonest sessions nearby");
    assert!(
        own.contains("近期没有可报名的活动") && !own.contains(&format!("/sessions/{soon}\"")),
        "another district's list"
    );
    assert!(nearby.contains(&format!("/sessions/{soon}\"")));
    let district_a = b
        .get(&format!("/sessions?area={}", app.world.district_a))
        .await;
    assert!(district_a.body.contains(&format!("/sessions/{soon}\"")));
    assert!(
        district_a
            .body
            .contains(&format!("/sessions?area={}", app.world.township_a)),
        "narrow to a township"
    );
    let briefings = b
        .get(&format!(
            "/sessions?area={}&kind=policy_briefing",
            app.world.district_a
        ))
        .await;
    assert!(briefings.body.contains("医保政策宣讲"));
    assert!(!briefings.body.contains(&format!("/sessions/{soon}\"")));
    let date = (store::clock::now_local().date() + chrono::TimeDelta::days(10)).to_string();
    let from = b
        .get(&format!(
            "/sessions?area={}&from={date}",
            app.world.district_a
        ))
        .await;
    assert!(from.body.contains(&format!("/sessions/{later}\"")));
    assert!(!from.body.contains(&format!("/sessions/{soon}\"")));
    let junk = b
        .get("/sessions?area=abc&kind=%00&from=2026-13-45&platform=-1")
        .await;
    assert_eq!(junk.status, 200, "unreadable filters are ignored");

    // The last area chosen is where the list and the front page start next time.
    let remembered = b.get("/sessions").await;
    assert!(remembered.body.contains(&format!("/sessions/{soon}\"")));
    let home = b.get("/").await;
    assert!(home
        .body
        .contains(&format!("/sessions?area={}", app.world.district_a)));
    let other = b.get(&format!("/areas/{}", app.world.district_b)).await;
    assert_eq!(other.status, 200);
    let now_b = b.get("/sessions").await;
    assert!(
        now_b.body.contains("按您上次选择的区域显示：")
            && now_b.body.contains("<strong>乙区</strong>"),
        "the newer choice wins: {}",
        now_b.body
    );
    let stranger = app.browser().get("/sessions").await;
    assert!(
        stranger.body.contains(&format!("/sessions/{soon}\"")),
        "no memory: everywhere"
    );
}

/// The text of the chip that narrows the list to `area`: its name and the count it shows.
fn chip(body: &str, area: i64) -> String {
    let page = scraper::Html::parse_document(body);
    let chips = scraper::Selector::parse("a.chip").unwrap();
    page.select(&chips)
        .find(|a| {
            a.value()
                .attr("href")
                .is_some_and(|h| h.starts_with(&format!("/sessions?area={area}")))
        })
        .map(|a| a.text().collect::<String>().split_whitespace().collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_list_is_a_dead_end() {
    let app = TestApp::spawn().await;
    app.session(10, 3).await;
    let briefing = app.session(10, 5).await;
    app.exec(&format!(
        "UPDATE sessions SET kind = 'policy_briefing' WHERE id = {briefing}"
    ))
    .await;
    let w = app.world;
    let b = app.browser();

    // Each chip says how many sessions it leads to, with the kind chosen.
    let city = b.get(&format!("/sessions?area={}", w.city)).await.body;
    assert_eq!(chip(&city, w.district_a), "甲区2");
    assert_eq!(chip(&city, w.district_b), "乙区0");
    let briefings = b
        .get(&format!("/sessions?area={}&kind=policy_briefing", w.city))
        .await
        .body;
    assert_eq!(chip(&briefings, w.district_a), "甲区1");

    // An area with nothing to sign up for offers the area above and the soonest sessions there.
    let empty = b
        .get(&format!("/sessions?area={}", w.township_b))
        .await
        .body;
    assert!(empty.contains("近期没有可报名的活动"));
    assert!(
        empty.contains(&format!("href=\"/sessions?area={}\"", w.district_b)),
        "the area above"
    );
    let empty_district = b
        .get(&format!("/sessions?area={}", w.district_b))
        .await
        .body;
    assert!(
        empty_district.contains("附近最近的活动")
            && empty_district.contains(&format!("/sessions/{briefing}\"")),
        "the soonest sessions of the city"
    );

    // Coming back without an area, the page says which one it remembered and how to leave it.
    let remembered = b.get("/sessions").await.body;
    assert!(
        remembered.contains("按您上次选择的区域显示："),
        "{remembered}"
    );
    assert!(remembered.contains("href=\"/sessions?area=all\""));
    let all = b.get("/sessions?area=all").await.body;
    assert!(!all.contains("按您上次选择的区域显示："));
    assert!(
        all.contains(&format!("/sessions/{briefing}\"")),
        "everywhere"
    );

    // The city has no platform of its own level: the page says how many stand below it.
    let home = b.get(&format!("/areas/{}", w.city)).await.body;
    assert!(home.contains("本级没有直属的议事平台"), "{home}");
    assert!(home.contains("<strong>2</strong>"), "two platforms below");
    assert!(
        home.contains("href=\"/find\""),
        "我的报名 from the area pages"
    );
    let session = b.get(&format!("/sessions/{briefing}")).await.body;
    assert!(
        session.contains("href=\"/find\""),
        "and from a session's page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posters_carry_a_qr_code_of_the_public_address() {
    let app = TestApp::spawn().await;
    let session = app.session(30, 4).await;
    let b = app.browser();
    let poster = b.get(&format!("/sessions/{session}/poster")).await;
    assert_eq!(poster.status, 200);
    assert!(poster.body.contains("<svg"));
    assert!(poster
        .body
        .contains(&format!("https://yst.example.cn/sessions/{session}")));
    assert!(poster.body.contains("老旧小区加装电梯协商"));
    let platform = b
        .get(&format!("/platforms/{}/poster", app.world.platform_a))
        .await;
    assert!(platform.body.contains(&format!(
        "https://yst.example.cn/platforms/{}",
        app.world.platform_a
    )));
    app.exec(&format!(
        "UPDATE sessions SET status = 'draft' WHERE id = {session}"
    ))
    .await;
    assert_eq!(
        b.get(&format!("/sessions/{session}/poster")).await.status,
        404
    );
    assert_eq!(b.get("/platforms/999999/poster").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_and_area_feeds_list_their_sessions_and_cancellations() {
    let app = TestApp::spawn().await;
    let open = app.session(30, 4).await;
    let cancelled = app.session(30, 6).await;
    app.exec(&format!(
        "UPDATE sessions SET status = 'cancelled', cancel_reason = '天气' WHERE id = {cancelled}"
    ))
    .await;
    let b = app.browser();
    let feed = b
        .get(&format!("/platforms/{}/calendar.ics", app.world.platform_a))
        .await;
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.headers.get("content-type").unwrap(),
        "text/calendar; charset=utf-8"
    );
    assert!(feed.body.contains(&format!("UID:session-{open}@yishitong")));
    assert!(feed
        .body
        .contains(&format!("UID:session-{cancelled}@yishitong")));
    assert!(feed.body.contains("STATUS:CANCELLED"));
    let city = b
        .get(&format!("/areas/{}/calendar.ics", app.world.city))
        .await;
    assert!(city.body.contains(&format!("UID:session-{open}@yishitong")));
    let elsewhere = b
        .get(&format!("/areas/{}/calendar.ics", app.world.district_b))
        .await;
    assert!(elsewhere.body.contains("BEGIN:VCALENDAR"));
    assert!(!elsewhere.body.contains("BEGIN:VEVENT"));
    for missing in ["/areas/999999/calendar.ics", "/platforms/x/calendar.ics"] {
        assert_eq!(b.get(missing).await.status, 404, "{missing}");
    }
}
