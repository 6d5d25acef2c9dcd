//! 委员履职统计: every member of the staff member's area with their totals for the period, and
//! the same as CSV for 履职考核.

use leptos::prelude::*;
use leptos_meta::Title;

use super::use_params;
use crate::{
    api::members::{load_member_totals, MemberTotalsView},
    components::Loaded,
    domain::Period,
    i18n::{fmt_period, use_lang, Label, T},
};

#[component]
pub fn MemberTotalsPage() -> impl IntoView {
    let params = use_params();
    let data = Resource::new_blocking(params, load_member_totals);
    view! { <Loaded data=data render=|v| view! { <MemberTotalsList view=v/> }/> }
}

#[component]
fn MemberTotalsList(view: MemberTotalsView) -> impl IntoView {
    let lang = use_lang();
    let heading = format!(
        "{} · {} · {}",
        T::MemberTotalsTitle.tr(lang),
        view.names.title(lang),
        fmt_period(view.period, lang)
    );
    let query = view.params.scope_query(view.period);
    let year_links = view.period.whole_year().map(|year| {
        let link = |y: i32| {
            let params = crate::views::tallies::TallyParams {
                year: Some(y),
                ..view.params.clone()
            };
            let period = Period::year(y).unwrap_or(view.period);
            format!("/manage/members?{}", params.scope_query(period))
        };
        view! {
            <nav class="month-nav" aria-label=T::MemberTotalsTitle.tr(lang)>
                <a href=link(year - 1) rel="prev">"‹ " {year - 1}</a>
                <a href=link(year + 1) rel="next">{year + 1} " ›"</a>
            </nav>
        }
    });
    let rows = view
        .members
        .into_iter()
        .map(|m| {
            view! {
                <tr>
                    <td><a href=format!("/members/{}", m.user_id)>{m.name}</a></td>
                    <td>{m.level.label(lang)}</td>
                    <td>{m.sector}</td>
                    <td>{m.area_name.unwrap_or_default()}</td>
                    <td class="num">{m.attended}</td>
                    <td class="num">{m.grassroots}</td>
                    <td class="num">{m.absent}</td>
                    <td class="num">{m.leave}</td>
                    <td class="num">{m.suggestions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone()/>
        <p><a href=format!("/manage/tallies?{query}")>{T::FiguresTile.tr(lang)}</a></p>
        <h1>{heading}</h1>
        {year_links}
        <p class="hint">{T::MemberTotalsHint.tr(lang)}</p>
        <p><a href=format!("/manage/members.csv?{query}") download="">{T::MemberTotalsExport.tr(lang)}</a></p>
        <div class="scroll">
            <table class="table">
                <thead><tr>
                    <th scope="col">{T::MemberColumn.tr(lang)}</th>
                    <th scope="col">{T::MemberLevelColumn.tr(lang)}</th>
                    <th scope="col">{T::SectorColumn.tr(lang)}</th>
                    <th scope="col">{T::HomeAreaColumn.tr(lang)}</th>
                    <th scope="col" class="num">{T::AttendedColumn.tr(lang)}</th>
                    <th scope="col" class="num">{T::GrassrootsColumn.tr(lang)}</th>
                    <th scope="col" class="num">{T::AbsentColumn.tr(lang)}</th>
                    <th scope="col" class="num">{T::LeaveColumn.tr(lang)}</th>
                    <th scope="col" class="num">{T::SuggestionsColumn.tr(lang)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
