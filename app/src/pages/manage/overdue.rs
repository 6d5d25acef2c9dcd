use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::closing::{load_overdue, OverdueOutcome},
    components::Loaded,
    i18n::{fmt_date, use_lang, Label, T},
};

/// 督办: every open suggestion due within a week or overdue, where the reader works.
#[component]
pub fn OverduePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_overdue());
    view! { <Loaded data=data render=|v| view! { <Overdue outcomes=v/> }/> }
}

#[component]
fn Overdue(outcomes: Vec<OverdueOutcome>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::OverdueTitle.tr(lang)/>
        <h1>{T::OverdueTitle.tr(lang)}</h1>
        {if outcomes.is_empty() {
            view! { <p>{T::NoOverdue.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {outcomes.into_iter().map(|o| view! {
                        <li class="card">
                            <p>
                                <span class=format!("light light-{}", o.light.code())>{o.light.label(lang)}</span>
                                " " {T::Deadline.tr(lang)} " " {fmt_date(o.deadline, lang)}
                                " · " {o.handling_status.label(lang)}
                            </p>
                            <p>{o.text.clone()}</p>
                            <p class="muted">
                                {o.lead_department.clone().unwrap_or_default()} " · " {o.platform_name.clone()} " · "
                                <a href=format!("/manage/sessions/{}/closing?outcome={}#outcome-{}", o.session_id, o.id, o.id)>{o.session_title.clone()}</a>
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
