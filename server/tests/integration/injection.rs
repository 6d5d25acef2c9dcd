//! Stored HTML injection. Every free-text field that a resident, organizer or staff member can
//! set is filled with markup that tries to break out of wherever it lands — `</title>` and
//! `</textarea>` (elements whose text Leptos writes unescaped), quotes for attributes — and every
//! page that shows those fields is rendered (JavaScript off, as each role) and parsed with a real
//! HTML parser: no element and no attribute may come from the data.

use crate::common;

use common::TestApp;
use scraper::{Html, Node};

/// What the hostile text tries to inject; `{}` is replaced by the column's marker.
const HOSTILE: &str = "{}</title></textarea></script></style><yst-injected yst-injected=\"1\">\
    <meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">'\"><img yst-injected src=x>";

/// Every column of free text a user sets and a page shows (usernames are set separately: they
/// are short). A cancellation's reason goes only into text messages, a rating's comment only
/// into the records export (see `backend::csv_out`): no page shows either.
const COLUMNS: &[(&str, &str)] = &[
    ("areas", "name"),
    ("platforms", "name"),
    ("platforms", "brand_name"),
    ("platforms", "convener"),
    ("platforms", "address"),
    ("platforms", "description"),
    ("users", "display_name"),
    ("member_profiles", "sector"),
    ("topics", "title"),
    ("topics", "description"),
    ("topics", "proposer_name"),
    ("topics", "reply"),
    ("sessions", "title"),
    ("sessions", "summary"),
    ("sessions", "format_local_name"),
    ("sessions", "place"),
    ("registrations", "name"),
    ("registrations", "leave_reason"),
    ("attachments", "file_name"),
    ("minutes", "agenda"),
    ("minutes", "key_points"),
    ("minutes", "consensus"),
    ("minutes", "disagreements"),
    ("minutes", "vote_subject"),
    ("outcomes", "text"),
    ("outcomes", "lead_department"),
    ("outcome_helpers", "department"),
    ("problems", "description"),
    ("problems", "evidence"),
    ("reviews", "findings"),
    ("departments", "name"),
    ("departments", "contact_name"),
];

fn marker(i: usize) -> String {
    format!("Q{i:02}Q")
}

/// Elements or attributes that came from the data, and any refresh or off-site meta tag.
fn injected(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        if let Node::Element(e) = node.value() {
            if e.name() == "yst-injected" {
                found.push("an element".to_owned());
            }
            if e.attrs().any(|(k, _)| k == "yst-injected") {
                found.push(format!("an attribute on <{}>", e.name()));
            }
            if e.name() == "meta" && e.attr("http-equiv").is_some() {
                found.push("a meta http-equiv".to_owned());
            }
        }
    }
    found
}

/// Tables without column headers: a screen reader, and a reader on a phone where rows wrap,
/// cannot tell what a cell is.
fn headless_tables(html: &str) -> usize {
    let doc = Html::parse_document(html);
    let tables = scraper::Selector::parse("table").unwrap();
    let head = scraper::Selector::parse("thead th, th[scope=col]").unwrap();
    doc.select(&tables)
        .filter(|t| t.select(&head).next().is_none())
        .count()
}

/// Ids used more than once on a page: a label, an error link or `aria-describedby` would point
/// at the wrong element.
fn duplicate_ids(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let with_id = scraper::Selector::parse("[id]").unwrap();
    let mut seen = std::collections::HashSet::new();
    doc.select(&with_id)
        .filter_map(|e| e.value().id())
        .filter(|id| !seen.insert(id.to_owned()))
        .map(str::to_owned)
        .collect()
}

