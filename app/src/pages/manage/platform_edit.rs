use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::platforms::{
        load_platform_edit, CreatePlatform, MovePlatform, PlatformEditView, SetPlatformStatus,
        UpdatePlatform,
    },
    components::{page_id, Hidden, LoadedForm, PostForm, SelectField, Submit, TextArea, TextField},
    domain::{AreaLevel, PlatformStatus},
    forms::FormState,
    i18n::{use_lang, Label, T},
};

/// Staff create a platform (`?area=` preselects where).
#[component]
pub fn NewPlatformPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || query.read().get("area").and_then(|s| s.parse().ok()),
        |area| load_platform_edit(None, area),
    );
    view! { <LoadedForm data=data render=|v, state| view! { <PlatformForm view=v state=state/> }/> }
}

/// Staff or the platform's organizers edit it; staff also move and deactivate it.
#[component]
pub fn EditPlatformPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_platform_edit(Some(id), None).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <LoadedForm data=data render=|v, state| view! { <PlatformForm view=v state=state/> }/> }
}

/// Areas as select options, indented by level so the tree shows in a plain `<select>`.
fn area_options(view: &PlatformEditView) -> Vec<(String, String)> {
    view.area_choices
        .iter()
        .map(|a| {
            let depth = match a.level {
                AreaLevel::City => 0,
                AreaLevel::District => 1,
                AreaLevel::Township => 2,
                AreaLevel::Village => 3,
            };
            (
                a.id.to_string(),
                format!("{}{}", "\u{3000}".repeat(depth), a.name),
            )
        })
        .collect()
}

#[component]
fn PlatformForm(view: PlatformEditView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let areas = area_options(&view);
    let types: Vec<(String, String)> = view
        .types
        .iter()
        .map(|t| (t.code.clone(), t.name(lang).to_owned()))
        .collect();
    let p = view.platform.clone();
    let title = p
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| T::NewPlatform.tr(lang).to_owned());
    let action = match &p {
        Some(_) => <UpdatePlatform as leptos::server_fn::ServerFn>::PATH,
        None => <CreatePlatform as leptos::server_fn::ServerFn>::PATH,
    };
    let field = |f: fn(&crate::api::platforms::PlatformDetail) -> Option<String>| {
        p.as_ref().and_then(f).unwrap_or_default()
    };
    let name = field(|p| Some(p.name.clone()));
    let brand = field(|p| p.brand_name.clone());
    let type_code = field(|p| Some(p.kind.code.clone()));
    let convener = field(|p| p.convener.clone());
    let address = field(|p| p.address.clone());
    let description = field(|p| p.description.clone());
    let established = field(|p| Some(p.established_on.clone()));
    let stars = field(|p| p.star_rating.map(|s| s.to_string()));
    let editing = p.clone();
    let area_choices = areas.clone();
    let preselected = view
        .preselected_area
        .map(|a| a.to_string())
        .unwrap_or_default();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {p.as_ref().map(|p| view! {
            <p class="actions">
                <a href=format!("/platforms/{}", p.id)>{T::PublicPage.tr(lang)}</a>
                <span class="tag">{p.status.label(lang)}</span>
                <span class="muted">{p.area_name.clone()}</span>
            </p>
        })}
        <PostForm action=action state=state.clone()>
            {match &editing {
                Some(p) => view! { <Hidden name="id" value=p.id.to_string()/> }.into_any(),
                None => view! { <SelectField name="area_id" label=T::Area options=area_choices default=preselected/> }.into_any(),
            }}
            <TextField name="name" label=T::PlatformName default=name/>
            <TextField name="brand_name" label=T::BrandName hint=T::BrandNameHint optional=true default=brand/>
            <SelectField name="type_code" label=T::PlatformType options=types default=type_code/>
            <TextField name="convener" label=T::Convener optional=true default=convener/>
            <TextField name="address" label=T::Address optional=true default=address/>
            <TextArea name="description" label=T::Description optional=true default=description/>
            <TextField name="established_on" label=T::EstablishedOn kind="date" default=established/>
            <TextField name="star_rating" label=T::StarRating hint=T::StarRatingHint optional=true inputmode="numeric" default=stars/>
            <Submit label={if editing.is_some() { T::Save } else { T::Create }}/>
        </PostForm>
        {p.clone().filter(|_| view.manages_placement).map(|p| view! {
            <section>
                <h2>{T::MovePlatform.tr(lang)}</h2>
                <p class="hint">{T::MoveHint.tr(lang)}</p>
                <PostForm action={<MovePlatform as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=p.id.to_string()/>
                    <SelectField name="to_area_id" label=T::MoveTo options=areas/>
                    <TextField name="reason" label=T::MoveReason optional=true/>
                    <Submit label=T::MovePlatform secondary=true/>
                </PostForm>
                {(!view.moves.is_empty()).then(|| view! {
                    <h3>{T::MoveHistory.tr(lang)}</h3>
                    <ul>
                        {view.moves.iter().map(|m| view! {
                            <li>{m.moved_on.clone()} ": " {m.from_area.clone()} " → " {m.to_area.clone()}
                                {m.reason.clone().map(|r| format!(" ({r})"))}</li>
                        }).collect_view()}
                    </ul>
                })}
                <PostForm action={<SetPlatformStatus as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=p.id.to_string()/>
                    {match p.status {
                        PlatformStatus::Active => view! {
                            <Hidden name="status" value="inactive"/>
                            <Submit label=T::Deactivate secondary=true/>
                        }.into_any(),
                        PlatformStatus::Inactive => view! {
                            <Hidden name="status" value="active"/>
                            <Submit label=T::Activate secondary=true/>
                        }.into_any(),
                    }}
                </PostForm>
            </section>
        })}
    }
}
