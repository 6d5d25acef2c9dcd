//! Asks before a year's figures go public: publishing shows them to anyone, so it is a step of
//! its own (a page, so it works without scripts), not a button in the middle of the figures.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::published::{load_publish_confirm, PublishFigures},
    components::{Hidden, LoadedForm, PostForm, Submit},
    forms::FormState,
    i18n::{use_lang, Lang, T},
};

#[component]
pub fn PublishConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let (area, year) = query.with_untracked(|q| {
        (
            q.get("area").and_then(|a| a.parse::<i64>().ok()),
            q.get("year").and_then(|y| y.parse::<i32>().ok()),
        )
    });
    let data = Resource::new_blocking(move || area, load_publish_confirm);
    view! {
        <LoadedForm data=data render=move |name, state| view! {
            <Confirm area=area.unwrap_or_default() year=year.unwrap_or_default() name=name state=state/>
        }/>
    }
}

#[component]
fn Confirm(area: i64, year: i32, name: String, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let what = match lang {
        Lang::Zh => format!("{name}{year}年"),
        Lang::En => format!("{name}, {year}"),
    };
    let back = format!("/manage/tallies?year={year}&area={area}");
    view! {
        <Title text=T::PublishConfirmTitle.tr(lang)/>
        <h1>{T::PublishConfirmTitle.tr(lang)}</h1>
        <p class="lead"><strong>{what}</strong></p>
        <p>{T::PublishConfirmText.tr(lang)}</p>
        <PostForm action={<PublishFigures as ServerFn>::PATH} state=state>
            <Hidden name="area" value=area.to_string()/>
            <Hidden name="year" value=year.to_string()/>
            <Submit label=T::PublishConfirmButton/>
        </PostForm>
        <p><a class="button secondary" href=back>{T::PublishNotNow.tr(lang)}</a></p>
    }
}
