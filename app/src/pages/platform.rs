use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::platforms::{load_platform_public, PlatformPublicView},
    components::{page_id, Breadcrumbs, Loaded},
    domain::PlatformStatus,
    i18n::{use_lang, T},
    pages::SessionCardView,
};

/// A platform's public page, the one its QR poster points to.
#[component]
pub fn PlatformPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_platform_public(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <Loaded data=data render=|v| view! { <PlatformView view=v/> }/> }
}

#[component]
fn PlatformView(view: PlatformPublicView) -> impl IntoView {
    let lang = use_lang();
    // Arrived by the poster's QR code: the topic form records that channel.
    let via = match use_query_map().read_untracked().get("via").as_deref() {
        Some("qr") => "?via=qr",
        _ => "",
    };
    let PlatformPublicView {
        platform: p,
        ancestors,
        upcoming,
    } = view;
    let mut trail: Vec<(String, String)> = ancestors
        .iter()
        .map(|a| (format!("/areas/{}", a.id), a.name.clone()))
        .collect();
    trail.push((String::new(), p.name.clone()));
    view! {
        <Title text=p.name.clone()/>
        <Breadcrumbs trail=trail/>
        <h1>{p.name.clone()}</h1>
        {(p.status == PlatformStatus::Inactive).then(|| view! {
            <p class="notice warning">{T::PlatformInactiveNotice.tr(lang)}</p>
        })}
        <dl class="facts">
            {p.brand_name.clone().map(|b| view! { <dt>{T::BrandName.tr(lang)}</dt><dd>{b}</dd> })}
            <dt>{T::PlatformType.tr(lang)}</dt><dd>{p.kind.name(lang).to_owned()}</dd>
            <dt>{T::Area.tr(lang)}</dt><dd>{p.area_name.clone()}</dd>
            {p.address.clone().map(|a| view! { <dt>{T::Address.tr(lang)}</dt><dd>{a}</dd> })}
            {p.convener.clone().map(|c| view! { <dt>{T::Convener.tr(lang)}</dt><dd>{c}</dd> })}
            {p.star_rating.map(|s| view! { <dt>{T::StarRating.tr(lang)}</dt><dd>{"★".repeat(s.clamp(0, 5) as usize)}</dd> })}
        </dl>
        {p.description.clone().map(|d| view! { <p class="description">{d}</p> })}
        {(p.status == PlatformStatus::Active).then(|| view! {
            <p><a class="button" href=format!("/platforms/{}/propose{}", p.id, via)>{T::ProposeTopic.tr(lang)}</a></p>
        })}
        <section>
            <h2>{T::UpcomingSessions.tr(lang)}</h2>
            {if upcoming.is_empty() {
                view! { <p>{T::NoUpcomingSessions.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {upcoming.into_iter().map(|s| view! { <SessionCardView card=s/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="actions">
                <a href=format!("/sessions?platform={}", p.id)>{T::AllSessions.tr(lang)}</a>
                <a href=format!("/platforms/{}/calendar.ics", p.id)>{T::SubscribeCalendar.tr(lang)}</a>
                <a href=format!("/platforms/{}/poster", p.id)>{T::Poster.tr(lang)}</a>
            </p>
        </section>
    }
}
