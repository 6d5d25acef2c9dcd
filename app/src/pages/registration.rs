use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        registrations::{load_registration, CancelRegistration, RegistrationView},
        results::RateSession,
    },
    components::{page_code, Hidden, LoadedForm, PostForm, RadioGroup, Submit, TextField},
    domain::{RegistrationState, Satisfaction},
    forms::FormState,
    i18n::{fmt_datetime, fmt_time, use_lang, Label, T},
};

/// A registration's own page: its code and QR code for the door, its state, and cancelling.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let data = Resource::new_blocking(page_code(), load_registration);
    view! { <LoadedForm data=data render=|v, state| view! { <Registration view=v state=state/> }/> }
}

/// Asks before cancelling: a place given up may go to someone waiting at once, so one slip of
/// an elderly finger must not do it. A page of its own, so it works without scripts.
#[component]
pub fn CancelRegistrationPage() -> impl IntoView {
    let data = Resource::new_blocking(page_code(), load_registration);
    view! { <LoadedForm data=data render=|v, state| view! { <ConfirmCancel view=v state=state/> }/> }
}

#[component]
fn ConfirmCancel(view: RegistrationView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let s = view.session;
    let back = format!("/r/{}", view.code);
    let cancellable = matches!(
        view.state,
        RegistrationState::Registered | RegistrationState::Waitlisted
    );
    view! {
        <Title text=format!("{} · {}", T::CancelRegistration.tr(lang), s.title)/>
        <h1>{T::CancelConfirmTitle.tr(lang)}</h1>
        <dl class="facts">
            <dt>{T::Session.tr(lang)}</dt><dd>{s.title.clone()}</dd>
            <dt>{T::When.tr(lang)}</dt>
            <dd>{fmt_datetime(s.starts_at, lang)} "–" {fmt_time(s.ends_at)}</dd>
            <dt>{T::YourName.tr(lang)}</dt><dd>{view.name.clone()}</dd>
        </dl>
        {if cancellable {
            view! {
                <p>{T::CancelConfirmText.tr(lang)}</p>
                <PostForm action={<CancelRegistration as leptos::server_fn::ServerFn>::PATH} state=state>
                    <Hidden name="code" value=view.code.clone()/>
                    <Submit label=T::CancelConfirmButton/>
                </PostForm>
            }.into_any()
        } else {
            view! { <p class="status-line"><strong>{view.state.label(lang)}</strong></p> }.into_any()
        }}
        <p><a class="button secondary" href=back>{T::KeepRegistration.tr(lang)}</a></p>
    }
}

/// What the holder is told of the text message that confirmed their sign-up.
fn notice_text(state: crate::messages::DeliveryState) -> T {
    use crate::messages::DeliveryState as D;
    match state {
        D::Sent => T::NoticeSent,
        D::Queued | D::Failed => T::NoticeSending,
        D::GivenUp => T::NoticeNotSent,
    }
}

