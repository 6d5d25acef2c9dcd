//! Pages made for paper (A4, print stylesheet): posters with QR codes and the sign-in sheet.
//! On screen they show a print button; printed, only the sheet itself.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::printouts::{
        load_platform_poster, load_session_poster, load_sign_in_sheet, Poster, SignInSheet,
    },
    components::{page_id, Loaded},
    i18n::{fmt_datetime, fmt_time, use_lang, Label, T},
};

/// Blank lines at the foot of a sign-in sheet, for walk-ins.
const BLANK_ROWS: usize = 8;

#[component]
pub fn SessionPosterPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_session_poster(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <Loaded data=data render=|p| view! { <PosterSheet poster=p/> }/> }
}

#[component]
pub fn PlatformPosterPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_platform_poster(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <Loaded data=data render=|p| view! { <PosterSheet poster=p/> }/> }
}

#[component]
fn PrintButton() -> impl IntoView {
    let lang = use_lang();
    // A plain link to the browser's print dialog would need script; the hint works everywhere.
    view! { <p class="no-print hint">{T::PrintHint.tr(lang)}</p> }
}

#[component]
fn PosterSheet(poster: Poster) -> impl IntoView {
    let lang = use_lang();
    let (heading, call) = match &poster.session {
        Some(s) => (s.title.clone(), T::ScanToSignUp),
        None => (poster.platform_name.clone(), T::ScanForPlatform),
    };
    view! {
        <Title text=format!("{} · {}", T::Poster.tr(lang), heading)/>
        <PrintButton/>
        <article class="poster">
            <p class="poster-kicker">{T::Tagline.tr(lang)}</p>
            <h1>{heading}</h1>
            {poster.session.as_ref().map(|s| view! {
                <dl class="facts poster-facts">
                    <dt>{T::When.tr(lang)}</dt>
                    <dd>{fmt_datetime(s.starts_at, lang)} "–" {fmt_time(s.ends_at)}</dd>
                    <dt>{T::Where.tr(lang)}</dt><dd>{s.place.clone()}</dd>
                    <dt>{T::SeatsField.tr(lang)}</dt><dd>{s.seats}</dd>
                    <dt>{T::SignupDeadlineField.tr(lang)}</dt><dd>{fmt_datetime(s.signup_deadline, lang)}</dd>
                    <dt>{T::Host.tr(lang)}</dt><dd>{poster.platform_name.clone()}</dd>
                </dl>
            })}
            {poster.session.is_none().then(|| view! {
                <p class="poster-place">{poster.area_name.clone()} " · " {poster.address.clone().unwrap_or_default()}</p>
            })}
            <div class="poster-qr" inner_html=poster.qr_svg.clone()></div>
            <p class="poster-call">{call.tr(lang)}</p>
            <p class="poster-link">{poster.link.clone()}</p>
        </article>
    }
}

#[component]
pub fn SignInSheetPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_sign_in_sheet(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <Loaded data=data render=|s| view! { <Sheet sheet=s/> }/> }
}

#[component]
fn Sheet(sheet: SignInSheet) -> impl IntoView {
    let lang = use_lang();
    let s = sheet.session;
    let count = sheet.rows.len();
    view! {
        <Title text=format!("{} · {}", T::SignInSheet.tr(lang), s.title)/>
        <p class="no-print"><a href=format!("/manage/sessions/{}", s.id)>{s.title.clone()}</a></p>
        <PrintButton/>
        <article class="sheet">
            <h1>{s.title.clone()} " " {T::SignInSheet.tr(lang)}</h1>
            <p>
                {fmt_datetime(s.starts_at, lang)} "–" {fmt_time(s.ends_at)} " · " {s.place.clone()}
                " · " {s.platform_name.clone()}
            </p>
            <p>{T::Registered.tr(lang)} " " {count}</p>
            <table class="table sheet-table">
                <thead><tr>
                    <th class="num">{T::RowNumber.tr(lang)}</th>
                    <th>{T::YourName.tr(lang)}</th>
                    <th>{T::YourRole.tr(lang)}</th>
                    <th>{T::Mobile.tr(lang)}</th>
                    <th>{T::RegistrationCode.tr(lang)}</th>
                    <th class="signature">{T::Signature.tr(lang)}</th>
                </tr></thead>
                <tbody>
                    {sheet.rows.into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <td>{r.name}</td>
                            <td>{r.role.label(lang)}</td>
                            <td>{r.mobile_masked.unwrap_or_default()}</td>
                            <td><code>{r.code}</code></td>
                            <td class="signature">{(r.state == crate::domain::RegistrationState::Attended).then(|| T::Attended.tr(lang))}</td>
                        </tr>
                    }).collect_view()}
                    {(0..BLANK_ROWS).map(|i| view! {
                        <tr class="blank"><td class="num">{count + i + 1}</td><td></td><td></td><td></td><td></td><td class="signature"></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </article>
    }
}
