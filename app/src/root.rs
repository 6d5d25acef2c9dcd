use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    components::Layout,
    i18n::{use_lang, Lang, T},
    pages::{
        manage::{
            AnnualReportPage, AreaAuditPage, AuditPage, CheckInLinkPage, ClosingPage,
            DashboardPage, EditPlatformPage, EditSessionPage, ImportPage, ImportPreviewPage,
            ManageAreasPage, ManagePlatformsPage, ManageSessionsPage, ManageTopicPage,
            ManageTopicsPage, MemberTotalsPage, NewPlatformPage, NewSessionPage, OverduePage,
            PublishConfirmPage, RecordHeldPage, TalliesPage, TallyRecordsPage, UncoveredPage,
            UsersPage,
        },
        AccountPage, AreaPage, CancelRegistrationPage, HomePage, LoginPage, LookupPage,
        MemberRecordPage, NotFoundPage, PlatformPage, PlatformPosterPage, ProposeTopicPage,
        PublicFiguresPage, RegistrationPage, ResultsPage, SessionPage, SessionPosterPage,
        SessionsPage, SignInSheetPage, TopicReceiptPage,
    },
};

/// The language of this request, from its cookie or its browser's preference.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::web::request::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    Lang::default()
}

/// The text size this reader chose (长辈模式).
fn request_text_size() -> crate::text_size::TextSize {
    #[cfg(feature = "ssr")]
    {
        crate::web::request::request_text_size()
    }
    #[cfg(not(feature = "ssr"))]
    crate::text_size::TextSize::default()
}

/// The built stylesheet's address, resolved when the server started.
fn stylesheet_href() -> Arc<str> {
    #[cfg(feature = "ssr")]
    {
        with_context::<crate::web::AppState, _>(|s| s.assets.stylesheet.clone())
            .unwrap_or_else(|| Arc::from(""))
    }
    #[cfg(not(feature = "ssr"))]
    Arc::from("")
}

/// The HTML document around every page, rendered once per request on the server. It links no
/// script: every page works as plain HTML, and the one page with an island (the check-in desk)
/// links the wasm bundle for itself (`components::IslandScripts`). (The options are the
/// signature the axum integration calls a shell with.)
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    provide_context(lang);
    let size = request_text_size();
    provide_context(size);
    provide_context(crate::components::FormCount::default());
    // Only islands hydrate, and none reads the page's resources: they are not written into the
    // page as data (Leptos's loader script says the same on the pages that carry it).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    #[cfg(feature = "ssr")]
    crate::web::page_policy::apply();
    view! {
        <!DOCTYPE html>
        <html lang=lang.html_lang() class=size.class()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="format-detection" content="telephone=no"/>
                <link rel="stylesheet" href=stylesheet_href()/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let app_name = T::AppName.tr(use_lang());
    // Every route renders completely on the server before it is sent (Async), so a browser
    // without JavaScript gets the whole page.
    let ssr = SsrMode::Async;
    view! {
        // leptos_meta writes the title's text unescaped, and titles carry user text (a session's
        // or platform's name): every title passes through here, so it is escaped once, here.
        <Title formatter=move |t: String| {
            let title = if t.is_empty() || t == app_name { app_name.to_owned() } else { format!("{t} · {app_name}") };
            html_escape::encode_text(&title).into_owned()
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=ssr.clone()/>
                    <Route path=path!("/areas/:id") view=AreaPage ssr=ssr.clone()/>
                    <Route path=path!("/platforms/:id") view=PlatformPage ssr=ssr.clone()/>
                    <Route path=path!("/sessions") view=SessionsPage ssr=ssr.clone()/>
                    <Route path=path!("/figures") view=PublicFiguresPage ssr=ssr.clone()/>
                    <Route path=path!("/sessions/:id") view=SessionPage ssr=ssr.clone()/>
                    <Route path=path!("/sessions/:id/results") view=ResultsPage ssr=ssr.clone()/>
                    <Route path=path!("/sessions/:id/poster") view=SessionPosterPage ssr=ssr.clone()/>
                    <Route path=path!("/platforms/:id/propose") view=ProposeTopicPage ssr=ssr.clone()/>
                    <Route path=path!("/t/:code") view=TopicReceiptPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/topics") view=ManageTopicsPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/topics/:id") view=ManageTopicPage ssr=ssr.clone()/>
                    <Route path=path!("/platforms/:id/poster") view=PlatformPosterPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/:id/sheet") view=SignInSheetPage ssr=ssr.clone()/>
                    <Route path=path!("/r/:code") view=RegistrationPage ssr=ssr.clone()/>
                    <Route path=path!("/r/:code/cancel") view=CancelRegistrationPage ssr=ssr.clone()/>
                    <Route path=path!("/find") view=LookupPage ssr=ssr.clone()/>
                    <Route path=path!("/checkin/:code") view=CheckInLinkPage ssr=ssr.clone()/>
                    <Route path=path!("/login") view=LoginPage ssr=ssr.clone()/>
                    <Route path=path!("/account") view=AccountPage ssr=ssr.clone()/>
                    <Route path=path!("/members/:id") view=MemberRecordPage ssr=ssr.clone()/>
                    <Route path=path!("/manage") view=DashboardPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/areas") view=ManageAreasPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/areas/:id") view=ManageAreasPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/platforms") view=ManagePlatformsPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/platforms/new") view=NewPlatformPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/platforms/:id") view=EditPlatformPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/users") view=UsersPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions") view=ManageSessionsPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/new") view=NewSessionPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/record") view=RecordHeldPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/:id/closing") view=ClosingPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/:id/audit") view=AuditPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/outcomes") view=OverduePage ssr=ssr.clone()/>
                    <Route path=path!("/manage/tallies") view=TalliesPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/tallies/records") view=TallyRecordsPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/tallies/report") view=AnnualReportPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/tallies/publish") view=PublishConfirmPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/tallies/uncovered") view=UncoveredPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/members") view=MemberTotalsPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/audit") view=AreaAuditPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/import") view=ImportPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/import/:id") view=ImportPreviewPage ssr=ssr.clone()/>
                    <Route path=path!("/manage/sessions/:id") view=EditSessionPage ssr=ssr/>
                </Routes>
            </Layout>
        </Router>
    }
}
