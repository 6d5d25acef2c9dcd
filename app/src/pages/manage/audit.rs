//! A session's change log (修改记录): who changed what, when, before and after — check-ins and
//! walk-ins included, since attendance is the easiest figure to pad.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::closing::load_session_audit,
    components::{page_id, Loaded},
    i18n::{audit_field, audit_value, fmt_datetime, use_lang, T},
    views::audit::SessionAudit,
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
        <form method="get" action=format!("/manage/sessions/{id}/audit") class="filters">
            <div class="field">
                <label for="field-user">{T::AuditPerson.tr(lang)}</label>
                <select id="field-user" name="user">
                    <option value="" selected=chosen.is_none()>{T::AuditEveryone.tr(lang)}</option>
                    {view.people.into_iter().map(|(uid, name)| view! {
                        <option value=uid.to_string() selected=chosen == Some(uid)>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{T::AuditFilter.tr(lang)}</button>
        </form>
        {if view.entries.is_empty() {
            view! { <p class="muted">{T::AuditNone.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ol class="audit">
                    {view.entries.into_iter().map(|e| {
                        let what = format!(
                            "{} #{} · {}",
                            entity_label(&e.entity).map_or(e.entity.clone(), |t| t.tr(lang).to_owned()),
                            e.entity_id,
                            action_label(&e.action).map_or(e.action.clone(), |t| t.tr(lang).to_owned()),
                        );
                        let who = e.who.unwrap_or_else(|| T::AuditNoAccount.tr(lang).to_owned());
                        view! {
                            <li>
                                <p><strong>{what}</strong></p>
                                <p class="muted">{fmt_datetime(e.at, lang)} " · " {who}</p>
                                <Fields label=T::AuditBefore pairs=e.before/>
                                <Fields label=T::AuditAfter pairs=e.after/>
                            </li>
                        }
                    }).collect_view()}
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
