use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        areas::{load_area_public, AreaPublicView},
        platforms::PlatformCard,
    },
    components::{page_id, Breadcrumbs, Loaded},
    i18n::{use_lang, Label, T},
};

/// The front page: the top of the area tree, where a resident picks their district.
#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_area_public(None));
    view! { <Loaded data=data render=|v| view! { <AreaBrowse view=v home=true/> }/> }
}

/// One area: the areas below it and the platforms standing in it.
#[component]
pub fn AreaPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_area_public(Some(id)).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <Loaded data=data render=|v| view! { <AreaBrowse view=v home=false/> }/> }
}

#[component]
fn AreaBrowse(view: AreaPublicView, home: bool) -> impl IntoView {
    let lang = use_lang();
    let AreaPublicView {
        area,
        ancestors,
        children,
        platforms,
        remembered,
    } = view;
    let mut trail: Vec<(String, String)> = ancestors
        .iter()
        .map(|a| (format!("/areas/{}", a.id), a.name.clone()))
        .collect();
    trail.push((String::new(), area.name.clone()));
    let title = if home {
        T::AppName.tr(lang).to_owned()
    } else {
        area.name.clone()
    };
    let child_level = area.level.child();
    let below: i64 = children.iter().map(|c| c.platforms).sum();
    view! {
        <Title text=title/>
        {(!home).then(|| view! { <Breadcrumbs trail=trail/> })}
        <h1>{area.name.clone()}</h1>
        {remembered.map(|r| view! {
            <p class="notice">
                {T::YourArea.tr(lang)} " " <a href=format!("/areas/{}", r.id)>{r.name.clone()}</a>
                " · " <a href=format!("/sessions?area={}", r.id)>{T::UpcomingSessions.tr(lang)}</a>
            </p>
        })}
        {home.then(|| view! { <p class="lead">{T::ChooseYourArea.tr(lang)}</p> })}
        <p class="actions">
            <a class="button" href=format!("/sessions?area={}", area.id)>{T::UpcomingSessions.tr(lang)}</a>
            <a class="button secondary" href="/find">{T::MySignUps.tr(lang)}</a>
            <a href=format!("/areas/{}/calendar.ics", area.id)>{T::SubscribeCalendar.tr(lang)}</a>
        </p>
        {child_level.map(|level| view! {
            <section>
                <h2>{level.label(lang)}</h2>
                {if children.is_empty() {
                    view! { <p>{T::NoChildAreas.tr(lang)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="area-list">
                            {children.into_iter().map(|c| view! {
                                <li>
                                    <a href=format!("/areas/{}", c.area.id)>{c.area.name}</a>
                                    <span class="count">{c.platforms} " " {T::Platforms.tr(lang)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        <section>
            <h2>{T::PlatformsHere.tr(lang)}</h2>
            <PlatformCards platforms=platforms below=below/>
        </section>
    }
}

#[component]
fn PlatformCards(platforms: Vec<PlatformCard>, below: i64) -> impl IntoView {
    let lang = use_lang();
    if platforms.is_empty() {
        // A city or district seldom has platforms of its own level: say where they are.
        return if below > 0 {
            view! { <p>{T::NoPlatformsAtThisLevel.tr(lang)} " " <strong>{below}</strong> " " {T::PlatformsBelowChoose.tr(lang)}</p> }.into_any()
        } else {
            view! { <p>{T::NoPlatformsHere.tr(lang)}</p> }.into_any()
        };
    }
    view! {
        <ul class="cards">
            {platforms.into_iter().map(|p| view! {
                <li class="card tappable">
                    <a href=format!("/platforms/{}", p.id)><strong>{p.name}</strong></a>
                    <span class="tag">{p.kind.name(lang).to_owned()}</span>
                    {p.address.map(|a| view! { <p class="muted">{a}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
