//! 年度协商议事工作统计: the printable report of a period and a scope, A4, with the generated
//! sentences, the figures, charts of the monthly trend, the areas and the platform types, and
//! every breakdown. Its numbers open their records like the figures page's do.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    charts::{BarChart, ColumnChart},
    records_href, use_params, BreakdownTable,
};
use crate::{
    api::tallies::{load_tallies, Breakdown, Dimension, Drill, TallyView},
    components::Loaded,
    i18n::{
        figures_details as details, figures_summary as summary, fmt_date, fmt_period, rate_text,
        use_lang, Lang, T,
    },
};

#[component]
pub fn AnnualReportPage() -> impl IntoView {
    let params = use_params();
    let data = Resource::new_blocking(params, load_tallies);
    view! { <Loaded data=data render=|v| view! { <Report view=v/> }/> }
}

/// The bars of one figure across a breakdown's rows.
fn bars(
    breakdowns: &[Breakdown],
    dimension: Dimension,
    drills: &[Drill],
    lang: Lang,
) -> Vec<(String, i64)> {
    breakdowns
        .iter()
        .find(|b| b.dimension == dimension)
        .map(|b| {
            b.rows
                .iter()
                .map(|r| {
                    let total = b
                        .columns
                        .iter()
                        .zip(&r.counts)
                        .filter(|(d, _)| drills.contains(d))
                        .map(|(_, n)| n)
                        .sum();
                    let name = if lang == Lang::Zh {
                        &r.name.0
                    } else {
                        &r.name.1
                    };
                    let short = match dimension {
                        // '2026年3月' → '3月' under a column; the year is in the title.
                        Dimension::Month => name.split_once('年').map_or(name.as_str(), |(_, m)| m),
                        _ => name.as_str(),
                    };
                    (short.to_owned(), total)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What suggestions became, as reports say it: "意见建议转化为：纳入决策3条、领导批示2条。"; none
/// when no suggestion was converted.
fn conversions(breakdowns: &[Breakdown], lang: Lang) -> Option<String> {
    let rows = &breakdowns
        .iter()
        .find(|b| b.dimension == Dimension::Conversion)?
        .rows;
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| !r.key.is_empty() && r.counts.first().is_some_and(|n| *n > 0))
        .map(|r| match lang {
            Lang::Zh => format!("{}{}条", r.name.0, r.counts[0]),
            Lang::En => format!("{} {}", r.name.1, r.counts[0]),
        })
        .collect();
    (!parts.is_empty()).then(|| match lang {
        Lang::Zh => format!("意见建议转化为：{}。", parts.join("、")),
        Lang::En => format!("Suggestions became: {}.", parts.join(", ")),
    })
}

#[component]
fn Report(view: TallyView) -> impl IntoView {
    let lang = use_lang();
    let TallyView {
        params,
        period,
        names,
        figures: f,
        previous,
        breakdowns,
        today,
        coverage,
        ..
    } = view;
    let scope = names.title(lang);
    let heading = match lang {
        Lang::Zh => format!("{scope}{}协商议事工作统计", fmt_period(period, lang)),
        Lang::En => format!(
            "{scope}: consultation work in figures, {}",
            fmt_period(period, lang)
        ),
    };
    let sessions = [Drill::Consultations, Drill::Services];
    let monthly = bars(&breakdowns, Dimension::Month, &sessions, lang);
    let by_area = bars(&breakdowns, Dimension::Area, &sessions, lang);
    let by_type = bars(&breakdowns, Dimension::PlatformType, &sessions, lang);
    let chart_title = |what: &str| match lang {
        Lang::Zh => format!("{what}协商议事及服务活动（场）"),
        Lang::En => format!("Sessions and service activities {what}"),
    };
    view! {
        <Title text=heading.clone()/>
        <article class="report">
            <p class="no-print">
                <a href=format!("/manage/tallies?{}", params.scope_query(period))>{T::FiguresTile.tr(lang)}</a>
                " · " {T::ReportPrintHint.tr(lang)}
            </p>
            <h1>{heading}</h1>
            // Who issued it and when, as an office files it: under the title of the first page.
            <p class="issuer">
                {T::ReportIssuer.tr(lang)} {names.area.name.clone()} " · " {T::ReportMadeOn.tr(lang)} {fmt_date(today, lang)}
            </p>
            <p class="lead">{summary(lang, period, &scope, &f)}</p>
            <p>{details(lang, &f, &previous)}</p>
            {conversions(&breakdowns, lang).map(|text| view! { <p>{text}</p> })}
            <h2>{T::MainFigures.tr(lang)}</h2>
            <table class="table figures">
                <thead><tr>
                    <th>{T::Figure.tr(lang)}</th>
                    <th>{fmt_period(period, lang)}</th>
                    <th>{T::SameDaysLastYear.tr(lang)}</th>
                </tr></thead>
                <tbody>
                    {f.each().into_iter().zip(previous.each()).map(|((drill, now), (_, before))| view! {
                        <tr>
                            <td>{drill.label().tr(lang)}</td>
                            <td class="num"><a href=records_href(&params, period, drill, None)>{now}</a></td>
                            <td class="num">{before}</td>
                        </tr>
                    }).collect_view()}
                    <tr><td>{T::ResolutionRate.tr(lang)}</td><td class="num">{rate_text(f.resolution_rate(), lang)}</td><td class="num">{rate_text(previous.resolution_rate(), lang)}</td></tr>
                    <tr><td>{T::AdoptionRate.tr(lang)}</td><td class="num">{rate_text(f.adoption_rate(), lang)}</td><td class="num">{rate_text(previous.adoption_rate(), lang)}</td></tr>
                    <tr><td>{T::SatisfactionRate.tr(lang)}</td><td class="num">{rate_text(f.satisfaction_rate(), lang)}</td><td class="num">{rate_text(previous.satisfaction_rate(), lang)}</td></tr>
                </tbody>
            </table>
            <super::coverage::CoverageTable coverage=coverage params=params.clone() period=period/>
            <div class="charts">
                <ColumnChart title=chart_title(if lang == Lang::Zh { "各月" } else { "by month" }) bars=monthly/>
                {(by_area.len() > 1).then(|| view! {
                    <BarChart title=chart_title(if lang == Lang::Zh { "各区域" } else { "by area" }) bars=by_area/>
                })}
                <BarChart title=chart_title(if lang == Lang::Zh { "各类平台" } else { "by platform type" }) bars=by_type/>
            </div>
            {breakdowns.into_iter().filter(|b| !b.rows.is_empty()).map(|b| view! {
                <BreakdownTable breakdown=b params=params.clone() period=period/>
            }).collect_view()}
            <h2>{T::Definitions.tr(lang)}</h2>
            <p class="small">{T::DefinitionsText.tr(lang)}</p>
        </article>
    }
}
