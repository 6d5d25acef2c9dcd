//! `/checkin/CODE`, what a ticket's QR code opens: for the session's organizers, who it is and
//! one tap to check them in (a plain form, so a phone's camera or WeChat's scanner is enough);
//! for anyone else, nothing of the person.

use leptos::prelude::*;
use leptos_meta::Title;

use super::desk::{can_check_in, CheckInButton};
use crate::{
    api::manage_sessions::{load_check_in_link, CheckInLink},
    components::{page_code, LoadedForm},
    forms::FormState,
    i18n::{fmt_datetime, use_lang, Label, T},
};

#[component]
pub fn CheckInLinkPage() -> impl IntoView {
    let data = Resource::new_blocking(page_code(), load_check_in_link);
    view! { <LoadedForm data=data render=|v, state| view! { <CheckInLinkView link=v state=state/> }/> }
}

#[component]
fn CheckInLinkView(link: CheckInLink, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let body = match link {
        CheckInLink::Desk {
            session_id,
            title,
            starts_at,
            name,
            role,
            state: registration,
            code,
        } => view! {
            <p class="checkin-name"><strong>{name}</strong></p>
            <dl class="facts">
                <dt>{T::YourRole.tr(lang)}</dt><dd>{role.label(lang)}</dd>
                <dt>{T::Session.tr(lang)}</dt><dd>{title} " · " {fmt_datetime(starts_at, lang)}</dd>
                <dt>{T::RegistrationCode.tr(lang)}</dt><dd><code>{code.clone()}</code></dd>
            </dl>
            <p class="status-line"><strong>{registration.label(lang)}</strong></p>
            {can_check_in(registration).then(|| view! {
                <CheckInButton id=session_id.to_string() code=code label=T::ConfirmCheckIn state=state/>
            })}
            <p><a href=format!("/manage/sessions/{session_id}#check-in")>{T::BackToDesk.tr(lang)}</a></p>
        }
        .into_any(),
        CheckInLink::Holder { code, signed_in } => view! {
            <p>{T::TicketForStaff.tr(lang)}</p>
            <p><a class="button" href=format!("/r/{code}")>{T::SeeMyTicket.tr(lang)}</a></p>
            {(!signed_in).then(|| view! {
                <p><a href=format!("/login?next=/checkin/{code}")>{T::StaffSignInFirst.tr(lang)}</a></p>
            })}
        }
        .into_any(),
    };
    view! {
        <Title text=T::CheckInLinkTitle.tr(lang)/>
        <h1>{T::CheckInLinkTitle.tr(lang)}</h1>
        {body}
    }
}
