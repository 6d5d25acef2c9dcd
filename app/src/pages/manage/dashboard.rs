use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::auth::{current_account, Me},
    components::Loaded,
    error::AppError,
    i18n::{use_lang, T},
};

/// Where a signed-in account starts: a link to each thing its roles let it manage.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new_blocking(
        || (),
        |_| async move { current_account().await?.ok_or(AppError::Unauthenticated) },
    );
    view! { <Loaded data=data render=|me| view! { <Dashboard me=me/> }/> }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::Manage.tr(lang)/>
        <h1>{T::Manage.tr(lang)}</h1>
        <p class="lead">{T::WorkspaceIntro.tr(lang)}</p>
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
