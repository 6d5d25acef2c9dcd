use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::platforms::{load_platform_list, PlatformManageList},
    components::Loaded,
    domain::PlatformStatus,
    i18n::{use_lang, Label, T},
};

/// The platforms a signed-in account manages: staff see their subtree (`?area=` narrows it),
/// organizers their own platforms.
#[component]
pub fn ManagePlatformsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("area").and_then(|s| s.parse().ok()),
                q.get("page").and_then(|s| s.parse().ok()),
            )
        },
        |(area, page)| load_platform_list(area, page),
    );
    view! { <Loaded data=data render=|v| view! { <PlatformTable view=v/> }/> }
}

#[component]
fn PlatformTable(view: PlatformManageList) -> impl IntoView {
    let lang = use_lang();
    let PlatformManageList {
        area,
        platforms,
        total,
        page,
        per_page,
    } = view;
    let area_param = area
        .as_ref()
        .map(|a| format!("area={}&", a.id))
        .unwrap_or_default();
    let pages = (total + per_page - 1) / per_page;
    let title = match &area {
        Some(a) => format!("{} · {}", a.name, T::Platforms.tr(lang)),
        None => T::YourPlatforms.tr(lang).to_owned(),
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {area.as_ref().map(|a| view! {
            <p class="actions">
                <a href=format!("/manage/platforms/new?area={}", a.id)>{T::NewPlatform.tr(lang)}</a>
                <a href=format!("/manage/areas/{}", a.id)>{T::ManageAreas.tr(lang)}</a>
            </p>
        })}
        <p class="muted">{T::Total.tr(lang)} " " {total}</p>
        <table class="table">
            <thead><tr>
                <th>{T::PlatformName.tr(lang)}</th>
                <th>{T::PlatformType.tr(lang)}</th>
                <th>{T::Area.tr(lang)}</th>
                <th>{T::Status.tr(lang)}</th>
            </tr></thead>
            <tbody>
                {platforms.into_iter().map(|p| view! {
                    <tr class:inactive=p.status == PlatformStatus::Inactive>
                        <td><a href=format!("/manage/platforms/{}", p.id)>{p.name}</a></td>
                        <td>{p.kind.name(lang).to_owned()}</td>
                        <td>{p.area_name}</td>
                        <td>{p.status.label(lang)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(pages > 1).then(|| view! {
            <nav class="pager">
                {(page > 1).then(|| view! {
                    <a href=format!("/manage/platforms?{area_param}page={}", page - 1)>{T::PreviousPage.tr(lang)}</a>
                })}
                <span>{page} " / " {pages}</span>
                {(page < pages).then(|| view! {
                    <a href=format!("/manage/platforms?{area_param}page={}", page + 1)>{T::NextPage.tr(lang)}</a>
                })}
            </nav>
        })}
    }
}
