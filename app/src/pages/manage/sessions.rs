use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::deliveries::Deliveries;
use super::desk::{can_check_in, CheckInButton, CheckInDesk};
use super::member_picker::{MemberPicker, PickerOn};
use crate::{
    api::manage_sessions::{
        load_manage_sessions, load_session_edit, Attendee, CancelSession, ClearRegistration,
        ManageSessions, MarkAbsence, PostponeSession, PublishSession, SaveSession, SessionDraft,
        SessionEditView,
    },
    api::sessions::SessionCard,
    components::{
        page_id, CheckboxGroup, Hidden, Loaded, LoadedForm, PostForm, SelectField, Submit,
        TextArea, TextField,
    },
    domain::{
        Month, RegistrationRole, RegistrationState, SessionFormat, SessionKind, SessionStatus,
    },
    forms::FormState,
    i18n::{fmt_datetime, fmt_time, use_lang, Label, Lang, T},
};

/// The sessions a signed-in organizer or staff member runs, a month at a time (`?month=2026-11`):
/// as a calendar and as a list.
#[component]
pub fn ManageSessionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(move || query.read().get("month"), load_manage_sessions);
    view! { <Loaded data=data render=|v| view! { <SessionMonth view=v/> }/> }
}

#[component]
fn SessionMonth(view: ManageSessions) -> impl IntoView {
    let lang = use_lang();
    let month = view.month;
    let hosts: Vec<i64> = view.platforms.iter().map(|p| p.id).collect();
    let heading = match lang {
        Lang::Zh => format!("{}年{}月", month.year(), month.number()),
        Lang::En => month.to_string(),
    };
    view! {
        <Title text=T::ManageSessions.tr(lang)/>
        <h1>{T::ManageSessions.tr(lang)}</h1>
        <p class="actions">
            {view.platforms.iter().take(5).map(|p| view! {
                <a href=format!("/manage/sessions/new?platform={}", p.id)>{T::NewSession.tr(lang)} " · " {p.name.clone()}</a>
                <a href=format!("/manage/sessions/record?platform={}", p.id)>{T::RecordHeldLink.tr(lang)} " · " {p.name.clone()}</a>
            }).collect_view()}
        </p>
        <nav class="month-nav" aria-label=T::MonthCalendar.tr(lang)>
            <a href=format!("/manage/sessions?month={}", month.previous()) rel="prev">"‹ " {T::PreviousMonth.tr(lang)}</a>
            <h2>{heading}</h2>
            <a href=format!("/manage/sessions?month={}", month.next()) rel="next">{T::NextMonth.tr(lang)} " ›"</a>
        </nav>
        <MonthGrid month=month today=view.today sessions=view.sessions.clone() hosts=hosts.clone()/>
        {if view.sessions.is_empty() {
            view! { <p>{T::NoSessionsThisMonth.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr>
                        <th>{T::SessionTitle.tr(lang)}</th>
                        <th>{T::StartsAt.tr(lang)}</th>
                        <th>{T::StatusLabel.tr(lang)}</th>
                        <th class="num">{T::Registered.tr(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {view.sessions.into_iter().map(|s| {
                            let href = workspace_href(&s, &hosts);
                            let hosted = hosts.contains(&s.platform_id);
                            view! {
                            <tr>
                                <td><a href=href>{s.title}</a>{(!hosted).then(|| T::CoHostedMark.tr(lang))}</td>
                                <td>{fmt_datetime(s.starts_at, lang)}</td>
                                <td>{s.status.label(lang)}</td>
                                <td class="num">{s.taken} " / " {s.seats}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// Where the viewer works on a session: its workspace at a platform they run (`hosts`), its
/// public page at one they only co-host.
fn workspace_href(s: &SessionCard, hosts: &[i64]) -> String {
    if hosts.contains(&s.platform_id) {
        format!("/manage/sessions/{}", s.id)
    } else {
        format!("/sessions/{}", s.id)
    }
}

/// The month as a grid of weeks, Monday first, each day listing its sessions.
#[component]
fn MonthGrid(
    month: Month,
    today: chrono::NaiveDate,
    sessions: Vec<SessionCard>,
    hosts: Vec<i64>,
) -> impl IntoView {
    let lang = use_lang();
    let weekdays = match lang {
        Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    view! {
        <table class="month">
            <thead><tr>{weekdays.into_iter().map(|d| view! { <th scope="col">{d}</th> }).collect_view()}</tr></thead>
            <tbody>
                {month.weeks().into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|day| match day {
                            None => view! { <td class="outside"></td> }.into_any(),
                            Some(day) => {
                                let on_day: Vec<&SessionCard> =
                                    sessions.iter().filter(|s| s.starts_at.date() == day).collect();
                                view! {
                                    <td class:today=day == today>
                                        <span class="day">{day.day()}</span>
                                        {on_day.into_iter().map(|s| view! {
                                            <a class="in-day" class:cancelled=s.status == SessionStatus::Cancelled
                                               href=workspace_href(s, &hosts)>
                                                {fmt_time(s.starts_at)} " " {s.title.clone()}
                                            </a>
                                        }).collect_view()}
                                    </td>
                                }.into_any()
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A new draft at `?platform=`, blank or copied from `?copy=`.
#[component]
pub fn NewSessionPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let num = |k: &str| q.get(k).and_then(|s| s.parse().ok());
            (num("platform"), num("copy"))
        },
        |(platform, copy)| load_session_edit(None, platform, copy),
    );
    view! { <LoadedForm data=data render=|v, state| view! { <SessionWorkspace view=v state=state/> }/> }
}

/// One session's workspace: publish, change, move, cancel, check people in.
#[component]
pub fn EditSessionPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_session_edit(Some(id), None, None).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <LoadedForm data=data render=|v, state| view! { <SessionWorkspace view=v state=state/> }/> }
}

pub(super) fn choices<V: Label + Copy>(
    all: &[V],
    code: fn(V) -> &'static str,
) -> Vec<(String, String)> {
    let lang = use_lang();
    all.iter()
        .map(|v| (code(*v).to_owned(), v.label(lang).to_owned()))
        .collect()
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
    let title = card
        .as_ref()
        .map(|c| c.title.clone())
        .unwrap_or_else(|| T::NewSession.tr(lang).to_owned());
    let holding = |a: &&Attendee| {
        !matches!(
            a.state,
            RegistrationState::Cancelled | RegistrationState::Waitlisted
        )
    };
    let registered = view
        .attendees
        .iter()
        .filter(holding)
        .filter(|a| !a.walk_in)
        .count();
    let attended = view
        .attendees
        .iter()
        .filter(|a| a.state == RegistrationState::Attended)
        .count();
    // Registrations can be cleared until the session starts.
    let upcoming = card
        .as_ref()
        .is_some_and(|c| c.status == SessionStatus::Published && !c.started);
    let session_links = card.as_ref().map(|c| {
        let (id, platform) = (c.id, c.platform_id);
        let started = c.started && c.status != SessionStatus::Cancelled;
        view! {
            <p class="actions">
                <a href=format!("/sessions/{id}")>{T::PublicPage.tr(lang)}</a>
                <a href=format!("/manage/sessions/{id}/sheet")>{T::SignInSheet.tr(lang)}</a>
                <a href=format!("/manage/sessions/{id}/audit")>{T::AuditTitle.tr(lang)}</a>
                <a href=format!("/sessions/{id}/poster")>{T::Poster.tr(lang)}</a>
                <a href=format!("/manage/sessions/new?platform={platform}&copy={id}")>{T::CopySession.tr(lang)}</a>
                {started.then(|| view! { <a href=format!("/manage/sessions/{id}/closing")>{T::ClosingTitle.tr(lang)}</a> })}
            </p>
        }
    });
    let workspace_state = state.clone();
    let (id_publish, id_desk, id_people, id_form, id_move, id_cancel) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id,
    );
    view! {
        <Title text=title.clone()/>
        <p><a href="/manage/sessions">{T::ManageSessions.tr(lang)}</a> " · " {view.platform_name.clone()}</p>
        <h1>{title}</h1>
        {status.map(|s| view! { <p class="status-line"><strong>{s.label(lang)}</strong></p> })}
        {session_links}
        {(status == Some(SessionStatus::Draft)).then(|| view! {
            <PostForm action={<PublishSession as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                <Hidden name="id" value=id_publish/>
                <Submit label=T::Publish/>
            </PostForm>
        })}
        {(status == Some(SessionStatus::Published)).then(|| view! {
            <CheckInDesk id=id_desk registered=registered attended=attended window=view.checkin_window
                attendees=view.attendees.clone() just_checked_in=view.just_checked_in.clone() state=state.clone()/>
            {card.as_ref().map(|c| view! { <MemberPicker id=c.id on=PickerOn::Desk state=state.clone()/> })}
        })}
        {card.is_some().then(|| view! {
            <People id=id_people attendees=view.attendees.clone() masked=view.numbers_masked
                upcoming=upcoming desk_open={status == Some(SessionStatus::Published)} state=state.clone()/>
        })}
        {card.as_ref().zip(view.delivery.clone()).map(|(c, d)| view! {
            <Deliveries id=c.id delivery=d state=state.clone()/>
        })}
        {editable.then(|| view! {
            <SessionForm id=id_form platform_id=view.platform_id draft=view.draft.clone()
                cohosts=view.cohost_choices.clone() state=workspace_state/>
        })}
        // Moving to another time tells those signed up why; a draft has nobody to tell, and its
        // times are simply edited.
        {(status == Some(SessionStatus::Published)).then(|| view! {
            <section>
                <h2>{T::PostponeTitle.tr(lang)}</h2>
                <PostForm action={<PostponeSession as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=id_move/>
                    <TextField name="new_starts_at" label=T::StartsAt kind="datetime-local"/>
                    <TextField name="new_ends_at" label=T::EndsAt kind="datetime-local"/>
                    <TextField name="postpone_reason" label=T::PostponeReason/>
                    <Submit label=T::PostponeButton secondary=true/>
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

/// Everyone on the list; those holding a place can be marked absent or on leave, and before the
/// session starts a registration can be cancelled (squatters cleared).
#[component]
fn People(
    id: String,
    attendees: Vec<Attendee>,
    masked: bool,
    upcoming: bool,
    /// The desk is open: each person still to come gets a check-in button.
    desk_open: bool,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    if attendees.is_empty() {
        return view! { <section id="people"><h2>{T::Attendees.tr(lang)}</h2><p>{T::NoAttendees.tr(lang)}</p></section> }.into_any();
    }
    let rows = attendees
        .into_iter()
        .map(|a| {
            let markable = matches!(
                a.state,
                RegistrationState::Registered
                    | RegistrationState::Absent
                    | RegistrationState::Leave
            );
            let state_text = match &a.leave_reason {
                Some(reason) => format!("{}（{reason}）", a.state.label(lang)),
                None => a.state.label(lang).to_owned(),
            };
            // A refused post for this row shows its message even if the row changed meanwhile.
            let posted = state.source == <MarkAbsence as leptos::server_fn::ServerFn>::PATH
                && state.value("row").as_deref() == Some(a.code.as_str());
            let form = (markable || posted).then(|| {
                view! { <AbsenceForm id=id.clone() code=a.code.clone() state=state.clone()/> }
            });
            let clearable = upcoming
                && matches!(
                    a.state,
                    RegistrationState::Registered | RegistrationState::Waitlisted
                );
            let clear = clearable.then(|| {
                view! { <ClearForm id=id.clone() code=a.code.clone() state=state.clone()/> }
            });
            let check_in = (desk_open && can_check_in(a.state)).then(|| {
                view! { <CheckInButton id=id.clone() code=a.code.clone() state=state.clone()/> }
            });
            view! {
                <tr>
                    <td>{a.name}</td>
                    <td>{a.mobile.unwrap_or_default()}</td>
                    <td>{a.role.label(lang)}</td>
                    <td>{state_text} {check_in} {form} {clear}</td>
                </tr>
            }
        })
        .collect_view();
    let download = format!("/manage/sessions/{id}/sign-ups.csv");
    view! {
        <section id="people">
            <h2>{T::Attendees.tr(lang)}</h2>
            <p><a href=download download="">{T::DownloadSignUps.tr(lang)}</a></p>
            {masked.then(|| view! { <p class="hint">{T::NumbersMasked.tr(lang)}</p> })}
            <table class="table people">
                <thead><tr>
                    <th scope="col">{T::YourName.tr(lang)}</th>
                    <th scope="col">{T::Mobile.tr(lang)}</th>
                    <th scope="col">{T::YourRole.tr(lang)}</th>
                    <th scope="col">{T::StatusLabel.tr(lang)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// One row's cancellation, folded away until opened: two taps, so a place is not given away
/// by a slip of the finger.
#[component]
fn ClearForm(id: String, code: String, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let mine = state.source == <ClearRegistration as leptos::server_fn::ServerFn>::PATH
        && state.value("row").as_deref() == Some(code.as_str());
    let error = mine
        .then(|| state.errors.values().next().copied())
        .flatten();
    view! {
        <details class="row-form" open=mine>
            <summary>{T::ClearRegistrationLabel.tr(lang)}</summary>
            <PostForm action={<ClearRegistration as leptos::server_fn::ServerFn>::PATH} state=state row=code.clone()>
                <Hidden name="id" value=id/>
                <Hidden name="code" value=code/>
                {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                <p class="hint">{T::ClearRegistrationHint.tr(lang)}</p>
                <Submit label=T::ClearRegistrationButton secondary=true/>
            </PostForm>
        </details>
    }
}

/// One row's absent / on-leave form, folded away until opened.
#[component]
fn AbsenceForm(id: String, code: String, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let mine = state.source == <MarkAbsence as leptos::server_fn::ServerFn>::PATH
        && state.value("row").as_deref() == Some(code.as_str());
    let (kept_absence, kept_reason, error) = if mine {
        (
            state.value("absence").unwrap_or_default(),
            state.value("leave_reason").unwrap_or_default(),
            state.errors.values().next().copied(),
        )
    } else {
        Default::default()
    };
    let reason_id = format!("reason-{code}");
    view! {
        <details class="row-form" open=mine>
            <summary>{T::AbsenceLabel.tr(lang)}</summary>
            <PostForm action={<MarkAbsence as leptos::server_fn::ServerFn>::PATH} state=state row=code.clone()>
                <Hidden name="id" value=id/>
                <Hidden name="code" value=code/>
                {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                <label class="checkbox">
                    <input type="radio" name="absence" value="absent" checked=kept_absence != "leave"/>
                    " " {T::MarkAbsent.tr(lang)}
                </label>
                <label class="checkbox">
                    <input type="radio" name="absence" value="leave" checked=kept_absence == "leave"/>
                    " " {T::MarkLeave.tr(lang)}
                </label>
                <label for=reason_id.clone()>{T::LeaveReason.tr(lang)}</label>
                <input type="text" id=reason_id name="leave_reason" value=kept_reason/>
                <Submit label=T::RecordAbsence secondary=true/>
            </PostForm>
        </details>
    }
}

/// The session's details: a new draft's, a copy's, or a saved session's.
#[component]
fn SessionForm(
    id: String,
    platform_id: i64,
    draft: SessionDraft,
    cohosts: Vec<(i64, String)>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    let kinds = choices(SessionKind::ALL, SessionKind::code);
    let formats = choices(SessionFormat::ALL, SessionFormat::code);
    let roles = choices(RegistrationRole::ALL, RegistrationRole::code);
    let leads: Vec<(String, String)> = crate::domain::CHECKIN_LEADS
        .iter()
        .map(|m| (m.to_string(), format!("{m} {}", T::MinutesBefore.tr(lang))))
        .collect();
    let invited: Vec<String> = draft.invited.iter().map(|r| r.code().to_owned()).collect();
    view! {
        <section>
            // A new session's form is headed for what it does.
            <h2>{if id.is_empty() { T::NewSession.tr(lang) } else { T::Edit.tr(lang) }}</h2>
            <PostForm action={<SaveSession as leptos::server_fn::ServerFn>::PATH} state=state>
                <Hidden name="id" value=id/>
                <Hidden name="platform_id" value=platform_id.to_string()/>
                <TextField name="title" label=T::SessionTitle default=draft.title/>
                <SelectField name="kind" label=T::SessionKindLabel options=kinds default=draft.kind/>
                <SelectField name="format" label=T::SessionFormatLabel options=formats default=draft.format/>
                <TextField name="format_local_name" label=T::FormatLocalName hint=T::FormatLocalNameHint optional=true default=draft.format_local_name/>
                <TextField name="place" label=T::Place default=draft.place/>
                <TextField name="starts_at" label=T::StartsAt kind="datetime-local" default=draft.starts_at/>
                <TextField name="ends_at" label=T::EndsAt kind="datetime-local" default=draft.ends_at/>
                <TextField name="seats" label=T::SeatsField inputmode="numeric" default=draft.seats/>
                <TextField name="signup_deadline" label=T::SignupDeadlineField kind="datetime-local" default=draft.signup_deadline/>
                <SelectField name="checkin_lead" label=T::CheckinLead options=leads default=draft.checkin_lead/>
                <CheckboxGroup name="invited" label=T::InvitedRoles options=roles default=invited hint=T::InvitedRolesChoiceHint/>
                <CoHosts choices=cohosts chosen=draft.coorganizers/>
                <TextArea name="summary" label=T::SessionSummary optional=true default=draft.summary/>
                <Submit label=T::Save/>
            </PostForm>
        </section>
    }
}

/// The co-hosting platforms to tick, when there are any to choose from.
#[component]
pub(super) fn CoHosts(choices: Vec<(i64, String)>, chosen: Vec<i64>) -> impl IntoView {
    let options: Vec<(String, String)> = choices
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let chosen = chosen.iter().map(i64::to_string).collect();
    (!options.is_empty()).then(|| {
        view! { <CheckboxGroup name="coorganizers" label=T::CoHostsField options=options default=chosen hint=T::CoHostsHint/> }
    })
}
