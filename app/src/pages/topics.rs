//! Residents propose a topic from a platform's page (its poster's QR code leads there) and
//! follow it by its code.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::topics::{
        load_propose_form, load_topic_receipt, AttachTopicPhoto, ProposeForm, ProposeTopic,
        TopicFacts, TopicReceipt,
    },
    components::{
        page_code, page_id, submitted, Hidden, LoadedForm, PostForm, SelectField, Submit, TextArea,
        TextField,
    },
    domain::{TopicChannel, TopicSource},
    forms::FormState,
    i18n::{fmt_datetime, use_lang, Label, T},
};

#[component]
pub fn ProposeTopicPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_propose_form(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <LoadedForm data=data render=|v, state| view! { <Propose form=v state=state/> }/> }
}

#[component]
fn Propose(form: ProposeForm, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let via = use_query_map()
        .read_untracked()
        .get("via")
        .unwrap_or_default();
    let categories: Vec<(String, String)> = form
        .categories
        .iter()
        .map(|c| (c.code.clone(), c.name(lang).to_owned()))
        .collect();
    let sources: Vec<(String, String)> = TopicSource::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
        .collect();
    let channels: Vec<(String, String)> = TopicChannel::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.label(lang).to_owned()))
        .collect();
    view! {
        <Title text=format!("{} · {}", T::ProposeTopic.tr(lang), form.platform_name)/>
        <p><a href=format!("/platforms/{}", form.platform_id)>{form.platform_name.clone()}</a></p>
        <h1>{T::ProposeTopic.tr(lang)}</h1>
        <p class="lead">{T::ProposeTopicLead.tr(lang)}</p>
        <PostForm action={<ProposeTopic as leptos::server_fn::ServerFn>::PATH} state=state>
            <Hidden name="platform_id" value=form.platform_id.to_string()/>
            <Hidden name="via" value=via/>
            <TextField name="title" label=T::TopicTitle/>
            <TextArea name="description" label=T::TopicDescription/>
            <SelectField name="category" label=T::TopicCategory options=categories/>
            {form.recording.then(|| view! {
                <SelectField name="source" label=T::TopicSourceLabel options=sources.clone()/>
                <SelectField name="channel" label=T::TopicChannelLabel options=channels.clone()/>
            })}
            {(!form.as_member).then(|| view! {
                <TextField name="proposer_name" label=T::ProposerNameOptional optional=true autocomplete="name"/>
                <TextField name="proposer_mobile" label=T::ProposerMobileOptional kind="tel" inputmode="tel" optional=true autocomplete="tel"/>
                <Consent/>
            })}
            <Submit label=T::SubmitTopic/>
        </PostForm>
    }
}

/// The consent line for the optional number.
#[component]
fn Consent() -> impl IntoView {
    let lang = use_lang();
    let (kept, error) = submitted("consent");
    view! {
        <div class="field" class:has-error=error.is_some()>
            {error.map(|e| view! { <p class="field-error" id="error-consent">{e.tr(lang)}</p> })}
            <label class="checkbox">
                <input type="checkbox" id="field-consent" name="consent" value="yes" checked=kept.as_deref() == Some("yes")/>
                " " {T::TopicConsent.tr(lang)}
            </label>
        </div>
    }
}

#[component]
pub fn TopicReceiptPage() -> impl IntoView {
    let data = Resource::new_blocking(page_code(), load_topic_receipt);
    view! { <LoadedForm data=data render=|v, state| view! { <Receipt receipt=v state=state/> }/> }
}

#[component]
fn Receipt(receipt: TopicReceipt, state: FormState) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=format!("{} · {}", T::MyTopic.tr(lang), receipt.topic.title)/>
        <h1>{T::MyTopic.tr(lang)}</h1>
        <p class="status-line"><strong>{receipt.topic.status.label(lang)}</strong></p>
        <div class="ticket">
            <p class="muted">{T::TopicCode.tr(lang)}</p>
            <p class="code">{receipt.code.clone()}</p>
        </div>
        <TopicFactsView topic=receipt.topic.clone() sessions=receipt.sessions.clone()/>
        {if receipt.has_photo {
            let path = <AttachTopicPhoto as leptos::server_fn::ServerFn>::PATH;
            let again = state.error_from(path, "file");
            view! {
                {again.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                <p>{T::PhotoAttached.tr(lang)} " ✓"</p>
            }.into_any()
        } else {
            view! { <PhotoForm code=receipt.code.clone() state=state/> }.into_any()
        }}
        <p class="hint">{T::KeepTopicLink.tr(lang)}</p>
    }
}

/// The optional photo, as a plain multipart form.
#[component]
fn PhotoForm(code: String, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let path = <AttachTopicPhoto as leptos::server_fn::ServerFn>::PATH;
    let error = state.error_from(path, "file");
    view! {
        <section id="photo">
            <h2>{T::AddPhoto.tr(lang)}</h2>
            <PostForm action=path state=state multipart=true>
                <Hidden name="code" value=code/>
                <div class="field" class:has-error=error.is_some()>
                    <label for="field-file">{T::PhotoField.tr(lang)}</label>
                    {error.map(|e| view! { <p class="field-error" id="error-file">{e.tr(lang)}</p> })}
                    <input type="file" id="field-file" name="file" accept="image/jpeg,image/png" required/>
                </div>
                <Submit label=T::UploadButton secondary=true/>
            </PostForm>
        </section>
    }
}

/// A topic's facts, for its proposer and its reviewers alike.
#[component]
pub fn TopicFactsView(
    topic: TopicFacts,
    sessions: Vec<crate::api::topics::TopicSession>,
) -> impl IntoView {
    let lang = use_lang();
    let t = topic;
    view! {
        <dl class="facts">
            <dt>{T::TopicTitle.tr(lang)}</dt><dd>{t.title.clone()}</dd>
            <dt>{T::TopicDescription.tr(lang)}</dt><dd class="prose">{t.description.clone()}</dd>
            <dt>{T::TopicCategory.tr(lang)}</dt><dd>{t.category(lang).to_owned()}</dd>
            <dt>{T::TopicSourceLabel.tr(lang)}</dt><dd>{t.source.label(lang)} " · " {t.channel.label(lang)}</dd>
            <dt>{T::Host.tr(lang)}</dt><dd><a href=format!("/platforms/{}", t.platform_id)>{t.platform_name.clone()}</a></dd>
            <dt>{T::SubmittedAt.tr(lang)}</dt><dd>{fmt_datetime(t.submitted_at, lang)}</dd>
            {t.reply.clone().map(|r| view! { <dt>{T::Reply.tr(lang)}</dt><dd class="prose">{r}</dd> })}
            {t.merged_into_title.clone().map(|m| view! { <dt>{T::MergedInto.tr(lang)}</dt><dd>{m}</dd> })}
            {(!sessions.is_empty()).then(|| view! {
                <dt>{T::TakenUpAt.tr(lang)}</dt>
                <dd>
                    {sessions.into_iter().map(|(id, title, at)| view! {
                        <p><a href=format!("/sessions/{id}")>{title}</a> " · " {fmt_datetime(at, lang)}</p>
                    }).collect_view()}
                </dd>
            })}
        </dl>
    }
}
