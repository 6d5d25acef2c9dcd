use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::users::{load_users, CreateUser, GrantView, ResetPassword, SetUserActive, UsersView},
    components::{LoadedForm, PostForm, SelectField, Submit, TextField},
    domain::MemberLevel,
    forms::FormState,
    i18n::{use_lang, Label, Lang, T},
};

/// Staff and administrators: the accounts they oversee, and a form for a new one.
#[component]
pub fn UsersPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_users());
    view! { <LoadedForm data=data render=|v, state| view! { <Users view=v state=state/> }/> }
}

fn grant_text(g: &GrantView, lang: Lang) -> String {
    match g {
        GrantView::Admin => T::RoleAdmin.tr(lang).to_owned(),
        GrantView::Staff { area } => format!("{} · {area}", T::RoleStaff.tr(lang)),
        GrantView::Organizer { platform } => format!("{} · {platform}", T::RoleOrganizer.tr(lang)),
        GrantView::Member { level, sector } => format!("{} · {sector}", level.label(lang)),
    }
}

#[component]
fn Users(view: UsersView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let UsersView {
        users,
        areas,
        platforms,
    } = view;
    let kinds = vec![
        ("staff".to_owned(), T::RoleStaff.tr(lang).to_owned()),
        ("organizer".to_owned(), T::RoleOrganizer.tr(lang).to_owned()),
        ("member".to_owned(), T::RoleMember.tr(lang).to_owned()),
    ];
    let areas: Vec<(String, String)> = areas
        .into_iter()
        .map(|c| (c.id.to_string(), c.label))
        .collect();
    let platforms: Vec<(String, String)> = platforms
        .into_iter()
        .map(|c| (c.id.to_string(), c.label))
        .collect();
    let levels: Vec<(String, String)> = MemberLevel::ALL
        .iter()
        .map(|l| (l.code().to_owned(), l.label(lang).to_owned()))
        .collect();
    let set_active = <SetUserActive as leptos::server_fn::ServerFn>::PATH;
    let reset = <ResetPassword as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text=T::Accounts.tr(lang)/>
        <h1>{T::Accounts.tr(lang)}</h1>
        <table class="table">
            <thead><tr>
                <th>{T::Username.tr(lang)}</th>
                <th>{T::DisplayName.tr(lang)}</th>
                <th>{T::Roles.tr(lang)}</th>
                <th></th>
            </tr></thead>
            <tbody>
                {users.into_iter().map(|u| {
                    let roles = u.grants.iter().map(|g| grant_text(g, lang)).collect::<Vec<_>>().join("；");
                    let id = u.id.to_string();
                    view! {
                        <tr class:inactive=!u.active>
                            <td>{u.username}</td>
                            <td>{u.display_name}</td>
                            <td>{roles}</td>
                            <td>
                                {u.manageable.then(|| view! {
                                    <form method="post" action=set_active class="inline">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <input type="hidden" name="active" value={if u.active { "0" } else { "1" }}/>
                                        <button type="submit" class="link">
                                            {if u.active { T::Deactivate.tr(lang) } else { T::Activate.tr(lang) }}
                                        </button>
                                    </form>
                                    " "
                                    <form method="post" action=reset class="inline">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <button type="submit" class="link">{T::ResetPasswordButton.tr(lang)}</button>
                                    </form>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>{T::NewAccount.tr(lang)}</h2>
        <PostForm action={<CreateUser as leptos::server_fn::ServerFn>::PATH} state=state>
            <TextField name="username" label=T::Username hint=T::UsernameHint autocomplete="off"/>
            <TextField name="display_name" label=T::DisplayName/>
            <SelectField name="kind" label=T::AccountKind options=kinds/>
            <SelectField name="area_id" label=T::StaffOfArea options=areas optional=true/>
            <SelectField name="platform_id" label=T::OrganizerOfPlatform options=platforms optional=true/>
            <SelectField name="member_level" label=T::MemberLevel options=levels optional=true/>
            <TextField name="sector" label=T::Sector optional=true/>
            <Submit label=T::Create/>
        </PostForm>
    }
}
