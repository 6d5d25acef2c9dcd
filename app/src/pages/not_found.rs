use leptos::prelude::*;

use crate::i18n::{use_lang, T};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text=T::NotFoundTitle.tr(lang)/>
        <section class="error-page">
            <h1>{T::NotFoundTitle.tr(lang)}</h1>
            <p>{T::NotFoundText.tr(lang)}</p>
            <p><a href="/">{T::Home.tr(lang)}</a></p>
        </section>
    }
}
