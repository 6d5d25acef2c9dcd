use chrono::Timelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::manage_sessions::{
        load_manage_sessions, load_session_edit, AddWalkIn, CancelSession, CheckInCode,
        ManageSessions, PublishSession, SaveSession, SessionEditView,
    },
    components::{
        page_id, Hidden, Loaded, LoadedForm, PostForm, SelectField, Submit, TextArea, TextField,
    },
    domain::{RegistrationRole, RegistrationState, SessionFormat, SessionKind, SessionStatus},
    forms::FormState,
    i18n::{fmt_datetime, use_lang, Label, T},
};

/// The sessions a signed-in organizer or staff member runs.
#[component]
pub fn ManageSessionsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_manage_sessions());
    view! { <Loaded data=data render=|v| view! { <SessionTable view=v/> }/> }
}

#[component]
fn SessionTable(view: ManageSessions) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::ManageSessions.tr(lang)/>
        <h1>{T::ManageSessions.tr(lang)}</h1>
        <p class="actions">
            {view.platforms.iter().take(5).map(|p| view! {
                <a href=format!("/manage/sessions/new?platform={}", p.id)>{T::NewSession.tr(lang)} " · " {p.name.clone()}</a>
            }).collect_view()}
        </p>
        <table class="table">
            <thead><tr>
                <th>{T::SessionTitle.tr(lang)}</th>
                <th>{T::StartsAt.tr(lang)}</th>
                <th>{T::StatusLabel.tr(lang)}</th>
                <th class="num">{T::Registered.tr(lang)}</th>
            </tr></thead>
            <tbody>
                {view.sessions.into_iter().map(|s| view! {
                    <tr>
                        <td><a href=format!("/manage/sessions/{}", s.id)>{s.title}</a></td>
                        <td>{fmt_datetime(s.starts_at, lang)}</td>
                        <td>{s.status.label(lang)}</td>
                        <td class="num">{s.taken} " / " {s.seats}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A new draft at `?platform=`.
#[component]
pub fn NewSessionPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || query.read().get("platform").and_then(|s| s.parse().ok()),
        |platform| load_session_edit(None, platform),
    );
    view! { <LoadedForm data=data render=|v, state| view! { <SessionWorkspace view=v state=state/> }/> }
}

/// One session's workspace: publish, change, cancel, check people in.
#[component]
pub fn EditSessionPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_session_edit(Some(id), None).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <LoadedForm data=data render=|v, state| view! { <SessionWorkspace view=v state=state/> }/> }
}

/// `2026-11-21T14:30`, what a `datetime-local` input shows.
fn local_input(t: chrono::NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute())
}