async fn one(app: &TestApp, sql: &str) -> i64 {
    app.scalar(sql).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_in_every_field_injects_nothing_into_any_page() {
    let mut app = TestApp::spawn_demo().await;
    // Ids of records that show every field: the demo organizer's platform and its sessions.
    let platform = one(
        &app,
        "SELECT platform_id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'organizer'",
    )
    .await;
    let area = one(
        &app,
        &format!("SELECT area_id FROM platforms WHERE id = {platform}"),
    )
    .await;
    let district = one(&app, "SELECT area_id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'district'").await;
    let city = one(&app, "SELECT id FROM areas WHERE parent_id IS NULL").await;
    let concluded = one(
        &app,
        "SELECT session_id FROM registrations WHERE code = 'YSTDEM22'",
    )
    .await;
    let concluded_outcome = one(
        &app,
        &format!("SELECT min(id) FROM outcomes WHERE session_id = {concluded}"),
    )
    .await;
    // An upcoming session and a declined topic with its receipt at the organizer's platform,
    // and a leave and a vote on the concluded session: states the demo need not have there.
    app.world.platform_a = platform;
    app.world.township_a = area;
    let upcoming = app.session(30, 5).await;
    // Signed up from the anonymous browser, so its session page lists the registration by name.
    let anonymous = app.browser();
    anonymous.sign_up(upcoming, "x", "13900000001").await;
    let cancelled = app.session(30, 6).await;
    let topic: i64 = sqlx::query_scalar(
        &format!(
            "INSERT INTO topics (platform_id, title, description, category_code, source, channel, proposer_name,
                 status, reply, submitted_at, receipt_code)
             SELECT {platform}, 'x', 'x', code, 'resident', 'web', 'x', 'declined', 'x', datetime('now'), 'YSTTPC23'
             FROM topic_categories LIMIT 1 RETURNING id"
        ),
    )
    .fetch_one(&app.state.db.write)
    .await
    .unwrap();
    let member = one(&app, "SELECT id FROM users WHERE username = 'member'").await;
    app.exec(&format!(
        "UPDATE registrations SET state = 'leave', leave_reason = 'x', checked_in_at = NULL, checkin_method = NULL
           WHERE id = (SELECT id FROM registrations WHERE session_id = {concluded} AND code <> 'YSTDEM22' LIMIT 1);
         UPDATE sessions SET status = 'cancelled', cancel_reason = '取消' WHERE id = {cancelled};
         UPDATE minutes SET vote_subject = 'x', votes_for = 1, votes_against = 0, votes_abstain = 0
           WHERE session_id = {concluded};
         UPDATE platforms SET brand_name = 'x', convener = 'x' WHERE id = {platform};
         INSERT INTO attachments (session_id, kind, file_name, content_type, size_bytes, storage_key, uploaded_at)
             VALUES ({concluded}, 'file', 'x', 'application/pdf', 1, 'k{concluded}', datetime('now'));
         INSERT OR IGNORE INTO outcome_helpers (outcome_id, department)
             SELECT id, 'x' FROM outcomes WHERE session_id = {concluded};
         INSERT INTO reviews (session_id, reviewed_on, reviewer_kind, findings, created_at)
             VALUES ({concluded}, date('now'), 'resident', 'x', datetime('now'));
         INSERT INTO problems (session_id, description, raised_on, created_at, updated_at)
             VALUES ({concluded}, 'x', date('now'), datetime('now'), datetime('now'));
         DELETE FROM departments;
         INSERT INTO departments (area_id, name, contact_name, created_at, updated_at)
             VALUES ({area}, 'x', 'x', datetime('now'), datetime('now'));
"
    ))
    .await;
    // Unresolved, so its screen has the form with the evidence box.
    let concluded_problem = one(
        &app,
        &format!("SELECT max(id) FROM problems WHERE session_id = {concluded}"),
    )
    .await;
    for (i, (table, column)) in COLUMNS.iter().enumerate() {
        let text = HOSTILE.replace("{}", &marker(i));
        // Every row, so each page shows it wherever it can; a vote's subject and a cancellation's
        // reason only where there is one (the schema ties each to its state).
        let rows = if matches!(*column, "vote_subject" | "cancel_reason") {
            format!(" WHERE {column} IS NOT NULL")
        } else {
            String::new()
        };
        sqlx::query(&format!("UPDATE {table} SET {column} = ?{rows}"))
            .bind(&text)
            .execute(&app.state.db.write)
            .await
            .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
    }
    app.exec(
        "UPDATE users SET username = '\"><i yst-injected>' || id WHERE username NOT IN ('city', 'district', 'organizer', 'member')",
    )
    .await;
    // The change log shows logged records field by field: one carrying every hostile text.
    sqlx::query(
        "INSERT INTO audit_log (at, entity, entity_id, action, before_json, after_json)
         VALUES (datetime('now'), 'session', ?1, 'update', json_object(?2, ?3), json_object('fields', json_object('title', ?3)))",
    )
    .bind(concluded)
    .bind(HOSTILE.replace("{}", "audit-key"))
    .bind(HOSTILE.replace("{}", "audit-value"))
    .execute(&app.state.db.write)
    .await
    .unwrap();

    let quiet = one(
        &app,
        "SELECT a.id FROM areas a WHERE a.level = 'village' AND a.active = 1 AND NOT EXISTS (
             SELECT 1 FROM sessions s WHERE s.status = 'published'
               AND s.area_path >= a.path AND s.area_path < a.path || '~') ORDER BY a.id LIMIT 1",
    )
    .await;
    let public = [
        "/".to_owned(),
        format!("/areas/{city}"),
        format!("/areas/{district}"),
        format!("/areas/{area}"),
        format!("/platforms/{platform}"),
        format!("/platforms/{platform}/propose"),
        format!("/platforms/{platform}/poster"),
        format!("/sessions?area={area}"),
        // Chips with counts under the city; an area with nothing ahead (the area above and
        // the soonest sessions there); then the list that names the area it remembered.
        format!("/sessions?area={city}"),
        format!("/sessions?area={quiet}"),
        "/sessions".to_owned(),
        format!("/sessions?platform={platform}"),
        format!("/sessions/{upcoming}"),
        format!("/sessions/{upcoming}/poster"),
        format!("/sessions/{cancelled}"),
        format!("/sessions/{concluded}"),
        format!("/sessions/{concluded}/results"),
        "/r/YSTDEM22".to_owned(),
        "/r/YSTDEM22/cancel".to_owned(),
        "/find".to_owned(),
        "/t/YSTTPC23".to_owned(),
        "/figures".to_owned(),
    ];
    let staff = [
        "/manage".to_owned(),
        "/manage/sessions".to_owned(),
        format!("/manage/sessions/{upcoming}"),
        format!("/manage/sessions/{cancelled}"),
        format!("/manage/sessions/{concluded}"),
        format!("/manage/sessions/{concluded}/closing"),
        format!("/manage/sessions/{concluded}/sheet"),
        format!("/manage/sessions/new?platform={platform}&copy={concluded}"),
        "/manage/topics?all=1".to_owned(),
        format!("/manage/topics/{topic}"),
        "/manage/outcomes".to_owned(),
        "/manage/platforms".to_owned(),
        format!("/manage/platforms/{platform}"),
        "/manage/areas".to_owned(),
        format!("/manage/areas/{area}"),
        "/manage/users".to_owned(),
        format!("/members/{member}"),
        "/account".to_owned(),
        format!("/manage/sessions/{concluded}/audit"),
        format!("/manage/sessions/record?platform={platform}"),
        // A typed search comes back in its box; the members it finds carry hostile names.
        format!(
            "/manage/sessions/{upcoming}?member_q={}",
            app::url::encode_component(&HOSTILE.replace("{}", "typed-member-search"))
        ),
        format!("/manage/sessions/{concluded}/closing?member_q=yst"),
        // Each task of 成果与跟踪 on its own screen: the minutes in their text boxes, a
        // suggestion and a problem beside their forms.
        format!("/manage/sessions/{concluded}/closing?task=minutes"),
        format!("/manage/sessions/{concluded}/closing?task=problem"),
        format!("/manage/sessions/{concluded}/closing?outcome={concluded_outcome}"),
        format!("/manage/sessions/{concluded}/closing?problem={concluded_problem}"),
    ];
    let year = store::clock::now_local().format("%Y").to_string();
    let last_year = (year.parse::<i32>().unwrap() - 1).to_string();
    let mut figures = Vec::new();
    // The desk's search lists hostile names; a ticket's check-in page names its holder; the
    // publishing question names the area.
    figures.push(format!("/manage/sessions/{upcoming}?find=Q"));
    figures.push("/checkin/YSTDEM22".to_owned());
    figures.push(format!("/manage/tallies/publish?year={year}&area={city}"));
    for y in [&year, &last_year] {
        figures.push(format!("/manage/tallies?year={y}&area={city}"));
        figures.push(format!("/manage/tallies/report?year={y}&area={city}"));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=consultations"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=topics"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=problems"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=platforms"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=suggestions"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=resident-visits"
        ));
        figures.push(format!(
            "/manage/tallies/records?year={y}&area={city}&drill=consultations&recorded=1"
        ));
        figures.push(format!(
            "/manage/tallies/uncovered?year={y}&area={city}&level=village"
        ));
        figures.push(format!("/manage/members?year={y}&area={city}"));
        figures.push(format!("/manage/audit?area={city}"));
    }

    let organizer = app.signed_in_with("organizer", common::DEMO_PASSWORD).await;
    let city_staff = app.signed_in_with("city", common::DEMO_PASSWORD).await;
    let member_login = app.signed_in_with("member", common::DEMO_PASSWORD).await;
    let mut pages = Vec::new();
    for path in &public {
        pages.push(("anonymous", path.clone(), anonymous.get(path).await));
    }
    for path in staff.iter().chain(&figures) {
        pages.push(("city staff", path.clone(), city_staff.get(path).await));
    }
    for path in &staff[..11] {
        pages.push(("organizer", path.clone(), organizer.get(path).await));
    }
    pages.push((
        "member",
        "/account".to_owned(),
        member_login.get("/account").await,
    ));
    // A refused form shows what was typed back, in its inputs and textareas.
    let refused = anonymous
        .post_form(
            &format!("/platforms/{platform}/propose"),
            "/api/topics/propose",
            &[
                ("platform_id", &platform.to_string()),
                ("title", &HOSTILE.replace("{}", "typed-title")),
                ("description", &HOSTILE.replace("{}", "typed-description")),
            ],
        )
        .await;
    let back = refused.location().expect("a refused form goes back");
    pages.push(("anonymous", back.clone(), anonymous.get(&back).await));
    // A refused 补录 shows the typed roster back, and names each wrong line.
    let roster = format!(
        "{}\n{} 13",
        HOSTILE.replace("{}", "typed-roster"),
        HOSTILE.replace("{}", "typed-line")
    );
    let recorded = organizer
        .post_form(
            &format!("/manage/sessions/record?platform={platform}"),
            "/api/manage-sessions/record-held",
            &[
                ("platform_id", &platform.to_string()),
                ("title", &HOSTILE.replace("{}", "typed-held-title")),
                ("roster", &roster),
            ],
        )
        .await;
    let back = recorded.location().expect("a refused 补录 goes back");
    pages.push(("organizer", back.clone(), organizer.get(&back).await));
    // A ledger's cells and file name are shown on its preview, the list of imports and the
    // imported sessions: one refused for a hostile 活动类型, one imported with a hostile title.
    let held = (store::clock::now_local() - chrono::TimeDelta::days(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let ledger = |kind: &str, title: &str| {
        let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let rows = std::collections::HashMap::from([(
            app::views::ledger::LedgerSheet::Sessions,
            vec![row(&[
                "H-1",
                &platform.to_string(),
                title,
                kind,
                "",
                "",
                "村口",
                &held,
                "",
            ])],
        )]);
        store::ledger::template::workbook(&[], &rows).unwrap()
    };
    for (kind, title, file) in [
        (
            HOSTILE.replace("{}", "ledger-cell"),
            "标题".to_owned(),
            "ledger-refused",
        ),
        (
            "民生议事".to_owned(),
            HOSTILE.replace("{}", "ledger-title"),
            "ledger-file",
        ),
    ] {
        // A file's name is kept from its last '/': the marker goes after the hostile part.
        let name = format!("{}{file}.xlsx", HOSTILE.replace("{}", ""));
        let uploaded = organizer
            .post_file(
                "/manage/import",
                "/api/ledger/upload",
                &[],
                (&name, ledger(&kind, &title)),
            )
            .await;
        let preview = uploaded.location().expect("an upload goes to its preview");
        pages.push(("organizer", preview.clone(), organizer.get(&preview).await));
        if file == "ledger-file" {
            let id = preview.trim_start_matches("/manage/import/");
            let id = id.split(['?', '#']).next().unwrap().to_owned();
            organizer
                .post_form(&preview, "/api/ledger/import", &[("id", &id)])
                .await;
            let done = format!("/manage/import/{id}");
            pages.push(("organizer", done.clone(), organizer.get(&done).await));
        }
    }
    pages.push((
        "organizer",
        "/manage/import".to_owned(),
        organizer.get("/manage/import").await,
    ));

    let mut seen = String::new();
    for (who, path, page) in &pages {
        assert_eq!(page.status, 200, "{who} {path}");
        let found = injected(&page.body);
        assert!(found.is_empty(), "{who} {path}: {found:?}");
        // This test renders every page type, so it also holds every table to its headers.
        assert_eq!(
            headless_tables(&page.body),
            0,
            "{who} {path}: a table without column headers"
        );
        assert_eq!(
            duplicate_ids(&page.body),
            Vec::<String>::new(),
            "{who} {path}"
        );
        seen.push_str(&page.body);
    }
    // The workspace's to-do lists hostile session titles, and an empty list the soonest ones.
    let shown = |who: &str, path: &str, part: &str| {
        pages
            .iter()
            .any(|(w, p, a)| *w == who && p == path && a.body.contains(part))
    };
    assert!(shown("city staff", "/manage", "<div id=\"to-record\"><h3>"));
    assert!(shown(
        "anonymous",
        &format!("/sessions?area={quiet}"),
        "看看上一级的活动"
    ));
    assert!(shown("anonymous", "/sessions", "按您上次选择的区域显示"));
    // Each hostile text was shown somewhere, so the pages above did carry it.
    let unseen: Vec<_> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(i, _)| !seen.contains(&marker(*i)))
        .map(|(_, c)| c)
        .collect();
    assert!(unseen.is_empty(), "never shown: {unseen:?}");
    assert!(
        seen.contains("typed-description"),
        "the refused form shows what was typed"
    );
    for shown in [
        "audit-key",
        "audit-value",
        "typed-roster",
        "typed-line",
        "typed-member-search",
        "ledger-file",
        "ledger-title",
    ] {
        assert!(seen.contains(shown), "{shown} is shown");
    }
}

#[test]
fn a_table_without_column_headers_is_found() {
    assert_eq!(
        headless_tables("<table><tbody><tr><td>1</td></tr></tbody></table>"),
        1
    );
    assert_eq!(
        headless_tables(
            "<table><thead><tr><th>名</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        ),
        0
    );
}

#[test]
fn the_checker_finds_what_an_unescaped_title_or_textarea_lets_through() {
    let raw = HOSTILE.replace("{}", "");
    assert!(!injected(&format!("<title>{raw}</title>")).is_empty());
    assert!(!injected(&format!("<textarea>{raw}</textarea>")).is_empty());
    let escaped = html_escape_text(&raw);
    assert!(injected(&format!(
        "<title>{escaped}</title><textarea>{escaped}</textarea>"
    ))
    .is_empty());
}

fn html_escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
