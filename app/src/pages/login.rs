use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::Login,
    components::{Hidden, PostForm, Submit, TextField},
    form_state::use_form_state,
    i18n::{use_lang, T},
};

/// Sign-in for staff, organizers and members. `?next=` names the page to return to.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    view! {
        <Title text=T::SignIn.tr(lang)/>
        <h1>{T::SignIn.tr(lang)}</h1>
        <p class="lead">{T::LoginHint.tr(lang)}</p>
        <PostForm action={<Login as leptos::server_fn::ServerFn>::PATH} state=use_form_state()>
            <Hidden name="next" value=next/>
            <TextField name="username" label=T::Username autocomplete="username"/>
            <TextField name="password" label=T::Password kind="password" autocomplete="current-password"/>
            <Submit label=T::SignIn/>
        </PostForm>
    }
}