#[component]
fn Registration(view: RegistrationView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let s = view.session.clone();
    let cancellable = matches!(
        view.state,
        RegistrationState::Registered | RegistrationState::Waitlisted
    );
    // Once the results are out, the door is past: the page leads with the rating and the
    // results, and shows no QR code to scan.
    let over = view.results_published;
    let rating = if view.results_published && view.state == RegistrationState::Attended {
        view! { <Rating code=view.code.clone() rating=view.rating state=state.clone()/> }.into_any()
    } else {
        // A rating posted where none is offered (not there, or not yet): say why.
        let refused = state.error_from(
            <RateSession as leptos::server_fn::ServerFn>::PATH,
            "satisfaction",
        );
        refused
            .map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })
            .into_any()
    };
    let (rating_first, rating_later) = if over {
        (Some(rating), None)
    } else {
        (None, Some(rating))
    };
    let results = view.results_published.then(|| view! {
        <a class="button" href=format!("/sessions/{}/results", s.id)>{T::ResultsLink.tr(lang)}</a>
    });
    let (results_first, results_later) = if over {
        (results, None)
    } else {
        (None, results)
    };
    view! {
        <Title text=format!("{} · {}", T::MyRegistration.tr(lang), s.title)/>
        <h1>{T::MyRegistration.tr(lang)}</h1>
        <p class="status-line">
            <strong>{view.state.label(lang)}</strong>
            {view.waiting_position.map(|n| format!(" · {} {n}", T::WaitingPosition.tr(lang)))}
        </p>
        {results_first.map(|r| view! { <p class="actions">{r}</p> })}
        {rating_first}
        // A cancelled ticket is no ticket: no code or QR to show at the door, but a way back in.
        {if view.state == RegistrationState::Cancelled {
            view! {
                <p class="notice warning">{T::RegistrationWasCancelled.tr(lang)}</p>
                {s.signup_open.then(|| view! {
                    <p><a class="button" href=format!("/sessions/{}#sign-up", s.id)>{T::SignUpAgain.tr(lang)}</a></p>
                })}
            }.into_any()
        } else if over {
            ().into_any()
        } else {
            view! {
                <div class="ticket">
                    <p class="muted">{T::RegistrationCode.tr(lang)}</p>
                    <p class="code">{view.code.clone()}</p>
                    <div class="qr" inner_html=view.qr_svg.clone()></div>
                    <p class="hint">{T::ShowAtDoor.tr(lang)}</p>
                </div>
            }.into_any()
        }}
        {view.notice.map(|n| view! { <p class="hint">{notice_text(n).tr(lang)}</p> })}
        <dl class="facts">
            <dt>{T::Session.tr(lang)}</dt>
            <dd><a href=format!("/sessions/{}", s.id)>{s.title.clone()}</a></dd>
            <dt>{T::When.tr(lang)}</dt>
            <dd>{fmt_datetime(s.starts_at, lang)} "–" {fmt_time(s.ends_at)}</dd>
            <dt>{T::Where.tr(lang)}</dt><dd>{s.place.clone()}</dd>
            <dt>{T::YourName.tr(lang)}</dt><dd>{view.name.clone()}</dd>
            {view.mobile_masked.clone().map(|m| view! { <dt>{T::Mobile.tr(lang)}</dt><dd>{m}</dd> })}
            <dt>{T::YourRole.tr(lang)}</dt><dd>{view.role.label(lang)}</dd>
            {over.then(|| view! { <dt>{T::RegistrationCode.tr(lang)}</dt><dd><code>{view.code.clone()}</code></dd> })}
        </dl>
        <p class="actions">
            {results_later}
            <a href=format!("/sessions/{}/calendar.ics", s.id) download="session.ics">{T::AddToCalendar.tr(lang)}</a>
        </p>
        {rating_later}
        <p class="hint">{T::KeepThisLink.tr(lang)}</p>
        {cancellable.then(|| view! {
            <p><a class="button secondary" href=format!("/r/{}/cancel", view.code)>{T::CancelRegistration.tr(lang)}</a></p>
        })}
    }
}

/// A participant's rating of what came of the session: once, then shown.
#[component]
fn Rating(code: String, rating: Option<Satisfaction>, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let choices: Vec<(String, String)> = Satisfaction::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
        .collect();
    view! {
        <section id="rating">
            {match rating {
                Some(r) => {
                    // A second rating was refused: say so above the one that stands.
                    let again = state.error_from(<RateSession as leptos::server_fn::ServerFn>::PATH, "satisfaction");
                    view! {
                        {again.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                        <p>{T::YourRating.tr(lang)} "：" <strong>{r.label(lang)}</strong></p>
                    }.into_any()
                }
                None => view! {
                    <PostForm action={<RateSession as leptos::server_fn::ServerFn>::PATH} state=state>
                        <Hidden name="code" value=code/>
                        <RadioGroup name="satisfaction" label=T::RateTitle options=choices/>
                        <TextField name="comment" label=T::RatingComment optional=true/>
                        <Submit label=T::RateButton/>
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}
