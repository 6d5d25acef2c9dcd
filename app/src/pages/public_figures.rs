//! 公开数据: the yearly figures staff have published, for anyone. Aggregates only, as they were
//! published; no record behind them is public.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::published::{load_published, PublishedFigures},
    components::Loaded,
    domain::Period,
    i18n::{figures_summary, fmt_date, rate_text, use_lang, T},
};

#[component]
pub fn PublicFiguresPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_published());
    view! { <Loaded data=data render=|v| view! { <Published list=v/> }/> }
}

#[component]
fn Published(list: Vec<PublishedFigures>) -> impl IntoView {
    let lang = use_lang();
    let empty = list.is_empty();
    view! {
        <Title text=T::PublicFiguresTitle.tr(lang)/>
        <h1>{T::PublicFiguresTitle.tr(lang)}</h1>
        <p class="lead">{T::PublicFiguresLead.tr(lang)}</p>
        {empty.then(|| view! { <p class="muted">{T::NothingPublished.tr(lang)}</p> })}
        {list.into_iter().map(|p| {
            let f = p.figures;
            let period = Period::year(p.year);
            view! {
                <section class="card" id=format!("figures-{}-{}", p.area_id, p.year)>
                    <h2>{p.area_name.clone()} " · " {p.year} {T::YearSuffix.tr(lang)}</h2>
                    {period.map(|period| view! { <p>{figures_summary(lang, period, &p.area_name, &f)}</p> })}
                    <dl class="facts">
                        <dt>{T::FigPlatformsActive.tr(lang)}</dt><dd>{f.platforms_active}</dd>
                        <dt>{T::FigReviews.tr(lang)}</dt><dd>{f.reviews}</dd>
                        <dt>{T::ResolutionRate.tr(lang)}</dt><dd>{rate_text(f.resolution_rate(), lang)}</dd>
                        <dt>{T::SatisfactionRate.tr(lang)}</dt><dd>{rate_text(f.satisfaction_rate(), lang)}</dd>
                    </dl>
                    <p class="muted small">{T::PublishedOn.tr(lang)} {fmt_date(p.published_at.date(), lang)}</p>
                </section>
            }
        }).collect_view()}
    }
}
