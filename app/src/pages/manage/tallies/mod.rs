//! 年度统计 for staff: a period and a scope, against the same days a year earlier, with every
//! breakdown; each number opens the records behind it.

mod charts;
mod coverage;
mod members;
mod publish_confirm;
mod records;
mod report;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use coverage::UncoveredPage;
pub use members::MemberTotalsPage;
pub use publish_confirm::PublishConfirmPage;
pub use records::TallyRecordsPage;
pub use report::AnnualReportPage;

use leptos::server_fn::ServerFn;

use crate::{
    api::{
        closed_years::{CloseYear, ReopenYear},
        published::WithdrawFigures,
        tallies::{load_tallies, Breakdown, Drill, TallyParams, TallyView},
    },
    components::{Hidden, LoadedForm, Notice, PostForm, Submit, TextField},
    domain::Period,
    forms::FormState,
    i18n::{figures_summary as summary, fmt_datetime, fmt_period, rate_text, use_lang, Lang, T},
};

/// The figures choices of the current URL.
fn use_params() -> impl Fn() -> TallyParams + Clone + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let q = query.read();
        TallyParams::from_query(|k| q.get(k))
    }
}

#[component]
pub fn TalliesPage() -> impl IntoView {
    let params = use_params();
    let data = Resource::new_blocking(params, load_tallies);
    view! { <LoadedForm data=data render=|v, state| view! { <Tallies view=v state=state/> }/> }
}

/// Where the records behind a number are.
fn records_href(
    params: &TallyParams,
    period: Period,
    drill: Drill,
    split: Option<(crate::domain::Dimension, &str)>,
) -> String {
    format!(
        "/manage/tallies/records?{}",
        params.records_query(period, drill, split)
    )
}

