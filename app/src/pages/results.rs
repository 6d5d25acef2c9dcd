use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::results::{load_results, ResultsView},
    components::{page_id, Loaded, OutcomeFacts, ProblemFacts, RatingLine, ReviewCards},
    i18n::{fmt_datetime, use_lang, T},
};

/// What a session decided and what became of it (反馈), for anyone: residents look it up from
/// their registration's page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_results(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <Loaded data=data render=|v| view! { <Results view=v/> }/> }
}

#[component]
fn Results(view: ResultsView) -> impl IntoView {
    let lang = use_lang();
    let s = view.card.clone();
    let r = view.ratings;
    view! {
        <Title text=format!("{} · {}", T::ResultsTitle.tr(lang), s.title)/>
        <p><a href=format!("/sessions/{}", s.id)>{s.title.clone()}</a></p>
        <h1>{T::ResultsTitle.tr(lang)}</h1>
        <p class="muted">{fmt_datetime(s.starts_at, lang)} " · " {s.place.clone()} " · " {s.platform_name.clone()}</p>
        {match view.key_points {
            None => view! { <p class="notice">{T::RateNotYet.tr(lang)}</p> }.into_any(),
            Some(points) => view! {
                <p>{T::AttendedTotal.tr(lang)} " " <strong>{view.attended}</strong></p>
                <section>
                    <h2>{T::KeyPoints.tr(lang)}</h2>
                    <p class="prose">{points}</p>
                    {(!view.consensus.is_empty()).then(|| view! {
                        <h2>{T::Consensus.tr(lang)}</h2>
                        <p class="prose">{view.consensus.clone()}</p>
                    })}
                </section>
            }.into_any(),
        }}
        {(!view.photos.is_empty()).then(|| view! {
            <ul class="files">
                {view.photos.iter().map(|a| {
                    let href = format!("/files/{}", a.storage_key);
                    view! { <li><img src=href alt=a.file_name.clone() loading="lazy" width="160"/></li> }
                }).collect_view()}
            </ul>
        })}
        <section>
            <h2>{T::OutcomesTitle.tr(lang)}</h2>
            {if view.outcomes.is_empty() {
                view! { <p class="muted">{T::NoOutcomes.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <ol class="cards">
                        {view.outcomes.into_iter().map(|o| view! { <li class="card"><OutcomeFacts outcome=o public=true/></li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section>
            <h2>{T::ProblemsTitle.tr(lang)}</h2>
            {if view.problems.is_empty() {
                view! { <p class="muted">{T::NoProblems.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <ol class="cards">
                        {view.problems.into_iter().map(|p| view! { <li class="card"><ProblemFacts problem=p/></li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        {(!view.reviews.is_empty()).then(|| view! {
            <section>
                <h2>{T::ReviewsTitle.tr(lang)}</h2>
                <ReviewCards reviews=view.reviews.clone()/>
            </section>
        })}
        {(r.total() > 0).then(|| view! {
            <section>
                <h2>{T::RatingsTitle.tr(lang)}</h2>
                <RatingLine tally=r/>
            </section>
        })}
    }
}
