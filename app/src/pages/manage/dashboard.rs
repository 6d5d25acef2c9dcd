use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        auth::{current_account, Me},
        manage_sessions::{load_todo, ToDoView},
        sessions::SessionCard,
    },
    components::Loaded,
    error::AppError,
    i18n::{fmt_datetime, use_lang, T},
};

/// Where a signed-in account starts: a link to each thing its roles let it manage.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new_blocking(
        || (),
        |_| async move {
            let me = current_account().await?.ok_or(AppError::Unauthenticated)?;
            let todo = if me.is_staff || me.is_organizer {
                Some(load_todo().await?)
            } else {
                None
            };
            Ok((me, todo))
        },
    );
    view! { <Loaded data=data render=|(me, todo)| view! { <Dashboard me=me todo=todo/> }/> }
}

/// What waits: each count links to the list behind it, and today's sessions and those waiting
/// for their minutes are listed with the way straight to their desk or their record.
#[component]
fn ToDoList(todo: ToDoView) -> impl IntoView {
    let lang = use_lang();
    let c = todo.counts;
    let tile = |n: i64, label: T, href: &'static str| {
        view! {
            <li><a class="tile count-tile" class:pending={n > 0} href=href>
                <strong>{n}</strong> {label.tr(lang)}
            </a></li>
        }
    };
    let sessions = |cards: Vec<SessionCard>, heading: T, to: fn(i64) -> String| {
        (!cards.is_empty()).then(|| {
            view! {
                <h3>{heading.tr(lang)}</h3>
                <ul class="cards">
                    {cards.into_iter().map(|s| view! {
                        <li class="card tappable">
                            <a href=to(s.id)><strong>{s.title}</strong></a>
                            <p class="muted">{fmt_datetime(s.starts_at, lang)} " · " {s.platform_name}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <section id="todo">
            <h2>{T::ToDoTitle.tr(lang)}</h2>
            <ul class="tiles">
                {tile(c.today, T::ToDoToday, "#today")}
                {tile(c.to_record, T::ToDoToRecord, "#to-record")}
                {tile(c.to_review, T::ToDoToReview, "/manage/topics")}
                {tile(c.overdue, T::ToDoOverdue, "/manage/outcomes")}
            </ul>
            <div id="today">
                {sessions(todo.sessions.today, T::ToDoToday, |id| format!("/manage/sessions/{id}#check-in"))}
            </div>
            <div id="to-record">
                {sessions(todo.sessions.to_record, T::ToDoToRecord, |id| format!("/manage/sessions/{id}/closing"))}
            </div>
        </section>
    }
}

#[component]
fn Dashboard(me: Me, todo: Option<ToDoView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::Manage.tr(lang)/>
        <h1>{T::Manage.tr(lang)}</h1>
        <p class="lead">{T::WorkspaceIntro.tr(lang)}</p>
        {todo.map(|todo| view! { <ToDoList todo=todo/> })}
        <ul class="tiles">
            {me.is_staff.then(|| view! {
                <li><a class="tile" href="/manage/tallies">{T::FiguresTile.tr(lang)}</a></li>
                <li><a class="tile" href="/manage/members">{T::MemberTotalsTile.tr(lang)}</a></li>
                <li><a class="tile" href="/manage/audit">{T::AreaAuditTile.tr(lang)}</a></li>
                <li><a class="tile" href="/manage/areas">{T::ManageAreas.tr(lang)}</a></li>
                <li><a class="tile" href="/manage/platforms">{T::ManagePlatforms.tr(lang)}</a></li>
                <li><a class="tile" href="/manage/users">{T::Accounts.tr(lang)}</a></li>
            })}
            {(me.is_organizer && !me.is_staff).then(|| view! {
                <li><a class="tile" href="/manage/platforms">{T::YourPlatforms.tr(lang)}</a></li>
            })}
            <li><a class="tile" href="/manage/sessions">{T::ManageSessions.tr(lang)}</a></li>
            <li><a class="tile" href="/manage/import">{T::LedgerTile.tr(lang)}</a></li>
            <li><a class="tile" href="/manage/topics">{T::TopicsTitle.tr(lang)}</a></li>
            <li><a class="tile" href="/manage/outcomes">{T::FollowUpTile.tr(lang)}</a></li>
            <li><a class="tile" href="/account">{T::Account.tr(lang)}</a></li>
        </ul>
    }
}