#[component]
fn Tallies(view: TallyView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let TallyView {
        params,
        period,
        names,
        figures: f,
        previous,
        breakdowns,
        platform_types,
        publishable,
        published_at,
        closed_years,
        today,
        coverage,
        ..
    } = view;
    let area_id = names.area.id;
    let title = names.title(lang);
    let heading = format!("{title} · {}", fmt_period(period, lang));
    let scope_query = params.scope_query(period);
    let year_link = period.whole_year().map(|y| {
        let at = |y: i32| {
            let mut p = params.clone();
            p.year = Some(y);
            format!(
                "/manage/tallies?{}",
                p.scope_query(Period::year(y).unwrap_or(period))
            )
        };
        view! {
            <nav class="month-nav">
                <a href=at(y - 1) rel="prev">"‹ " {y - 1}</a>
                <a href=at(y + 1) rel="next">{y + 1} " ›"</a>
            </nav>
        }
    });
    let drill_params = params.clone();
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        {year_link}
        <ScopeForm params=params.clone() period=period platform_types=platform_types/>
        <p class="lead">{summary(lang, period, &title, &f)}</p>
        <p class="actions">
            <a href=format!("/manage/tallies/report?{scope_query}")>{T::AnnualReport.tr(lang)}</a>
            <a href=format!("/manage/tallies/export.csv?{scope_query}") download>{T::DownloadCsv.tr(lang)}</a>
            <a href=format!("/manage/tallies/export.xlsx?{scope_query}") download>{T::DownloadXlsx.tr(lang)}</a>
        </p>
        <table class="table figures">
            <thead><tr>
                <th>{T::Figure.tr(lang)}</th>
                <th>{fmt_period(period, lang)}</th>
                <th>{T::SameDaysLastYear.tr(lang)}</th>
                <th>{T::Change.tr(lang)}</th>
            </tr></thead>
            <tbody>
                {f.each().into_iter().zip(previous.each()).map(|((drill, now), (_, before))| {
                    let delta = now - before;
                    view! {
                        <tr>
                            <td>{drill.label().tr(lang)}</td>
                            <td class="num"><a href=records_href(&drill_params, period, drill, None)>{now}</a></td>
                            <td class="num">{before}</td>
                            <td class="num">{if delta > 0 { format!("+{delta}") } else { delta.to_string() }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <dl class="facts">
            <dt>{T::ResolutionRate.tr(lang)}</dt><dd>{rate_text(f.resolution_rate(), lang)}</dd>
            <dt>{T::AdoptionRate.tr(lang)}</dt><dd>{rate_text(f.adoption_rate(), lang)}</dd>
            <dt>{T::SatisfactionRate.tr(lang)}</dt><dd>{rate_text(f.satisfaction_rate(), lang)}</dd>
        </dl>
        <coverage::CoverageTable coverage=coverage params=params.clone() period=period/>
        <Notice state=state.clone()/>
        {publishable.map(|year| view! {
            <Publishing area_id=area_id year=year published_at=published_at state=state.clone()/>
            <YearClosing area_id=area_id year=year today=today closed=closed_years.clone() state=state.clone()/>
        })}
        <h2>{T::Breakdowns.tr(lang)}</h2>
        {breakdowns.into_iter().filter(|b| !b.rows.is_empty()).map(|b| view! {
            <BreakdownTable breakdown=b params=params.clone() period=period/>
        }).collect_view()}
    }
}

/// Making the year's figures public, or taking them back: the public sees exactly what was
/// published, as it was then, until it is published again.
#[component]
fn Publishing(
    area_id: i64,
    year: i32,
    published_at: Option<chrono::NaiveDateTime>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    // Publishing asks first, on a page of its own.
    let confirm = format!("/manage/tallies/publish?year={year}&area={area_id}");
    let hidden = move || {
        view! {
            <Hidden name="area" value=area_id.to_string()/>
            <Hidden name="year" value=year.to_string()/>
        }
    };
    view! {
        <section class="publishing">
            <h2>{T::PublicFigures.tr(lang)}</h2>
            {match published_at {
                Some(at) => view! {
                    <p>{T::PublishedOn.tr(lang)} {fmt_datetime(at, lang)} " · " <a href="/figures">{T::SeePublicPage.tr(lang)}</a></p>
                    <p><a class="button" href=confirm.clone()>{T::PublishAgain.tr(lang)}</a></p>
                    <PostForm action={<WithdrawFigures as ServerFn>::PATH} state=state.clone()>
                        {hidden()}
                        <Submit label=T::WithdrawFigures secondary=true/>
                    </PostForm>
                }.into_any(),
                None => view! {
                    <p class="hint">{T::PublishHint.tr(lang)}</p>
                    <p><a class="button" href=confirm.clone()>{T::PublishFigures.tr(lang)}</a></p>
                }.into_any(),
            }}
        </section>
    }
}

/// Closing a past year once its report is filed, or reopening it (with a reason) where it was
/// closed.
#[component]
fn YearClosing(
    area_id: i64,
    year: i32,
    today: chrono::NaiveDate,
    closed: Vec<crate::views::tallies::ClosedYear>,
    state: FormState,
) -> impl IntoView {
    use chrono::Datelike;
    let lang = use_lang();
    let hidden = move || {
        view! {
            <Hidden name="area" value=area_id.to_string()/>
            <Hidden name="year" value=year.to_string()/>
        }
    };
    let this_year = closed.into_iter().find(|c| c.year == year);
    let body = match this_year {
        Some(c) => {
            let here = c.area_id == area_id;
            view! {
                <p><strong>{T::YearClosedLabel.tr(lang)}</strong> " · " {c.area_name}</p>
                {here.then(|| view! {
                    <PostForm action={<ReopenYear as ServerFn>::PATH} state=state.clone()>
                        {hidden()}
                        <TextField name="reason" label=T::ReopenReason/>
                        <Submit label=T::ReopenYear secondary=true/>
                    </PostForm>
                })}
            }
            .into_any()
        }
        None if year < today.year() => view! {
            <PostForm action={<CloseYear as ServerFn>::PATH} state=state.clone()>
                {hidden()}
                <Submit label=T::CloseYear secondary=true/>
            </PostForm>
        }
        .into_any(),
        None => ().into_any(),
    };
    view! {
        <section class="publishing" id="closing-year">
            <h2>{T::ClosedYearsTitle.tr(lang)}</h2>
            <p class="hint">{T::ClosedYearsHint.tr(lang)}</p>
            {body}
        </section>
    }
}

/// The choice of period and platform type, as a plain GET form.
#[component]
fn ScopeForm(
    params: TallyParams,
    period: Period,
    platform_types: Vec<crate::api::platforms::PlatformType>,
) -> impl IntoView {
    let lang = use_lang();
    let ranged = period.whole_year().is_none();
    view! {
        <form method="get" action="/manage/tallies" class="form filters">
            <input type="hidden" name="area" value=params.area.map(|a| a.to_string())/>
            {params.platform.map(|p| view! { <input type="hidden" name="platform" value=p.to_string()/> })}
            <div class="field">
                <label for="scope-year">{T::YearColumn.tr(lang)}</label>
                <input type="number" id="scope-year" name="year" min="2000" max="2100" inputmode="numeric"
                    value=period.from().format("%Y").to_string()/>
            </div>
            <div class="field">
                <label for="scope-type">{T::ByPlatformType.tr(lang)}</label>
                <select id="scope-type" name="type">
                    <option value="">{T::AllPlatformTypes.tr(lang)}</option>
                    {platform_types.into_iter().map(|t| {
                        let selected = params.platform_type.as_deref() == Some(t.code.as_str());
                        let name = t.name(lang).to_owned();
                        view! { <option value=t.code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <details class="field" open=ranged>
                <summary>{T::OtherPeriod.tr(lang)}</summary>
                <div class="field">
                    <label for="scope-from">{T::PeriodFrom.tr(lang)}</label>
                    <input type="date" id="scope-from" name="from" value=ranged.then(|| period.from().to_string())/>
                </div>
                <div class="field">
                    <label for="scope-to">{T::PeriodTo.tr(lang)}</label>
                    <input type="date" id="scope-to" name="to" value=ranged.then(|| period.to().to_string())/>
                </div>
            </details>
            <button type="submit" class="button secondary">{T::ShowFigures.tr(lang)}</button>
        </form>
    }
}

/// One breakdown: a row per value, a column per figure, each number opening its records.
#[component]
fn BreakdownTable(breakdown: Breakdown, params: TallyParams, period: Period) -> impl IntoView {
    let lang = use_lang();
    let Breakdown {
        dimension,
        columns,
        rows,
    } = breakdown;
    let header = columns.clone();
    view! {
        <section class="breakdown" id=format!("by-{}", dimension.code())>
            <h3>{dimension.label().tr(lang)}</h3>
            <div class="scroll">
            <table class="table figures">
                <thead><tr>
                    <th></th>
                    {header.into_iter().map(|d| view! { <th>{d.label().tr(lang)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let name = if lang == Lang::Zh { row.name.0.clone() } else { row.name.1.clone() };
                        let name = match row.area_id {
                            Some(id) => {
                                let mut p = params.clone();
                                p.area = Some(id);
                                view! { <a href=format!("/manage/tallies?{}", p.scope_query(period))>{name}</a> }.into_any()
                            }
                            None => view! { <span>{name}</span> }.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {columns.iter().zip(row.counts).map(|(&drill, n)| view! {
                                    <td class="num">
                                        <a href=records_href(&params, period, drill, Some((dimension, &row.key)))>{n}</a>
                                    </td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
