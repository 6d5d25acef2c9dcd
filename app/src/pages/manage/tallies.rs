//! 年度统计 for staff: a year and an area, against last year, by the next level of areas; the
//! headline numbers open the records behind them.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::tallies::{load_tallies, load_tally_records, Drill, TallyRecords, TallyView},
    components::Loaded,
    domain::{Figures, Rate},
    i18n::{fmt_date, use_lang, Lang, T},
};

fn query_number<N: std::str::FromStr>(key: &'static str) -> impl Fn() -> Option<N> {
    let query = use_query_map();
    move || query.read().get(key).and_then(|v| v.parse().ok())
}

#[component]
pub fn TalliesPage() -> impl IntoView {
    let (year, area) = (query_number::<i32>("year"), query_number::<i64>("area"));
    let data = Resource::new_blocking(move || (year(), area()), |(y, a)| load_tallies(y, a));
    view! { <Loaded data=data render=|v| view! { <Tallies view=v/> }/> }
}

/// The rows of the figures table: label, this year, last year, and the drill-down if any.
fn rows(f: &Figures, p: &Figures) -> Vec<(T, i64, i64, Option<Drill>)> {
    vec![
        (
            T::FigConsultations,
            f.consultations,
            p.consultations,
            Some(Drill::Consultations),
        ),
        (
            T::FigServices,
            f.services,
            p.services,
            Some(Drill::Services),
        ),
        (T::FigTopics, f.topics, p.topics, Some(Drill::Topics)),
        (
            T::FigTopicsTakenUp,
            f.topics_taken_up,
            p.topics_taken_up,
            None,
        ),
        (
            T::FigResidentVisits,
            f.resident_visits,
            p.resident_visits,
            Some(Drill::ResidentVisits),
        ),
        (
            T::FigMemberVisits,
            f.member_visits,
            p.member_visits,
            Some(Drill::MemberVisits),
        ),
        (
            T::FigSuggestions,
            f.suggestions,
            p.suggestions,
            Some(Drill::Suggestions),
        ),
        (
            T::FigProblemsResolved,
            f.problems_resolved,
            p.problems_resolved,
            Some(Drill::ProblemsResolved),
        ),
        (T::FigReviews, f.reviews, p.reviews, Some(Drill::Reviews)),
        (
            T::FigPlatformsActive,
            f.platforms_active,
            p.platforms_active,
            None,
        ),
        (T::FigPlatformsNew, f.platforms_new, p.platforms_new, None),
    ]
}

fn rate_text(rate: Rate) -> String {
    match rate.percent() {
        Some(p) => format!("{p:.1}%（{}/{}）", rate.part, rate.base),
        None => "—".to_owned(),
    }
}

/// The report's opening sentence, the way annual reports word it.
fn summary(lang: Lang, year: i32, area: &str, f: &Figures) -> String {
    match lang {
        Lang::Zh => format!(
            "{year}年，{area}共开展协商议事活动{}场，政策宣讲、技术服务等活动{}场，征集议题{}个，参与群众{}人次，委员参与{}人次，提出意见建议{}条，助力解决问题{}个。",
            f.consultations, f.services, f.topics, f.resident_visits, f.member_visits, f.suggestions, f.problems_resolved
        ),
        Lang::En => format!(
            "In {year}, {area} held {} consultation sessions and {} service activities, collected {} topics, counted {} resident and {} member visits, recorded {} suggestions and helped resolve {} problems.",
            f.consultations, f.services, f.topics, f.resident_visits, f.member_visits, f.suggestions, f.problems_resolved
        ),
    }
}

