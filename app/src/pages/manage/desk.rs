//! 签到台: the check-in desk of a published session. A queue of elderly residents moves when
//! each answer names the person, the code box keeps the focus, and a forgotten code is found by
//! name or the last digits of the number instead of being recorded a second time as a walk-in.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::sessions::choices;
use crate::{
    api::manage_sessions::{AddWalkIn, Attendee, CheckInCode, UndoCheckIn},
    components::{Hidden, IslandScripts, PostForm, SelectField, Submit, TextField},
    domain::{RegistrationRole, RegistrationState},
    forms::FormState,
    i18n::{fmt_datetime, fmt_time, use_lang, Label, Lang, T},
    islands::desk_scanner::{DeskScanner, ScannerTexts},
};

/// The most people a search lists: more means the search should be narrower.
const MOST_FOUND: usize = 20;

/// Whether `a` is who the desk's search `q` looks for: part of the name, the number's last
/// digits (three or more), or the start of the code.
fn matches(a: &Attendee, q: &str) -> bool {
    let digits = q.len() >= 3 && q.bytes().all(|b| b.is_ascii_digit());
    a.name.contains(q)
        || (digits && a.mobile.as_deref().is_some_and(|m| m.ends_with(q)))
        || (q.len() >= 3 && a.code.starts_with(&q.to_ascii_uppercase()))
}

/// Someone holding a place who has not been checked in.
fn waiting(state: RegistrationState) -> bool {
    matches!(
        state,
        RegistrationState::Registered | RegistrationState::Absent | RegistrationState::Leave
    )
}

#[component]
pub fn CheckInDesk(
    id: String,
    registered: usize,
    attended: usize,
    window: Option<(NaiveDateTime, NaiveDateTime)>,
    attendees: Vec<Attendee>,
    /// The latest check-in of the last minute (code, name), offered to undo.
    just_checked_in: Option<(String, String)>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    crate::web::page_policy::allow_camera();
    let walk_in_roles: Vec<(String, String)> = choices(
        &RegistrationRole::ALL
            .iter()
            .copied()
            .filter(|r| *r != RegistrationRole::Member)
            .collect::<Vec<_>>(),
        RegistrationRole::code,
    );
    let check_in = <CheckInCode as leptos::server_fn::ServerFn>::PATH;
    // After each check-in the page comes back here with the focus in the code box, so the next
    // ticket can be typed (or scanned by a keyboard-like scanner) at once.
    let at_desk = state.source == check_in || state.subject.is_some();
    let query = use_query_map();
    let q = query
        .read_untracked()
        .get("find")
        .map(|q| q.trim().to_owned())
        .unwrap_or_default();
    let found: Vec<Attendee> = if q.is_empty() {
        Vec::new()
    } else {
        attendees
            .into_iter()
            .filter(|a| a.state != RegistrationState::Cancelled && matches(a, &q))
            .take(MOST_FOUND)
            .collect()
    };
    let searched = !q.is_empty();
    let search_action = format!("/manage/sessions/{id}#check-in");
    let (id_code, id_found, id_undo) = (id.clone(), id.clone(), id.clone());
    let undo = just_checked_in.map(|(code, name)| {
        view! {
            <div class="desk-undo">
                <span>{T::JustCheckedIn.tr(lang)} " " <strong>{name}</strong></span>
                <PostForm action={<UndoCheckIn as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_undo/>
                    <Hidden name="code" value=code/>
                    <Submit label=T::UndoCheckIn secondary=true/>
                </PostForm>
            </div>
        }
    });
    view! {
        <section id="check-in">
            <h2>{T::CheckInTitle.tr(lang)}</h2>
            {window.map(|(opens, closes)| view! {
                <p class="hint">{T::CheckInWindow.tr(lang)} " " {fmt_datetime(opens, lang)} "–" {fmt_time(closes)}</p>
            })}
            <DeskScanner id=id.clone() registered attended=attended as i64 texts=scanner_texts(lang)/>
            <IslandScripts/>
            <PostForm action=check_in state=state.clone()>
                <Hidden name="id" value=id_code/>
                <TextField name="code" label=T::CheckInCode autocomplete="off" autofocus=at_desk/>
                <Submit label=T::CheckInButton/>
            </PostForm>
            {undo}
            <form method="get" action=search_action class="form desk-search">
                <div class="field">
                    <label for="desk-find">{T::FindAtDesk.tr(lang)}</label>
                    <input type="search" id="desk-find" name="find" value=q.clone() autocomplete="off"/>
                </div>
                <button type="submit" class="button secondary">{T::FindButton.tr(lang)}</button>
            </form>
            {searched.then(|| if found.is_empty() {
                view! { <p class="notice warning">{T::NobodyFound.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="found-members desk-found">
                        {found.into_iter().map(|a| view! { <Found id=id_found.clone() person=a state=state.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <h3>{T::WalkInTitle.tr(lang)}</h3>
            <PostForm action={<AddWalkIn as leptos::server_fn::ServerFn>::PATH} state=state>
                <Hidden name="id" value=id/>
                <TextField name="walk_in_name" label=T::YourName/>
                <SelectField name="walk_in_role" label=T::YourRole options=walk_in_roles default="resident"/>
                <TextField name="walk_in_mobile" label=T::OptionalMobile kind="tel" inputmode="tel" optional=true/>
                <Submit label=T::WalkInButton secondary=true/>
            </PostForm>
        </section>
    }
}

/// The scanner island's words in the reader's language.
fn scanner_texts(lang: Lang) -> ScannerTexts {
    let t = |t: T| t.tr(lang).to_owned();
    ScannerTexts {
        registered: t(T::Registered),
        attended: t(T::Attended),
        start: t(T::ScanStart),
        stop: t(T::ScanStop),
        aim: t(T::ScanAim),
        no_camera: t(T::ScanNoCamera),
        offline: t(T::ScanOffline),
        waiting: t(T::ScanWaiting),
        sign_in_again: t(T::ScanSignInAgain),
        failed: t(T::ScanFailed),
        queue_full: t(T::ScanQueueFull),
    }
}

/// One person the search found, with a button that checks them in on their own registration.
#[component]
fn Found(id: String, person: Attendee, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let a = person;
    let done = a
        .checked_in_at
        .filter(|_| a.state == RegistrationState::Attended)
        .map(|at| format!(" {}", fmt_time(at)));
    view! {
        <li>
            <span>
                <strong>{a.name.clone()}</strong> " " {a.mobile.clone().unwrap_or_default()}
                " · " <code>{a.code.clone()}</code> " · " {a.state.label(lang)} {done}
            </span>
            {waiting(a.state).then(|| view! { <CheckInButton id=id code=a.code.clone() state=state/> })}
        </li>
    }
}

/// Checks one person in on their own registration, from a list or a scanned ticket.
#[component]
pub fn CheckInButton(
    id: String,
    code: String,
    #[prop(default = T::CheckInButton)] label: T,
    state: FormState,
) -> impl IntoView {
    view! {
        <PostForm action={<CheckInCode as leptos::server_fn::ServerFn>::PATH} state=state>
            <Hidden name="id" value=id/>
            <Hidden name="code" value=code/>
            <Submit label=label/>
        </PostForm>
    }
}

/// Whether someone in this state can be checked in from a list.
pub fn can_check_in(state: RegistrationState) -> bool {
    waiting(state)
}
