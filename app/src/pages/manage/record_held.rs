//! 补录: a session that was held without being planned here, entered afterwards with the people
//! on its paper sign-in sheet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::sessions::{choices, CoHosts};
use crate::{
    api::manage_sessions::{load_session_edit, RecordHeldSession, SessionEditView},
    components::{Hidden, LoadedForm, PostForm, SelectField, Submit, TextArea, TextField},
    domain::{SessionFormat, SessionKind},
    forms::FormState,
    i18n::{use_lang, T},
};

/// The form at `?platform=`.
#[component]
pub fn RecordHeldPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || query.read().get("platform").and_then(|s| s.parse().ok()),
        |platform| load_session_edit(None, platform, None),
    );
    view! { <LoadedForm data=data render=|v, state| view! { <RecordHeldForm view=v state=state/> }/> }
}

#[component]
fn RecordHeldForm(view: SessionEditView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let kinds = choices(SessionKind::ALL, SessionKind::code);
    let formats = choices(SessionFormat::ALL, SessionFormat::code);
    view! {
        <Title text=T::RecordHeldTitle.tr(lang)/>
        <p class="breadcrumb"><a href="/manage/sessions">{T::ManageSessions.tr(lang)}</a></p>
        <h1>{T::RecordHeldTitle.tr(lang)}</h1>
        <p class="lead">{view.platform_name.clone()}</p>
        <p>{T::RecordHeldIntro.tr(lang)}</p>
        <PostForm action={<RecordHeldSession as leptos::server_fn::ServerFn>::PATH} state=state>
            <Hidden name="platform_id" value=view.platform_id.to_string()/>
            <TextField name="title" label=T::SessionTitle/>
            <SelectField name="kind" label=T::SessionKindLabel options=kinds/>
            <SelectField name="format" label=T::SessionFormatLabel options=formats default="onsite".to_owned()/>
            <TextField name="format_local_name" label=T::FormatLocalName hint=T::FormatLocalNameHint optional=true/>
            <TextField name="place" label=T::Place/>
            <TextField name="starts_at" label=T::StartsAt kind="datetime-local"/>
            <TextField name="ends_at" label=T::EndsAt kind="datetime-local"/>
            <TextArea name="roster" label=T::Roster hint=T::RosterHint rows=10/>
            <CoHosts choices=view.cohost_choices.clone() chosen=Vec::new()/>
            <TextArea name="summary" label=T::SessionSummary optional=true/>
            <Submit label=T::RecordHeldSave/>
        </PostForm>
    }
}
