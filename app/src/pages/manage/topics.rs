//! Organizers review the topics proposed at their platforms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::topics::{load_manage_topic, load_manage_topics, ManageTopic, ReviewTopic, TopicRow},
    components::{
        page_id, Hidden, Loaded, LoadedForm, PostForm, RadioGroup, SelectField, Submit, TextArea,
    },
    domain::TopicStatus,
    forms::FormState,
    i18n::{fmt_datetime, use_lang, Label, T},
    pages::TopicFactsView,
};

/// `?all=1` lists every topic; otherwise those awaiting review.
#[component]
pub fn ManageTopicsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || query.read().get("all").is_some_and(|v| v == "1"),
        load_manage_topics,
    );
    let all = move || query.read().get("all").is_some_and(|v| v == "1");
    view! { <Loaded data=data render=move |v| view! { <TopicList topics=v all=all()/> }/> }
}

#[component]
fn TopicList(topics: Vec<TopicRow>, all: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::TopicsTitle.tr(lang)/>
        <h1>{T::TopicsTitle.tr(lang)}</h1>
        <p class="chips">
            <a class="chip" href="/manage/topics" aria-current=(!all).then_some("page")>{T::PendingTopics.tr(lang)}</a>
            <a class="chip" href="/manage/topics?all=1" aria-current=all.then_some("page")>{T::AllTopics.tr(lang)}</a>
        </p>
        {if topics.is_empty() {
            view! { <p>{T::NoTopics.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {topics.into_iter().map(|t| view! {
                        <li class="card">
                            <a href=format!("/manage/topics/{}", t.id)><strong>{t.title}</strong></a>
                            <p class="muted">
                                {t.status.label(lang)} " · " {t.source.label(lang)} " · " {t.platform_name}
                                " · " {fmt_datetime(t.submitted_at, lang)}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
pub fn ManageTopicPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_manage_topic(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <LoadedForm data=data render=|v, state| view! { <TopicReview view=v state=state/> }/> }
}

#[component]
fn TopicReview(view: ManageTopic, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let t = view.topic.clone();
    let open = matches!(t.status, TopicStatus::Pending | TopicStatus::Accepted);
    let decisions = vec![
        ("accept".to_owned(), T::AcceptTopic.tr(lang).to_owned()),
        ("merge".to_owned(), T::MergeTopic.tr(lang).to_owned()),
        ("decline".to_owned(), T::DeclineTopic.tr(lang).to_owned()),
    ];
    let sessions: Vec<(String, String)> = view
        .open_sessions
        .iter()
        .map(|(id, title, at)| {
            (
                id.to_string(),
                format!("{} · {title}", fmt_datetime(*at, lang)),
            )
        })
        .collect();
    let targets: Vec<(String, String)> = view
        .merge_targets
        .iter()
        .map(|(id, title)| (id.to_string(), title.clone()))
        .collect();
    view! {
        <Title text=t.title.clone()/>
        <p><a href="/manage/topics">{T::TopicsTitle.tr(lang)}</a></p>
        <h1>{t.title.clone()}</h1>
        <p class="status-line"><strong>{t.status.label(lang)}</strong></p>
        <TopicFactsView topic=t.clone() sessions=view.sessions.clone()/>
        {view.photo_key.clone().map(|key| view! {
            <p class="files"><a href=format!("/files/{key}")><img src=format!("/files/{key}") alt=T::PhotoAttached.tr(lang) width="240"/></a></p>
        })}
        {(view.proposer_name.is_some() || view.proposer_mobile.is_some()).then(|| view! {
            <p>{T::ProposedBy.tr(lang)} "：" {view.proposer_name.clone().unwrap_or_default()} " " {view.proposer_mobile.clone().unwrap_or_default()}</p>
        })}
        {(!open).then(|| {
            // A decision posted after the topic closed (another reviewer was quicker).
            state
                .error_from(<ReviewTopic as leptos::server_fn::ServerFn>::PATH, "decision")
                .map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })
        })}
        {open.then(|| view! {
            <section>
                <h2>{T::DecisionLabel.tr(lang)}</h2>
                <PostForm action={<ReviewTopic as leptos::server_fn::ServerFn>::PATH} state=state>
                    <Hidden name="id" value=t.id.to_string()/>
                    <RadioGroup name="decision" label=T::DecisionLabel options=decisions/>
                    <SelectField name="session" label=T::AttachSession options=sessions optional=true/>
                    <SelectField name="merge_into" label=T::MergeInto options=targets optional=true/>
                    <TextArea name="reply" label=T::ReplyToProposer optional=true/>
                    <Submit label=T::ReviewButton/>
                </PostForm>
            </section>
        })}
    }
}
