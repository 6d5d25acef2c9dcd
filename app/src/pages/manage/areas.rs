use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::areas::{
        load_area_manage, AreaManageView, CreateArea, SaveDepartment, SetAreaActive,
        SetDepartmentActive, UpdateArea,
    },
    components::{page_id, Breadcrumbs, Hidden, LoadedForm, PostForm, Submit, TextField},
    forms::FormState,
    i18n::{use_lang, Label, T},
};

/// Staff manage one area of their subtree: its children, its name and code, and whether it is
/// active. Without an id, the top of the caller's scope.
#[component]
pub fn ManageAreasPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, load_area_manage);
    view! { <LoadedForm data=data render=|v, state| view! { <ManageArea view=v state=state/> }/> }
}

#[component]
fn ManageArea(view: AreaManageView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let AreaManageView {
        area,
        ancestors,
        children,
        manages_children,
        manages_self,
        departments,
    } = view;
    let mut trail: Vec<(String, String)> = ancestors
        .iter()
        .map(|a| (format!("/manage/areas/{}", a.id), a.name.clone()))
        .collect();
    trail.push((String::new(), area.name.clone()));
    let child_level = area.level.child();
    let set_active = <SetAreaActive as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text=format!("{} · {}", area.name, T::ManageAreas.tr(lang))/>
        <Breadcrumbs trail=trail/>
        <h1>{area.name.clone()} <small>{area.level.label(lang)}</small></h1>
        {(!area.active).then(|| view! { <p class="notice warning">{T::Inactive.tr(lang)}</p> })}
        <p class="actions">
            <a href=format!("/manage/platforms?area={}", area.id)>{T::ManagePlatforms.tr(lang)}</a>
            <a href=format!("/manage/platforms/new?area={}", area.id)>{T::NewPlatform.tr(lang)}</a>
            <a href=format!("/areas/{}", area.id)>{T::PublicPage.tr(lang)}</a>
        </p>
        {child_level.map(|level| view! {
            <section>
                <h2>{T::ChildAreas.tr(lang)} " · " {level.label(lang)}</h2>
                <table class="table">
                    <thead><tr>
                        <th>{T::AreaName.tr(lang)}</th>
                        <th>{T::AreaCode.tr(lang)}</th>
                        <th class="num">{T::PlatformCount.tr(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {children.into_iter().map(|c| view! {
                            <tr class:inactive=!c.area.active>
                                <td>
                                    <a href=format!("/manage/areas/{}", c.area.id)>{c.area.name}</a>
                                    {(!c.area.active).then(|| view! { " " <span class="tag">{T::Inactive.tr(lang)}</span> })}
                                </td>
                                <td>{c.area.code.unwrap_or_default()}</td>
                                <td class="num">{c.platforms}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {(manages_children && child_level.is_some()).then(|| view! {
            <section>
                <h2>{T::AddChildArea.tr(lang)}</h2>
                <PostForm action={<CreateArea as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="parent_id" value=area.id.to_string()/>
                    <TextField name="name" label=T::AreaName/>
                    <TextField name="code" label=T::AreaCode hint=T::AreaCodeHint optional=true inputmode="numeric"/>
                    <Submit label=T::Create/>
                </PostForm>
            </section>
        })}
        <Departments area_id=area.id departments=departments state=state.clone()/>
        {manages_self.then(|| view! {
            <section>
                <h2>{T::EditArea.tr(lang)}</h2>
                <PostForm action={<UpdateArea as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
                    <Hidden name="id" value=area.id.to_string()/>
                    <TextField name="name" label=T::AreaName default=area.name.clone()/>
                    <TextField name="code" label=T::AreaCode hint=T::AreaCodeHint optional=true
                        inputmode="numeric" default=area.code.clone().unwrap_or_default()/>
                    <Submit label=T::Save/>
                </PostForm>
                <PostForm action=set_active state=state.clone()>
                    <Hidden name="id" value=area.id.to_string()/>
                    <Hidden name="active" value={if area.active { "0" } else { "1" }}/>
                    <Submit label={if area.active { T::Deactivate } else { T::Activate }} secondary=true/>
                </PostForm>
            </section>
        })}
    }
}

/// The area's departments, whose contacts are told when a suggestion they lead is overdue, and
/// the form that adds one (or updates the contact of one of the same name).
#[component]
fn Departments(
    area_id: i64,
    departments: Vec<crate::views::areas::Department>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    let set_active = <SetDepartmentActive as leptos::server_fn::ServerFn>::PATH;
    view! {
        <section id="departments">
            <h2>{T::Departments.tr(lang)}</h2>
            <p class="hint">{T::DepartmentsHint.tr(lang)}</p>
            {(!departments.is_empty()).then(|| view! {
                <table class="table">
                    <thead><tr>
                        <th>{T::DepartmentName.tr(lang)}</th>
                        <th>{T::ContactName.tr(lang)}</th>
                        <th>{T::ContactMobile.tr(lang)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        {departments.into_iter().map(|d| view! {
                            <tr class:inactive=!d.active>
                                <td>
                                    {d.name}
                                    {(!d.active).then(|| view! { " " <span class="tag">{T::Inactive.tr(lang)}</span> })}
                                </td>
                                <td>{d.contact_name.unwrap_or_default()}</td>
                                <td>{d.contact_mobile.unwrap_or_default()}</td>
                                <td>
                                    <PostForm action=set_active state=state.clone()>
                                        <Hidden name="area_id" value=area_id.to_string()/>
                                        <Hidden name="id" value=d.id.to_string()/>
                                        <Hidden name="active" value={if d.active { "0" } else { "1" }}/>
                                        <Submit label={if d.active { T::Deactivate } else { T::Activate }} secondary=true/>
                                    </PostForm>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <h3>{T::AddDepartment.tr(lang)}</h3>
            <PostForm action={<SaveDepartment as leptos::server_fn::ServerFn>::PATH} state=state>
                <Hidden name="area_id" value=area_id.to_string()/>
                <TextField name="name" label=T::DepartmentName/>
                <TextField name="contact_name" label=T::ContactName optional=true/>
                <TextField name="contact_mobile" label=T::ContactMobile kind="tel" inputmode="tel" optional=true hint=T::ContactMobileHint/>
                <Submit label=T::Save/>
            </PostForm>
        </section>
    }
}