#[component]
fn SessionWorkspace(view: SessionEditView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let card = view.card.clone();
    let id = card.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
    let status = card.as_ref().map(|c| c.status);
    let editable = matches!(
        status,
        None | Some(SessionStatus::Draft | SessionStatus::Published)
    );
    let kinds: Vec<(String, String)> = SessionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label(lang).to_owned()))
        .collect();
    let formats: Vec<(String, String)> = SessionFormat::ALL
        .iter()
        .map(|f| (f.code().to_owned(), f.label(lang).to_owned()))
        .collect();
    let get = |f: fn(&crate::api::sessions::SessionCard) -> String| {
        view.card.as_ref().map(f).unwrap_or_default()
    };
    let d_title = get(|c| c.title.clone());
    let d_kind = get(|c| c.kind.code().to_owned());
    let d_format = get(|c| c.format.code().to_owned());
    let d_place = get(|c| c.place.clone());
    let d_starts = get(|c| local_input(c.starts_at));
    let d_ends = get(|c| local_input(c.ends_at));
    let d_seats = get(|c| c.seats.to_string());
    let d_deadline = get(|c| local_input(c.signup_deadline));
    let (id_publish, id_check_in, id_walk_in, id_save, id_cancel) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id);
    let walk_in_roles: Vec<(String, String)> = RegistrationRole::ALL
        .iter()
        .filter(|r| **r != RegistrationRole::Member)
        .map(|r| (r.code().to_owned(), r.label(lang).to_owned()))
        .collect();
    let title = card
        .as_ref()
        .map(|c| c.title.clone())
        .unwrap_or_else(|| T::NewSession.tr(lang).to_owned());
    let registered = view
        .attendees
        .iter()
        .filter(|a| {
            a.state != RegistrationState::Cancelled && a.state != RegistrationState::Waitlisted
        })
        .count();
    let attended = view
        .attendees
        .iter()
        .filter(|a| a.state == RegistrationState::Attended)
        .count();
    view! {
        <Title text=title.clone()/>
        <p><a href="/manage/sessions">{T::ManageSessions.tr(lang)}</a> " · " {view.platform_name.clone()}</p>
        <h1>{title}</h1>
        {status.map(|s| view! { <p class="status-line"><strong>{s.label(lang)}</strong></p> })}
        {(status == Some(SessionStatus::Draft)).then(|| view! {
            <PostForm action={<PublishSession as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                <Hidden name="id" value=id_publish/>
                <Submit label=T::Publish/>
            </PostForm>
        })}
        {(status == Some(SessionStatus::Published)).then(|| view! {
            <section id="check-in">
                <h2>{T::CheckInTitle.tr(lang)}</h2>
                <p class="counts">{T::Registered.tr(lang)} " " {registered} " · " {T::Attended.tr(lang)} " " {attended}</p>
                <PostForm action={<CheckInCode as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_check_in/>
                    <TextField name="code" label=T::CheckInCode autocomplete="off"/>
                    <Submit label=T::CheckInButton/>
                </PostForm>
                <h3>{T::WalkInTitle.tr(lang)}</h3>
                <PostForm action={<AddWalkIn as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_walk_in/>
                    <TextField name="walk_in_name" label=T::YourName/>
                    <SelectField name="walk_in_role" label=T::YourRole options=walk_in_roles default="resident"/>
                    <TextField name="walk_in_mobile" label=T::OptionalMobile kind="tel" inputmode="tel" optional=true/>
                    <Submit label=T::WalkInButton secondary=true/>
                </PostForm>
            </section>
        })}
        {card.is_some().then(|| view! {
            <section>
                <h2>{T::Attendees.tr(lang)}</h2>
                {if view.attendees.is_empty() {
                    view! { <p>{T::NoAttendees.tr(lang)}</p> }.into_any()
                } else {
                    view! {
                        <table class="table">
                            <tbody>
                                {view.attendees.iter().map(|a| view! {
                                    <tr>
                                        <td>{a.name.clone()}</td>
                                        <td>{a.mobile.clone().unwrap_or_default()}</td>
                                        <td>{a.role.label(lang)}</td>
                                        <td>{a.state.label(lang)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        })}
        {editable.then(|| view! {
            <section>
                <h2>{T::Edit.tr(lang)}</h2>
                <PostForm action={<SaveSession as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_save/>
                    <Hidden name="platform_id" value=view.platform_id.to_string()/>
                    <TextField name="title" label=T::SessionTitle default=d_title/>
                    <SelectField name="kind" label=T::SessionKindLabel options=kinds default=d_kind/>
                    <SelectField name="format" label=T::SessionFormatLabel options=formats default=d_format/>
                    <TextField name="format_local_name" label=T::FormatLocalName hint=T::FormatLocalNameHint optional=true default=view.format_local_name.clone()/>
                    <TextField name="place" label=T::Place default=d_place/>
                    <TextField name="starts_at" label=T::StartsAt kind="datetime-local" default=d_starts/>
                    <TextField name="ends_at" label=T::EndsAt kind="datetime-local" default=d_ends/>
                    <TextField name="seats" label=T::SeatsField inputmode="numeric" default=d_seats/>
                    <TextField name="signup_deadline" label=T::SignupDeadlineField kind="datetime-local" default=d_deadline/>
                    <TextArea name="summary" label=T::SessionSummary optional=true default=view.summary.clone()/>
                    <Submit label=T::Save/>
                </PostForm>
            </section>
        })}
        {(editable && card.is_some()).then(|| view! {
            <section>
                <h2>{T::CancelSessionTitle.tr(lang)}</h2>
                <PostForm action={<CancelSession as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_cancel/>
                    <TextField name="reason" label=T::CancelReason/>
                    <Submit label=T::CancelSessionTitle secondary=true/>
                </PostForm>
            </section>
        })}
    }
}