#[component]
fn Tallies(view: TallyView) -> impl IntoView {
    let lang = use_lang();
    let (year, area) = (view.year, view.area.clone());
    let f = view.figures;
    let here = move |y: i32| format!("/manage/tallies?year={y}&area={}", area.id);
    let drill = move |d: Drill| {
        format!(
            "/manage/tallies/records?year={year}&area={}&drill={}",
            view.area.id,
            d.code()
        )
    };
    let heading = format!("{} · {year}{}", view.area.name, T::TalliesTitle.tr(lang));
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <nav class="month-nav">
            <a href=here(year - 1) rel="prev">"‹ " {year - 1}</a>
            <a href=here(year + 1) rel="next">{year + 1} " ›"</a>
        </nav>
        <p class="lead">{summary(lang, year, &view.area.name, &f)}</p>
        <p class="actions">
            <a href=format!("/manage/tallies/export.csv?year={year}&area={}", view.area.id) download>{T::DownloadCsv.tr(lang)}</a>
            <a href=format!("/manage/tallies/export.xlsx?year={year}&area={}", view.area.id) download>{T::DownloadXlsx.tr(lang)}</a>
        </p>
        <table class="table figures">
            <thead><tr><th>{T::Figure.tr(lang)}</th><th>{year}</th><th>{year - 1}</th><th>{T::Change.tr(lang)}</th></tr></thead>
            <tbody>
                {rows(&f, &view.previous).into_iter().map(|(label, now, before, d)| {
                    let delta = now - before;
                    let number = match d {
                        Some(d) => view! { <a href=drill(d)>{now}</a> }.into_any(),
                        None => view! { <span>{now}</span> }.into_any(),
                    };
                    view! {
                        <tr>
                            <td>{label.tr(lang)}</td>
                            <td class="num">{number}</td>
                            <td class="num">{before}</td>
                            <td class="num">{if delta > 0 { format!("+{delta}") } else { delta.to_string() }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <dl class="facts">
            <dt>{T::ResolutionRate.tr(lang)}</dt><dd>{rate_text(f.resolution_rate())}</dd>
            <dt>{T::AdoptionRate.tr(lang)}</dt><dd>{rate_text(f.adoption_rate())}</dd>
            <dt>{T::SatisfactionRate.tr(lang)}</dt><dd>{rate_text(f.satisfaction_rate())}</dd>
        </dl>
        {(!view.children.is_empty()).then(|| view! {
            <h2>{T::ByArea.tr(lang)}</h2>
            <table class="table figures">
                <thead><tr>
                    <th>{T::AreaColumn.tr(lang)}</th>
                    <th>{T::FigConsultations.tr(lang)}</th>
                    <th>{T::FigServices.tr(lang)}</th>
                    <th>{T::FigResidentVisits.tr(lang)}</th>
                    <th>{T::FigSuggestions.tr(lang)}</th>
                    <th>{T::FigProblemsResolved.tr(lang)}</th>
                </tr></thead>
                <tbody>
                    {view.children.into_iter().map(|(a, c)| view! {
                        <tr>
                            <td><a href=format!("/manage/tallies?year={year}&area={}", a.id)>{a.name}</a></td>
                            <td class="num">{c.consultations}</td>
                            <td class="num">{c.services}</td>
                            <td class="num">{c.resident_visits}</td>
                            <td class="num">{c.suggestions}</td>
                            <td class="num">{c.problems_resolved}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[component]
pub fn TallyRecordsPage() -> impl IntoView {
    let (year, area) = (query_number::<i32>("year"), query_number::<i64>("area"));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            (
                year(),
                area(),
                query.read().get("drill").unwrap_or_default(),
            )
        },
        |(y, a, d)| load_tally_records(y, a, d),
    );
    view! { <Loaded data=data render=|v| view! { <Records view=v/> }/> }
}

#[component]
fn Records(view: TallyRecords) -> impl IntoView {
    let lang = use_lang();
    let label = view.drill.label();
    let heading = format!(
        "{} · {}{} · {}",
        view.area.name,
        view.year,
        T::YearSuffix.tr(lang),
        label.tr(lang)
    );
    let count = view.records.len();
    view! {
        <Title text=heading.clone()/>
        <p><a href=format!("/manage/tallies?year={}&area={}", view.year, view.area.id)>{T::FiguresTile.tr(lang)}</a></p>
        <h1>{heading}</h1>
        <p class="counts">{T::RecordCount.tr(lang)} " " <strong>{count}</strong></p>
        <table class="table">
            <tbody>
                {view.records.into_iter().map(|r| view! {
                    <tr>
                        <td>{fmt_date(r.date, lang)}</td>
                        <td>
                            <a href=r.link>{r.title}</a>
                            <br/><span class="muted">{r.area_name} " · " {r.platform_name}</span>
                            {r.detail.map(|d| view! { <br/><span>{d}</span> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
