use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::auth::{current_account, load_notice_mobile, ChangePassword, Me, SetNoticeMobile},
    components::{LoadedForm, PostForm, Submit, TextField},
    error::AppError,
    forms::FormState,
    i18n::{use_lang, Label, T},
};

/// The signed-in account: who it is, what it may do, and a password change.
#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new_blocking(
        || (),
        |_| async move {
            let me = current_account().await?.ok_or(AppError::Unauthenticated)?;
            let mobile = load_notice_mobile().await?;
            Ok::<_, AppError>((me, mobile))
        },
    );
    view! { <LoadedForm data=data render=|(me, mobile), state| view! { <AccountView me=me mobile=mobile state=state/> }/> }
}

#[component]
fn AccountView(me: Me, mobile: Option<String>, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let roles: Vec<&str> = [
        (me.is_admin, T::RoleAdmin.tr(lang)),
        (me.is_staff, T::RoleStaff.tr(lang)),
        (me.is_organizer, T::RoleOrganizer.tr(lang)),
    ]
    .into_iter()
    .filter_map(|(has, t)| has.then_some(t))
    .chain(me.member_level.map(|l| l.label(lang)))
    .collect();
    view! {
        <Title text=T::Account.tr(lang)/>
        <h1>{T::Account.tr(lang)}</h1>
        <dl class="facts">
            <dt>{T::SignedInAs.tr(lang)}</dt>
            <dd>{me.display_name} " (" {me.username} ")"</dd>
            {(!roles.is_empty()).then(|| view! { <dt>{T::Roles.tr(lang)}</dt><dd>{roles.join("、")}</dd> })}
        </dl>
        {me.member_level.is_some().then(|| view! {
            <p><a href=format!("/members/{}", me.user_id)>{T::MemberRecord.tr(lang)}</a></p>
        })}
        <h2>{T::NoticeMobile.tr(lang)}</h2>
        <PostForm action={<SetNoticeMobile as leptos::server_fn::ServerFn>::PATH} state=state.clone()>
            <TextField name="mobile" label=T::Mobile kind="tel" inputmode="tel" autocomplete="tel" optional=true
                hint=T::NoticeMobileHint default=mobile.unwrap_or_default()/>
            <Submit label=T::Save secondary=true/>
        </PostForm>
        <h2>{T::ChangePassword.tr(lang)}</h2>
        <PostForm action={<ChangePassword as leptos::server_fn::ServerFn>::PATH} state=state>
            <TextField name="current" label=T::CurrentPassword kind="password" autocomplete="current-password"/>
            <TextField name="new_password" label=T::NewPassword kind="password" hint=T::NewPasswordHint autocomplete="new-password"/>
            <TextField name="confirm" label=T::ConfirmPassword kind="password" autocomplete="new-password"/>
            <Submit label=T::ChangePassword/>
        </PostForm>
    }
}
