//! The records behind one number of the figures, a page at a time, each opening its record.

use leptos::prelude::*;
use leptos_meta::Title;

use super::use_params;
use crate::{
    api::tallies::{load_tally_records, TallyParams, TallyRecords},
    components::Loaded,
    i18n::{fmt_date, fmt_period, use_lang, Lang, T},
};

#[component]
pub fn TallyRecordsPage() -> impl IntoView {
    let params = use_params();
    let data = Resource::new_blocking(params, load_tally_records);
    view! { <Loaded data=data render=|v| view! { <Records view=v/> }/> }
}

#[component]
fn Records(view: TallyRecords) -> impl IntoView {
    let lang = use_lang();
    let TallyRecords {
        params,
        period,
        names,
        drill,
        split,
        total,
        page,
        records,
    } = view;
    let mut heading = format!(
        "{} · {} · {}",
        names.title(lang),
        fmt_period(period, lang),
        drill.label().tr(lang)
    );
    if let Some((by, _, (zh, en))) = &split {
        heading.push_str(&format!(
            " · {}：{}",
            by.label().tr(lang),
            if lang == Lang::Zh { zh } else { en }
        ));
    }
    let split_ref = split.as_ref().map(|(d, k, _)| (*d, k.as_str()));
    let query = params.records_query(period, drill, split_ref);
    let all_query = TallyParams {
        recorded: false,
        ..params.clone()
    }
    .records_query(period, drill, split_ref);
    let pages = (total + crate::api::tallies::PER_PAGE - 1) / crate::api::tallies::PER_PAGE;
    let page_link = |n: u32| format!("/manage/tallies/records?{query}&page={n}");
    view! {
        <Title text=heading.clone()/>
        <p><a href=format!("/manage/tallies?{}", params.scope_query(period))>{T::FiguresTile.tr(lang)}</a></p>
        <h1>{heading}</h1>
        <p class="counts">
            {T::RecordCount.tr(lang)} " " <strong>{total}</strong>
            {params.recorded.then(|| view! { " · " <span class="chip">{T::RecordedAfterwards.tr(lang)}</span> })}
        </p>
        <p class="actions">
            <a href=format!("/manage/tallies/records.csv?{query}") download>{T::ExportRecords.tr(lang)}</a>
            {drill.of_sessions().then(|| {
                let (href, label) = if params.recorded {
                    (all_query.clone(), T::AllRecords)
                } else {
                    (format!("{all_query}&recorded=1"), T::OnlyRecorded)
                };
                view! { <a href=format!("/manage/tallies/records?{href}")>{label.tr(lang)}</a> }
            })}
        </p>
        <p class="hint">{T::ExportStreams.tr(lang)}</p>
        <table class="table">
            <thead><tr>
                <th scope="col">{T::DateColumn.tr(lang)}</th>
                <th scope="col">{T::DetailColumn.tr(lang)}</th>
            </tr></thead>
            <tbody>
                {records.into_iter().map(|r| view! {
                    <tr>
                        <td>{fmt_date(r.date, lang)}</td>
                        <td>
                            <a href=r.link>{r.title}</a>
                            {r.recorded_afterwards.then(|| view! { " " <span class="chip">{T::RecordedAfterwards.tr(lang)}</span> })}
                            <br/><span class="muted">{r.area_name} " · " {r.platform_name}</span>
                            {r.detail.map(|d| view! { <br/><span>{d}</span> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(pages > 1).then(|| view! {
            <nav class="month-nav">
                {(page > 1).then(|| view! { <a href=page_link(page - 1) rel="prev">{T::PreviousPage.tr(lang)}</a> })}
                <span>{page} " / " {pages}</span>
                {(i64::from(page) < pages).then(|| view! { <a href=page_link(page + 1) rel="next">{T::NextPage.tr(lang)}</a> })}
            </nav>
        })}
    }
}
