//! The change log (修改记录) of a session, and of the sessions of an area: who changed what, when, before and after — check-ins and
//! walk-ins included, since attendance is the easiest figure to pad.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::closing::{load_area_audit, load_session_audit},
    components::{page_id, Loaded},
    i18n::{audit_field, audit_value, fmt_datetime, use_lang, T},
    views::{
        audit::{AreaAudit, AuditEntry, SessionAudit},
        tallies::TallyParams,
    },
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let id = page_id();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || (id(), query.read().get("user").and_then(|u| u.parse().ok())),
        |(id, user)| async move {
            load_session_audit(id.ok_or(crate::error::AppError::NotFound)?, user).await
        },
    );
    view! { <Loaded data=data render=|v| view! { <Audit view=v/> }/> }
}

fn entity_label(entity: &str) -> Option<T> {
    Some(match entity {
        "session" => T::AuditEntitySession,
        "registration" => T::AuditEntityRegistration,
        "minutes" => T::AuditEntityMinutes,
        "outcome" => T::AuditEntityOutcome,
        "problem" => T::AuditEntityProblem,
        "review" => T::AuditEntityReview,
        _ => return None,
    })
}

fn action_label(action: &str) -> Option<T> {
    Some(match action {
        "create" => T::AuditCreate,
        "update" => T::AuditUpdate,
        "delete" => T::AuditDelete,
        _ => return None,
    })
}

#[component]
fn Audit(view: SessionAudit) -> impl IntoView {
    let lang = use_lang();
    let card = view.card;
    let id = card.id;
    let chosen = view.user;
    view! {
        <Title text=format!("{} · {}", T::AuditTitle.tr(lang), card.title)/>
        <p><a href=format!("/manage/sessions/{id}")>{card.title.clone()}</a></p>
        <h1>{T::AuditTitle.tr(lang)}</h1>
        <p class="hint">{T::AuditIntro.tr(lang)}</p>
        <PersonFilter action=format!("/manage/sessions/{id}/audit") people=view.people chosen=chosen/>
        {if view.entries.is_empty() {
            view! { <p class="muted">{T::AuditNone.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ol class="audit">
                    {view.entries.into_iter().map(|e| view! { <Entry entry=e/> }).collect_view()}
                </ol>
            }.into_any()
        }}
        {view.truncated.then(|| view! { <p class="hint">{T::AuditTruncated.tr(lang)}</p> })}
    }
}

/// One change: what, when, by whom, the record before and after; `session` names the session it
/// was about, on the area's log.
#[component]
fn Entry(entry: AuditEntry, #[prop(optional)] session: Option<(i64, String)>) -> impl IntoView {
    let lang = use_lang();
    let e = entry;
    let what = format!(
        "{} #{} · {}",
        entity_label(&e.entity).map_or(e.entity.clone(), |t| t.tr(lang).to_owned()),
        e.entity_id,
        action_label(&e.action).map_or(e.action.clone(), |t| t.tr(lang).to_owned()),
    );
    let who = e
        .who
        .unwrap_or_else(|| T::AuditNoAccount.tr(lang).to_owned());
    view! {
        <li>
            {session.map(|(id, title)| view! {
                <p><a href=format!("/manage/sessions/{id}/audit")>{title}</a></p>
            })}
            <p><strong>{what}</strong></p>
            <p class="muted">{fmt_datetime(e.at, lang)} " · " {who}</p>
            <Fields label=T::AuditBefore pairs=e.before/>
            <Fields label=T::AuditAfter pairs=e.after/>
        </li>
    }
}

/// The person filter of a log: everyone, or one of `people`.
#[component]
fn PersonFilter(
    action: String,
    people: Vec<(i64, String)>,
    chosen: Option<i64>,
    #[prop(optional)] area: Option<i64>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="get" action=action class="filters">
            {area.map(|a| view! { <input type="hidden" name="area" value=a.to_string()/> })}
            <div class="field">
                <label for="field-user">{T::AuditPerson.tr(lang)}</label>
                <select id="field-user" name="user">
                    <option value="" selected=chosen.is_none()>{T::AuditEveryone.tr(lang)}</option>
                    {people.into_iter().map(|(uid, name)| view! {
                        <option value=uid.to_string() selected=chosen == Some(uid)>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{T::AuditFilter.tr(lang)}</button>
        </form>
    }
}

/// The latest changes about the sessions of a staff member's area (`?area=`, else their own),
/// each linking to its session's whole log; filter by person.
#[component]
pub fn AreaAuditPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                TallyParams::from_query(|k| q.get(k)),
                q.get("user").and_then(|u| u.parse().ok()),
            )
        },
        |(params, user)| load_area_audit(params, user),
    );
    view! { <Loaded data=data render=|v| view! { <AreaLog view=v/> }/> }
}

#[component]
fn AreaLog(view: AreaAudit) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("{} · {}", T::AreaAuditTitle.tr(lang), view.area_name);
    view! {
        <Title text=heading.clone()/>
        <p><a href="/manage">{T::Manage.tr(lang)}</a></p>
        <h1>{heading}</h1>
        <p class="hint">{T::AreaAuditIntro.tr(lang)}</p>
        <PersonFilter action="/manage/audit".to_owned() people=view.people chosen=view.user area=view.area_id/>
        {if view.entries.is_empty() {
            view! { <p class="muted">{T::AuditNone.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ol class="audit">
                    {view.entries.into_iter().map(|(e, id, title)| view! { <Entry entry=e session=(id, title)/> }).collect_view()}
                </ol>
            }.into_any()
        }}
        {view.truncated.then(|| view! { <p class="hint">{T::AuditTruncated.tr(lang)}</p> })}
    }
}

/// A logged record's fields, one per line; nothing when the log holds none (a new record has no
/// "before").
#[component]
fn Fields(label: T, pairs: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    (!pairs.is_empty()).then(|| {
        view! {
            <details>
                <summary>{label.tr(lang)}</summary>
                <dl class="facts">
                    {pairs.into_iter().map(|(k, v)| view! {
                        <dt>{audit_field(&k, lang)}</dt><dd>{audit_value(&k, &v, lang)}</dd>
                    }).collect_view()}
                </dl>
            </details>
        }
    })
}
