use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{de::DeserializeOwned, Serialize};

use crate::{
    error::AppError,
    i18n::{use_lang, T},
    {form_state::use_form_state, forms::FormState},
};

/// The numeric `:id` of the current route, if it is one.
pub fn page_id() -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

/// The `:code` of the current route (a registration's, a topic receipt's), as typed.
pub fn page_code() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("code").unwrap_or_default()
}

/// Renders a page's data once its loader has answered, or the page for the error it gave,
/// with the matching HTTP status. Routes render in `SsrMode::Async`, so the whole page arrives
/// as HTML and needs no script.
#[component]
pub fn Loaded<D, F, V>(data: Resource<Result<D, AppError>>, render: F) -> impl IntoView
where
    D: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(D) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d).into_any(),
                        Err(error) => view! { <ErrorView error=error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Like [`Loaded`], for a page with forms: also hands over the state of the last form post.
#[component]
pub fn LoadedForm<D, F, V>(data: Resource<Result<D, AppError>>, render: F) -> impl IntoView
where
    D: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(D, FormState) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = use_form_state();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                let state = state.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d, state).into_any(),
                        Err(error) => view! { <ErrorView error=error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ErrorView(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    {
        if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
            opts.set_status(
                http::StatusCode::from_u16(error.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        if error == AppError::Unauthenticated {
            let here = use_context::<http::request::Parts>()
                .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
                .unwrap_or_else(|| "/".to_owned());
            leptos_axum::redirect(&format!(
                "/login?next={}",
                crate::url::encode_component(&here)
            ));
        }
    }
    let (title, text) = match error {
        AppError::Unauthenticated => (T::SignInFirst, T::SignInFirst),
        AppError::Forbidden => (T::NotAllowedTitle, T::NotAllowed),
        AppError::NotFound | AppError::BadRequest(_) => (T::NotFoundTitle, T::NotFoundText),
        AppError::TooManyRequests => (T::ErrorTitle, T::TooManyAttempts),
        AppError::Unexpected => (T::ErrorTitle, T::TryAgain),
    };
    view! {
        <leptos_meta::Title text=title.tr(lang)/>
        <section class="error-page">
            <h1>{title.tr(lang)}</h1>
            <p>{text.tr(lang)}</p>
            <p><a href="/">{T::Home.tr(lang)}</a></p>
        </section>
    }
}
