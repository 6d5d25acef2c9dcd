//! 覆盖率 on the figures page and the report, and the areas not yet covered behind each number.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::use_params;
use crate::{
    api::tallies::{load_uncovered, TallyParams},
    components::Loaded,
    domain::Period,
    i18n::{fmt_period, rate_text, use_lang, Label, T},
    views::tallies::{Coverage, Uncovered},
};

/// Coverage at each level, each uncovered count opening the list of those areas.
#[component]
pub fn CoverageTable(
    coverage: Vec<Coverage>,
    params: TallyParams,
    period: Period,
) -> impl IntoView {
    let lang = use_lang();
    let query = params.scope_query(period);
    (!coverage.is_empty()).then(|| {
        view! {
            <h2>{T::CoverageTitle.tr(lang)}</h2>
            <p class="hint">{T::CoverageHint.tr(lang)}</p>
            <table class="table figures">
                <thead><tr>
                    <th>{T::CoverageLevel.tr(lang)}</th>
                    <th>{T::CoverageCovered.tr(lang)}</th>
                    <th>{T::CoverageAreas.tr(lang)}</th>
                    <th>{T::CoverageTitle.tr(lang)}</th>
                    <th>{T::CoverageUncovered.tr(lang)}</th>
                </tr></thead>
                <tbody>
                    {coverage.into_iter().map(|c| {
                        let missing = c.areas - c.covered;
                        let href = format!("/manage/tallies/uncovered?{query}&level={}", c.level.code());
                        view! {
                            <tr>
                                <td>{c.level.label(lang)}</td>
                                <td class="num">{c.covered}</td>
                                <td class="num">{c.areas}</td>
                                <td class="num">{rate_text(c.rate(), lang)}</td>
                                <td class="num"><a href=href>{missing}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}

/// `/manage/tallies/uncovered?…&level=village`.
#[component]
pub fn UncoveredPage() -> impl IntoView {
    let params = use_params();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || (params(), query.read().get("level").unwrap_or_default()),
        |(params, level)| load_uncovered(params, level),
    );
    view! { <Loaded data=data render=|v| view! { <UncoveredList view=v/> }/> }
}

#[component]
fn UncoveredList(view: Uncovered) -> impl IntoView {
    let lang = use_lang();
    let heading = format!(
        "{} · {} · {} · {}",
        view.names.title(lang),
        fmt_period(view.period, lang),
        view.level.label(lang),
        T::UncoveredTitle.tr(lang)
    );
    view! {
        <Title text=heading.clone()/>
        <p><a href=format!("/manage/tallies?{}", view.params.scope_query(view.period))>{T::FiguresTile.tr(lang)}</a></p>
        <h1>{heading}</h1>
        <p class="counts">
            {T::CoverageTitle.tr(lang)} " " <strong>{rate_text(view.coverage.rate(), lang)}</strong>
        </p>
        {if view.areas.is_empty() {
            view! { <p>{T::UncoveredNone.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ul class="area-list">
                    {view.areas.into_iter().map(|a| view! {
                        <li><a href=format!("/manage/areas/{}", a.id)>{a.name}</a></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
