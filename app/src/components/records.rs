//! How a suggestion and a problem read on every page that lists them: the organizers' record
//! and the public results page.

use leptos::prelude::*;

use crate::{
    api::closing::{OutcomeRow, ProblemRow, RatingTally, ReviewRow},
    domain::Satisfaction,
    i18n::{fmt_date, use_lang, Label, T},
};

/// A suggestion as anyone reading its record sees it. The public (`public`) does not see the
/// follow-up light (正常, 临期, 超期): it is the organizers' working signal; its handling
/// status says the same in words people read.
#[component]
pub fn OutcomeFacts(outcome: OutcomeRow, #[prop(optional)] public: bool) -> impl IntoView {
    let lang = use_lang();
    let o = outcome;
    let helpers = o.helpers.join("、");
    view! {
        <p>
            {(!public).then(|| view! { <span class=format!("light light-{}", o.light.code())>{o.light.label(lang)}</span> " " })}
            {o.text.clone()}
        </p>
        <dl class="facts">
            <dt>{T::OutcomeFormLabel.tr(lang)}</dt><dd>{o.form.label(lang)}</dd>
            {o.proposer_name.clone().map(|p| view! { <dt>{T::Proposer.tr(lang)}</dt><dd>{p}</dd> })}
            {o.lead_department.clone().map(|d| view! { <dt>{T::LeadDepartment.tr(lang)}</dt><dd>{d}</dd> })}
            {(!helpers.is_empty()).then(|| view! { <dt>{T::HelperDepartments.tr(lang)}</dt><dd>{helpers}</dd> })}
            {o.deadline.map(|d| view! { <dt>{T::Deadline.tr(lang)}</dt><dd>{fmt_date(d, lang)}</dd> })}
            <dt>{T::HandlingStatusLabel.tr(lang)}</dt><dd>{o.handling_status.label(lang)}</dd>
            {o.result_class.map(|c| view! { <dt>{T::ResultClassLabel.tr(lang)}</dt><dd>{c.label(lang)}</dd> })}
            {o.adoption.map(|a| view! { <dt>{T::AdoptionLabel.tr(lang)}</dt><dd>{a.label(lang)}</dd> })}
            {o.conversion.map(|c| view! { <dt>{T::ConversionLabel.tr(lang)}</dt><dd>{c.label(lang)}</dd> })}
            {o.feedback_on.map(|d| view! { <dt>{T::FeedbackOn.tr(lang)}</dt><dd>{fmt_date(d, lang)}</dd> })}
        </dl>
    }
}

/// A problem as anyone reading its record sees it.
#[component]
pub fn ProblemFacts(problem: ProblemRow) -> impl IntoView {
    let lang = use_lang();
    let p = problem;
    let (light, text) = match p.resolved_on {
        Some(_) => ("done", T::Resolved),
        None => ("yellow", T::Unresolved),
    };
    view! {
        <p><span class=format!("light light-{light}")>{text.tr(lang)}</span> " " {p.description.clone()}</p>
        <dl class="facts">
            <dt>{T::RaisedOn.tr(lang)}</dt><dd>{fmt_date(p.raised_on, lang)}</dd>
            {p.resolved_on.map(|d| view! { <dt>{T::ResolvedOn.tr(lang)}</dt><dd>{fmt_date(d, lang)}</dd> })}
            {p.evidence.clone().map(|e| view! { <dt>{T::Evidence.tr(lang)}</dt><dd>{e}</dd> })}
        </dl>
    }
}

/// Follow-up visits, oldest first.
#[component]
pub fn ReviewCards(reviews: Vec<ReviewRow>) -> impl IntoView {
    let lang = use_lang();
    if reviews.is_empty() {
        return view! { <p class="muted">{T::NoReviews.tr(lang)}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {reviews.into_iter().map(|r| view! {
                <li class="card">
                    <strong>{fmt_date(r.reviewed_on, lang)}</strong> " · " {r.reviewer_kind.label(lang)}
                    <p>{r.findings}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The ratings counted, with the satisfaction rate ((满意 + 基本满意) / all) and its base.
#[component]
pub fn RatingLine(tally: RatingTally) -> impl IntoView {
    let lang = use_lang();
    let r = tally;
    if r.total() == 0 {
        return view! { <p class="muted">{T::NoRatings.tr(lang)}</p> }.into_any();
    }
    let share = (r.satisfied + r.basically_satisfied) as f64 * 100.0 / r.total() as f64;
    view! {
        <p class="rating-line">
            {Satisfaction::Satisfied.label(lang)} " " {r.satisfied} " · "
            {Satisfaction::BasicallySatisfied.label(lang)} " " {r.basically_satisfied} " · "
            {Satisfaction::Unsatisfied.label(lang)} " " {r.unsatisfied} " · "
            {format!("{} {share:.0}%", T::SatisfactionRate.tr(lang))}
        </p>
    }
    .into_any()
}
