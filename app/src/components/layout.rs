use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::Notice;
use crate::{
    api::auth::{current_account, Logout},
    form_state::use_form_state,
    i18n::{use_lang, T},
    text_size::TextSize,
};

/// The frame of every page: a header with the name, the account links and the language switch
/// (a plain link, so it works without JavaScript), the content, and a footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let search = location.search.get_untracked();
    let path = location.pathname.get_untracked();
    // Staff pages run long: a refused form there is also announced at the top.
    let staff_page = path.starts_with("/manage") || path.starts_with("/account");
    let here = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    let switch_href = format!(
        "/lang?to={}&back={}",
        lang.other().code(),
        crate::url::encode_component(&here)
    );
    let size = use_context::<TextSize>().unwrap_or_default();
    // 长辈模式: one tap in, one tap larger still, one tap back; each a plain link.
    let size_link = |to: TextSize, label: T| {
        view! {
            <a class="text-size" href=format!("/text-size?to={}&back={}", to.code(), crate::url::encode_component(&here))>
                {label.tr(lang)}
            </a>
        }
    };
    let size_links = match size {
        TextSize::Standard => size_link(TextSize::Large, T::ElderMode).into_any(),
        TextSize::Large => view! {
            {size_link(TextSize::Larger, T::TextLarger)}
            {size_link(TextSize::Standard, T::TextStandard)}
        }
        .into_any(),
        TextSize::Larger => size_link(TextSize::Standard, T::TextStandard).into_any(),
    };
    let account = Resource::new_blocking(|| (), |_| current_account());
    view! {
        <a class="skip" href="#main">{T::SkipToContent.tr(lang)}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <strong>{T::AppName.tr(lang)}</strong>
                <span>{T::Tagline.tr(lang)}</span>
            </a>
            <nav class="site-nav">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match account.await.ok().flatten() {
                            Some(me) => view! {
                                <a href="/manage">{T::Manage.tr(lang)}</a>
                                <a href="/account" title=me.username.clone()>{me.display_name.clone()}</a>
                                <form method="post" action={<Logout as leptos::server_fn::ServerFn>::PATH} class="inline">
                                    <button type="submit" class="link">{T::SignOut.tr(lang)}</button>
                                </form>
                            }.into_any(),
                            None => view! { <a href="/login">{T::SignIn.tr(lang)}</a> }.into_any(),
                        }
                    })}
                </Suspense>
                {size_links}
                <a href=switch_href hreflang=lang.other().code() lang=lang.other().html_lang()>
                    {T::SwitchLanguage.tr(lang)}
                </a>
            </nav>
        </header>
        <main id="main">
            <Notice state=use_form_state() banner=staff_page/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{T::AppName.tr(lang)} " · " {T::FooterNote.tr(lang)} " · " <a href="/figures">{T::PublicFiguresTitle.tr(lang)}</a> " · " <a href="/find">{T::FindMySignUps.tr(lang)}</a></p>
        </footer>
    }
}

/// Where a page sits: links from the top down, the last entry being the page itself.
#[component]
pub fn Breadcrumbs(trail: Vec<(String, String)>) -> impl IntoView {
    let last = trail.len().saturating_sub(1);
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                {trail.into_iter().enumerate().map(|(i, (href, text))| {
                    if i == last {
                        view! { <li aria-current="page">{text}</li> }.into_any()
                    } else {
                        view! { <li><a href=href>{text}</a></li> }.into_any()
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}
