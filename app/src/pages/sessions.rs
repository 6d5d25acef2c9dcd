use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::sessions::{
        load_public_session, load_public_sessions, PublicSession, PublicSessions, SessionCard,
        SignUp,
    },
    components::{page_id, Hidden, Loaded, LoadedForm, PostForm, SelectField, Submit, TextField},
    domain::{SessionKind, SessionStatus},
    forms::FormState,
    i18n::{fmt_datetime, fmt_time, use_lang, Label, T},
};

/// Upcoming sessions a resident can sign up for, narrowed by `?area=`, `?platform=`, `?kind=`
/// and `?from=` (a plain GET form, so filtering works without JavaScript).
#[component]
pub fn SessionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("area"),
                q.get("platform"),
                q.get("kind"),
                q.get("from"),
            )
        },
        |(area, platform, kind, from)| load_public_sessions(area, platform, kind, from),
    );
    view! { <Loaded data=data render=|v| view! { <SessionList view=v/> }/> }
}

#[component]
fn SessionList(view: PublicSessions) -> impl IntoView {
    let lang = use_lang();
    let place = view
        .platform
        .as_ref()
        .map(|(_, name)| name.clone())
        .or_else(|| view.area.as_ref().map(|a| a.name.clone()));
    let title = match &place {
        Some(p) => format!("{p} · {}", T::UpcomingSessions.tr(lang)),
        None => T::UpcomingSessions.tr(lang).to_owned(),
    };
    let kind_code = view.kind.map(|k| k.code()).unwrap_or_default();
    // Narrowing to a sub-area keeps the kind and date chosen.
    let keep = {
        let mut q = String::new();
        if !kind_code.is_empty() {
            q.push_str(&format!("&kind={kind_code}"));
        }
        if !view.from.is_empty() {
            q.push_str(&format!("&from={}", view.from));
        }
        q
    };
    let change_area = view
        .area
        .as_ref()
        .map(|a| format!("/areas/{}", a.id))
        .unwrap_or_else(|| "/".to_owned());
    let remembered = view
        .area
        .as_ref()
        .filter(|_| view.remembered)
        .map(|a| a.name.clone());
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {match remembered {
            Some(name) => view! {
                <p class="notice">
                    {T::ShowingRemembered.tr(lang)} <strong>{name}</strong> " · "
                    <a href=change_area>{T::ChangeArea.tr(lang)}</a> " · "
                    <a href="/sessions?area=all">{T::AllAreas.tr(lang)}</a>
                </p>
            }.into_any(),
            None => view! { <p><a href=change_area>{T::ChangeArea.tr(lang)}</a></p> }.into_any(),
        }}
        // Chips only where one leads somewhere: a row of zeros is no choice.
        {view.sub_areas.iter().any(|(_, n)| *n > 0).then(|| view! {
            <p class="chips">
                {view.sub_areas.iter().map(|(a, n)| view! {
                    <a class="chip" class:empty=*n == 0 href=format!("/sessions?area={}{keep}", a.id)>
                        {a.name.clone()} " " <span class="count">{*n}</span>
                    </a>
                }).collect_view()}
            </p>
        })}
        <form method="get" action="/sessions" class="form filters">
            {view.area.as_ref().map(|a| view! { <input type="hidden" name="area" value=a.id.to_string()/> })}
            {view.platform.as_ref().map(|(id, _)| view! { <input type="hidden" name="platform" value=id.to_string()/> })}
            <div class="field">
                <label for="filter-kind">{T::SessionKindLabel.tr(lang)}</label>
                <select id="filter-kind" name="kind">
                    <option value="" selected=kind_code.is_empty()>{T::AllKinds.tr(lang)}</option>
                    {SessionKind::ALL.iter().map(|k| view! {
                        <option value=k.code() selected=k.code() == kind_code>{k.label(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-from">{T::FromDate.tr(lang)}</label>
                <input type="date" id="filter-from" name="from" value=view.from.clone()/>
            </div>
            <button type="submit" class="button secondary">{T::Filter.tr(lang)}</button>
        </form>
        {if view.sessions.is_empty() {
            let parent = view.parent.clone();
            let nearby = view.nearby.clone();
            view! {
                <p class="notice warning">{T::NoUpcomingSessions.tr(lang)}</p>
                {parent.map(|p| view! {
                    <p><a class="button secondary" href=format!("/sessions?area={}", p.id)>
                        {T::SeeSessionsIn.tr(lang)} {p.name}
                    </a></p>
                })}
                {(!nearby.is_empty()).then(|| view! {
                    <h2>{T::SoonestElsewhere.tr(lang)}</h2>
                    <ul class="cards">
                        {nearby.into_iter().map(|s| view! { <SessionCardView card=s/> }).collect_view()}
                    </ul>
                })}
            }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {view.sessions.into_iter().map(|s| view! { <SessionCardView card=s/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// One session in a list: title, when, where, seats left.
#[component]
pub fn SessionCardView(card: SessionCard) -> impl IntoView {
    let lang = use_lang();
    let left = card.seats_left();
    view! {
        <li class="card tappable">
            <a href=format!("/sessions/{}", card.id)><strong>{card.title.clone()}</strong></a>
            <span class="tag">{card.kind.label(lang)}</span>
            <p class="muted">{fmt_datetime(card.starts_at, lang)} " · " {card.platform_name.clone()}</p>
            <p class="seats">
                {if !card.signup_open {
                    T::DeadlinePassed.tr(lang).to_owned()
                } else if left > 0 {
                    format!("{} {left}", T::SeatsLeft.tr(lang))
                } else {
                    T::FullWaitingList.tr(lang).to_owned()
                }}
            </p>
        </li>
    }
}

/// A session's page with the sign-up form.
#[component]
pub fn SessionPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_public_session(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <LoadedForm data=data render=|v, state| view! { <SessionView view=v state=state/> }/> }
}

#[component]
fn SessionView(view: PublicSession, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let PublicSession {
        card,
        summary,
        format_local_name,
        invited_roles,
        waiting,
        format,
        member,
        mine,
        coorganizers,
    } = view;
    let left = card.seats_left();
    let open = card.signup_open;
    let closed_notice =
        (card.status == SessionStatus::Published && !open).then_some(if card.started {
            T::SessionNotOpen
        } else {
            T::DeadlinePassed
        });
    let roles: Vec<(String, String)> = invited_roles
        .iter()
        .map(|r| (r.code().to_owned(), r.label(lang).to_owned()))
        .collect();
    let format_text = match format_local_name {
        Some(local) => format!("{}（{local}）", format.label(lang)),
        None => format.label(lang).to_owned(),
    };
    view! {
        <Title text=card.title.clone()/>
        <p><a href=format!("/platforms/{}", card.platform_id)>{card.platform_name.clone()}</a></p>
        <h1>{card.title.clone()}</h1>
        {(card.status == SessionStatus::Cancelled).then(|| view! {
            <p class="notice error">{T::SessionWasCancelled.tr(lang)}</p>
        })}
        {matches!(card.status, SessionStatus::Concluded | SessionStatus::Closed | SessionStatus::Reviewed).then(|| view! {
            <p><a class="button" href=format!("/sessions/{}/results", card.id)>{T::ResultsLink.tr(lang)}</a></p>
        })}
        <dl class="facts">
            <dt>{T::When.tr(lang)}</dt>
            <dd>{fmt_datetime(card.starts_at, lang)} "–" {fmt_time(card.ends_at)}</dd>
            <dt>{T::Where.tr(lang)}</dt><dd>{card.place.clone()}</dd>
            {(!coorganizers.is_empty()).then(|| view! {
                <dt>{T::CoHosts.tr(lang)}</dt>
                <dd>{coorganizers.into_iter().enumerate().map(|(i, (id, name))| view! {
                    {(i > 0).then_some("、")}<a href=format!("/platforms/{id}")>{name}</a>
                }).collect_view()}</dd>
            })}
            <dt>{T::Kind.tr(lang)}</dt><dd>{card.kind.label(lang)} " · " {format_text}</dd>
            <dt>{T::Seats.tr(lang)}</dt>
            <dd>{card.seats} " · " {T::SeatsLeft.tr(lang)} " " {left}
                {(waiting > 0).then(|| format!(" · {} {waiting}", T::Waiting.tr(lang)))}</dd>
            <dt>{T::SignUpBy.tr(lang)}</dt><dd>{fmt_datetime(card.signup_deadline, lang)}</dd>
        </dl>
        {(!summary.is_empty()).then(|| view! { <p class="description">{summary}</p> })}
        {closed_notice.map(|t| view! { <p class="notice warning">{t.tr(lang)}</p> })}
        {(!mine.is_empty()).then(|| view! {
            <div class="notice">
                <p>{T::YouSignedUpHere.tr(lang)}</p>
                <ul>
                    {mine.into_iter().map(|(code, name)| view! {
                        <li><a href=format!("/r/{code}")>{name} " · " {T::SeeMyRegistration.tr(lang)}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        {open.then(|| view! {
            <section id="sign-up">
                <h2>{if left > 0 { T::SignUpTitle.tr(lang) } else { T::JoinWaitingList.tr(lang) }}</h2>
                {(left == 0).then(|| view! { <p class="notice warning">{T::FullWaitingList.tr(lang)}</p> })}
                <PostForm action={<SignUp as leptos::server_fn::ServerFn>::PATH} state=state>
                    <Hidden name="session_id" value=card.id.to_string()/>
                    {member.as_ref().map(|(_, level)| view! {
                        <p class="notice">{T::SigningUpAsMember.tr(lang)} " · " {level.label(lang)}</p>
                    })}
                    <TextField name="name" label=T::YourName autocomplete="name" default=member.as_ref().map(|m| m.0.clone()).unwrap_or_default()/>
                    <TextField name="mobile" label=T::Mobile kind="tel" inputmode="tel" autocomplete="tel" hint=T::MobileHint/>
                    {(!roles.is_empty() && member.is_none()).then(|| view! {
                        <SelectField name="role" label=T::YourRole options=roles hint=T::InvitedRolesHint/>
                    })}
                    <ConsentField/>
                    <Submit label={if left > 0 { T::SignUpButton } else { T::JoinWaitingList }}/>
                </PostForm>
            </section>
        })}
        // Whether or not sign-up is open: the way back to a lost registration.
        <p class="hint"><a href="/find">{T::SignedUpBeforeFind.tr(lang)}</a></p>
    }
}

/// The explicit consent to use the mobile number, as a required checkbox.
#[component]
fn ConsentField() -> impl IntoView {
    let lang = use_lang();
    let (value, error) = crate::components::submitted("consent");
    let checked = value.as_deref() == Some("yes");
    view! {
        <div class="field consent" class:has-error=error.is_some()>
            {error.map(|e| view! { <p class="field-error" id="error-consent">{e.tr(lang)}</p> })}
            <label>
                <input type="checkbox" id="field-consent" name="consent" value="yes" required=true checked=checked/>
                " " {T::ConsentText.tr(lang)}
            </label>
        </div>
    }
}
