//! Every server function × every role, allowed or refused. The list of functions comes from the
//! server's own registry, so a new server function without a row here fails the test.
//!
//! Each function gets a fresh world (platform A in district A, platform B in district B) and is
//! called by each role with arguments aimed at platform A's records. A refusal is a 401/403/404,
//! or for a form post the redirect to the login page or back with "not allowed"/"not found";
//! a refused call must leave the database unchanged. Allowed means the call got past the
//! checks (it may still be told a field is wrong).

use crate::common;

use std::collections::BTreeSet;

use common::{
    functions::Role::*,
    functions::{call, data_version, fixture, judge, rows, Verdict, ROLES},
    TestApp,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_allows_exactly_its_roles() {
    let rows = rows();
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = rows.iter().map(|r| r.endpoint.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "server functions without a row: {missing:?}; rows without a function: {stale:?}"
    );
    assert_eq!(listed.len(), rows.len(), "one row per function");

    let mut wrong = Vec::new();
    for row in &rows {
        let app = TestApp::spawn().await;
        let resident = app.browser();
        let f = fixture(&app, &resident).await;
        let mut browsers = Vec::new();
        for role in ROLES {
            let b = match role {
                Anonymous => app.browser(),
                Resident => resident.clone(),
                Member => app.signed_in("member").await,
                OrganizerA => app.signed_in("organizer_a").await,
                OrganizerB => app.signed_in("organizer_b").await,
                DistrictStaff => app.signed_in("district_a").await,
                CityStaff => app.signed_in("city").await,
            };
            browsers.push((role, b));
        }
        // Refused roles first: each must leave the data as it was for the next.
        browsers.sort_by_key(|(role, _)| row.allowed.contains(role));
        let mut probe = app.state.db.read.acquire().await.unwrap();
        // The probe sees others' commits.
        let start = data_version(&mut probe).await;
        app.exec(
            "INSERT INTO login_failures (username, address, failures, first_failed_at)
             VALUES ('probe', '', 1, '2000-01-01 00:00:00')",
        )
        .await;
        assert_ne!(data_version(&mut probe).await, start);
        for (role, b) in &browsers {
            let before = data_version(&mut probe).await;
            let answer = call(b, row, &(row.args)(&f, *role)).await;
            let expected = if row.allowed.contains(role) {
                Verdict::Allowed
            } else {
                Verdict::Refused
            };
            match judge(&app, row.call, &answer) {
                Ok(v) if v == expected => {}
                Ok(v) => wrong.push(format!("{} × {role:?}: {v:?}", row.endpoint)),
                Err(e) => wrong.push(format!("{} × {role:?}: {e}", row.endpoint)),
            }
            if expected == Verdict::Refused && data_version(&mut probe).await != before {
                wrong.push(format!("{} × {role:?}: refused but wrote", row.endpoint));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A member's account is managed by the staff over the member's home area, and one without a
/// home area by administrators only: district staff once reset (and read the new password of)
/// any member of the city, because a member holds no area-bound grant.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_account_is_managed_only_from_its_home_area() {
    use common::functions::Call;
    let app = TestApp::spawn().await;
    let member = app
        .scalar("SELECT id FROM users WHERE username = 'member'")
        .await
        .to_string();
    let district_a = app.signed_in("district_a").await;
    let city = app.signed_in("city").await;
    let verdict = |b: common::Browser,
                   action: &'static str,
                   fields: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = b.post_form("/manage/users", action, &pairs).await;
            judge(app, Call::Form, &answer).unwrap()
        }
    };
    let reset = |b: &common::Browser| {
        verdict(
            b.clone(),
            "/api/users/reset-password",
            vec![("id", member.clone())],
        )
    };
    let deactivate = |b: &common::Browser| {
        verdict(
            b.clone(),
            "/api/users/set-active",
            vec![("id", member.clone()), ("active", "0".to_owned())],
        )
    };
    let hash = || app.text("SELECT password_hash FROM users WHERE username = 'member'");
    let before = hash().await;
    // No home area: neither district nor city staff (only an administrator).
    assert_eq!(reset(&district_a).await, Verdict::Refused);
    assert_eq!(deactivate(&district_a).await, Verdict::Refused);
    assert_eq!(reset(&city).await, Verdict::Refused);
    assert_eq!(hash().await, before, "the password stayed");
    // At home in district B: district A's staff still may not; the city's may.
    app.exec(&format!(
        "UPDATE member_profiles SET area_id = {} WHERE user_id = {member}",
        app.world.township_b
    ))
    .await;
    assert_eq!(reset(&district_a).await, Verdict::Refused);
    assert_eq!(deactivate(&district_a).await, Verdict::Refused);
    assert_eq!(hash().await, before);
    assert_eq!(reset(&city).await, Verdict::Allowed);
    assert_ne!(hash().await, before, "the city's staff reset it");
    // At home in district A: its staff manage the account.
    app.exec(&format!(
        "UPDATE member_profiles SET area_id = {} WHERE user_id = {member}",
        app.world.township_a
    ))
    .await;
    assert_eq!(deactivate(&district_a).await, Verdict::Allowed);
    assert_eq!(
        app.scalar("SELECT active FROM users WHERE username = 'member'")
            .await,
        0
    );
}
