use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::members::{load_member_record, MemberRecord},
    components::{page_id, Loaded},
    domain::RegistrationState,
    i18n::{fmt_date, use_lang, Label, T},
};

/// 委员履职档案: for the member themselves and for staff.
#[component]
pub fn MemberRecordPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_member_record(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <Loaded data=data render=|v| view! { <Record record=v/> }/> }
}

#[component]
fn Record(record: MemberRecord) -> impl IntoView {
    let lang = use_lang();
    let attended = record
        .participations
        .iter()
        .filter(|p| p.state == RegistrationState::Attended)
        .count();
    let heading = format!("{} · {}", T::MemberRecord.tr(lang), record.name);
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <dl class="facts">
            <dt>{T::MemberLevelLabel.tr(lang)}</dt><dd>{record.level.label(lang)}</dd>
            <dt>{T::SectorLabel.tr(lang)}</dt><dd>{record.sector.clone()}</dd>
            {record.committee.clone().map(|c| view! { <dt>{T::Committee.tr(lang)}</dt><dd>{c}</dd> })}
            <dt>{T::AttendedTotal.tr(lang)}</dt><dd>{attended}</dd>
            <dt>{T::OutcomesTitle.tr(lang)}</dt><dd>{record.suggestions.len()}</dd>
        </dl>
        <section>
            <h2>{T::SessionsTakenPart.tr(lang)}</h2>
            {if record.participations.is_empty() {
                view! { <p class="muted">{T::NoSessionsYet.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{T::StartsAt.tr(lang)}</th>
                            <th scope="col">{T::SessionTitle.tr(lang)}</th>
                            <th scope="col">{T::StatusLabel.tr(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {record.participations.into_iter().map(|p| view! {
                                <tr>
                                    <td>{fmt_date(p.starts_at.date(), lang)}</td>
                                    <td><a href=format!("/sessions/{}", p.session_id)>{p.title}</a>
                                        <br/><span class="muted">{p.platform_name} " · " {p.kind.label(lang)}</span></td>
                                    <td>{p.state.label(lang)} " · " {p.member_level.label(lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>{T::SuggestionsMade.tr(lang)}</h2>
            {if record.suggestions.is_empty() {
                view! { <p class="muted">{T::NoOutcomes.tr(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {record.suggestions.into_iter().map(|s| view! {
                            <li class="card">
                                <p>{s.text}</p>
                                <p class="muted">
                                    <a href=format!("/sessions/{}/results", s.session_id)>{s.session_title}</a>
                                    " · " {fmt_date(s.starts_at.date(), lang)} " · " {s.handling_status.label(lang)}
                                    {s.adoption.map(|a| format!(" · {}", a.label(lang)))}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
