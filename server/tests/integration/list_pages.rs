//! The public list pages are served from memory while nothing is written: never older than the
//! data, never one person's page to another.

use crate::common::{Answer, TestApp};

fn nonce(page: &Answer) -> String {
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("a nonce in {policy}"))
        .to_owned()
}

/// The number shown after 剩余名额 on the list's first card.
fn seats_left(page: &Answer) -> String {
    let at = page
        .body
        .find("剩余名额")
        .unwrap_or_else(|| panic!("{}", page.body));
    page.body[at..]
        .chars()
        .skip(4)
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_served_again_from_memory_until_something_is_written() {
    let app = TestApp::spawn().await;
    let session = app.session(10, 3).await;
    let list = format!("/sessions?area={}", app.world.township_a);
    let resident = app.browser();
    // A first visit remembers the area (a cookie is set), and so does the next first visit,
    // from memory. (The session was written just now: the pool hands its connection back a
    // moment later, which counts as a write, so the first page may be rendered twice.)
    let mut first = app.browser().get(&list).await;
    for _ in 0..20 {
        let next = app.browser().get(&list).await;
        if nonce(&next) == nonce(&first) {
            break;
        }
        first = next;
    }
    resident.get(&list).await;
    assert!(
        first.headers.contains_key("set-cookie"),
        "{:?}",
        first.headers
    );
    let newcomer = app.browser().get(&list).await;
    assert_eq!(nonce(&newcomer), nonce(&first));
    assert_eq!(newcomer.headers["set-cookie"], first.headers["set-cookie"]);
    let rendered = resident.get(&list).await;
    let again = resident.get(&list).await;
    assert_eq!(seats_left(&rendered), "10");
    assert_eq!(again.body, rendered.body);
    assert_eq!(nonce(&again), nonce(&rendered), "served from memory");

    // A sign-up is written: the very next list shows it.
    app.browser()
        .sign_up(session, "周建国", "13500001234")
        .await;
    let after = resident.get(&list).await;
    assert_ne!(nonce(&after), nonce(&rendered), "rendered anew");
    assert_eq!(seats_left(&after), "9");

    // Another language, another size, a signed-in organizer: each gets its own page.
    let english = app.browser();
    english.get("/lang?to=en").await;
    let en = english.get(&list).await;
    assert!(en.body.contains("Seats left") && !en.body.contains("剩余名额"));
    let organizer = app.signed_in("organizer_a").await;
    let theirs = organizer.get(&list).await;
    let theirs_again = organizer.get(&list).await;
    assert_ne!(
        nonce(&theirs),
        nonce(&theirs_again),
        "a signed-in page is never kept"
    );
    let anonymous = resident.get(&list).await;
    assert!(!anonymous.body.contains("退出登录"), "{}", anonymous.body);
    assert!(theirs.body.contains("退出登录"));
    // A form's answer with `?f=` is personal: rendered each time.
    let flashed = format!("{list}&f=abc");
    let one = resident.get(&flashed).await;
    let two = resident.get(&flashed).await;
    assert_ne!(nonce(&one), nonce(&two));
}
