use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::lookup::{load_lookup, ForgetLookup, LookupView, ProveLookupCode, SendLookupCode},
    components::{LoadedForm, PostForm, Submit, TextField},
    forms::{FormState, FORM_FIELD},
    i18n::{fmt_datetime, use_lang, Label, Lang, T},
    views::lookup::{FoundRegistration, LookupStep},
};

/// 查询我的报名: the registrations made on this phone, and any number's once it is proven with
/// a code sent to it. Plain forms, one step per screen.
#[component]
pub fn LookupPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |()| load_lookup());
    view! { <LoadedForm data=data render=|v, state| view! { <Lookup view=v state=state/> }/> }
}

fn path<S: leptos::server_fn::ServerFn>() -> &'static str {
    S::PATH
}

#[component]
fn Lookup(view: LookupView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let LookupView {
        on_this_phone,
        by_number,
        step,
    } = view;
    view! {
        <Title text=T::FindMySignUps.tr(lang)/>
        <h1>{T::FindMySignUps.tr(lang)}</h1>
        <p class="lead">{T::FindLead.tr(lang)}</p>
        {(!on_this_phone.is_empty()).then(|| view! {
            <h2>{T::OnThisPhone.tr(lang)}</h2>
            <Found registrations=on_this_phone/>
        })}
        <section id="lookup">
            <h2>{T::ByNumber.tr(lang)}</h2>
            {if by_number {
                view! { <Step step=step state=state/> }.into_any()
            } else {
                view! { <p class="notice">{T::LookupNoSms.tr(lang)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Step(step: LookupStep, state: FormState) -> impl IntoView {
    let lang = use_lang();
    match step {
        LookupStep::Ask => {
            // A code that expired while being typed: its refusal is shown above the new request.
            let spent = state.error_from(path::<ProveLookupCode>(), FORM_FIELD);
            view! {
                {spent.map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })}
                <PostForm action={path::<SendLookupCode>()} state=state>
                    <TextField name="mobile" label=T::Mobile kind="tel" autocomplete="tel" inputmode="numeric" hint=T::LookupHint/>
                    <Submit label=T::SendLookupCode/>
                </PostForm>
            }
            .into_any()
        }
        LookupStep::Code { masked } => view! {
            <p>{T::LookupCodeSentTo.tr(lang)} " " <strong>{masked}</strong> {if lang == Lang::Zh { "。" } else { ". " }} {T::LookupCodeValid.tr(lang)}</p>
            <PostForm action={path::<ProveLookupCode>()} state=state.clone()>
                <TextField name="code" label=T::LookupCodeLabel autocomplete="one-time-code" inputmode="numeric"/>
                <Submit label=T::ShowMySignUps/>
            </PostForm>
            <PostForm action={path::<ForgetLookup>()} state=state>
                <Submit label=T::LookupAgain secondary=true/>
            </PostForm>
        }
        .into_any(),
        LookupStep::Found {
            masked,
            registrations,
        } => view! {
            <h3>{signups_of(&masked, lang)}</h3>
            {if registrations.is_empty() {
                view! { <p>{T::NoSignUpsOfNumber.tr(lang)}</p> }.into_any()
            } else {
                view! { <Found registrations=registrations/> }.into_any()
            }}
            <PostForm action={path::<ForgetLookup>()} state=state>
                <Submit label=T::LookupDone secondary=true/>
            </PostForm>
        }
        .into_any(),
    }
}

/// "138****5678 的报名" / "Sign-ups of 138****5678".
fn signups_of(masked: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{masked} {}", T::SignUpsOf.tr(lang)),
        Lang::En => format!("{} {masked}", T::SignUpsOf.tr(lang)),
    }
}

/// Registrations as cards, each opening its own page (its code, QR code and cancelling).
#[component]
fn Found(registrations: Vec<FoundRegistration>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="cards">
            {registrations.into_iter().map(|r| view! {
                <li class="card tappable">
                    <a href=format!("/r/{}", r.code)><strong>{r.title}</strong></a>
                    <span class="tag">{r.state.label(lang)}</span>
                    <p class="muted">{fmt_datetime(r.starts_at, lang)} " · " {r.place}</p>
                    <p>{T::RegistrationCode.tr(lang)} " " <code>{r.code.clone()}</code></p>
                </li>
            }).collect_view()}
        </ul>
    }
}
