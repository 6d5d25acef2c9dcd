//! Members at the table: the organizer finds a member account by name and checks them in — at
//! the door, or afterwards from the sign-in sheet. The search is a plain GET form, so it works
//! without scripts on the organizer's phone.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::manage_sessions::{find_members, CheckInMember, MemberChoice},
    components::{Hidden, Loaded, PostForm, Submit},
    forms::FormState,
    i18n::{use_lang, Label, T},
};

/// Where the picker stands: the session's workspace (at the door) or its closing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerOn {
    Desk,
    Closing,
}

impl PickerOn {
    fn page(self, id: i64) -> String {
        match self {
            Self::Desk => format!("/manage/sessions/{id}"),
            Self::Closing => format!("/manage/sessions/{id}/closing"),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Desk => "desk",
            Self::Closing => "closing",
        }
    }
}

#[component]
pub fn MemberPicker(id: i64, on: PickerOn, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let typed = query.read_untracked().get("member_q").unwrap_or_default();
    let found = Resource::new_blocking(
        move || query.read().get("member_q").unwrap_or_default(),
        move |q| find_members(id, q),
    );
    let searched = !typed.trim().is_empty();
    // A refusal comes back without the search, so it shows here rather than in a member's row.
    let refused = (state.source == <CheckInMember as leptos::server_fn::ServerFn>::PATH)
        .then(|| state.errors.values().next().copied())
        .flatten();
    view! {
        <section id="members">
            <h3>{T::MembersAtTable.tr(lang)}</h3>
            {refused.map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })}
            <p class="hint">{T::MembersAtTableHint.tr(lang)}</p>
            <form method="get" action=format!("{}#members", on.page(id)) class="form">
                <div class="field">
                    <label for="member_q">{T::FindMember.tr(lang)}</label>
                    <input type="search" id="member_q" name="member_q" value=typed autocomplete="off" enterkeyhint="search"/>
                </div>
                <button type="submit" class="button secondary">{T::FindMemberButton.tr(lang)}</button>
            </form>
            <Loaded data=found render=move |members| view! {
                <Found id=id on=on members=members searched=searched state=state.clone()/>
            }/>
        </section>
    }
}

#[component]
fn Found(
    id: i64,
    on: PickerOn,
    members: Vec<MemberChoice>,
    searched: bool,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    if members.is_empty() {
        return searched
            .then(|| view! { <p>{T::NoMemberFound.tr(lang)}</p> })
            .into_any();
    }
    let rows = members
        .into_iter()
        .map(|m| {
            let about = [
                Some(m.level.label(lang).to_owned()),
                Some(m.sector.clone()),
                m.area_name.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let action = if m.attended {
                view! { <span class="chip">{T::MemberAlreadyIn.tr(lang)}</span> }.into_any()
            } else {
                view! {
                    <PostForm action={<CheckInMember as leptos::server_fn::ServerFn>::PATH}
                        state=state.clone() row=m.user_id.to_string()>
                        <Hidden name="id" value=id.to_string()/>
                        <Hidden name="member" value=m.user_id.to_string()/>
                        <Hidden name="back" value=on.code().to_owned()/>
                        <Submit label=T::MemberCheckInButton/>
                    </PostForm>
                }
                .into_any()
            };
            view! {
                <li class="member-found">
                    <span><strong>{m.name}</strong> " " <span class="muted">{about}</span></span>
                    {action}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="found-members">{rows}</ul> }.into_any()
}
