//! The script of a page with an island. Pages without one link no script at all; a page with one
//! renders this beside it, so only that page pays for the wasm bundle.

use leptos::prelude::*;

/// Loads the wasm bundle and wakes each island on the page. The loader is an inline module
/// script carrying the response's nonce, which the page's Content-Security-Policy allows along
/// with what it imports.
#[component]
pub fn IslandScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let assets = use_context::<crate::web::AppState>().map(|s| s.assets);
        let nonce = leptos::nonce::use_nonce();
        assets.map(|assets| {
            let loader = format!(
                "import init, * as app from {script:?};\
                 init({{ module_or_path: {wasm:?} }}).then(() => {{\
                 app.hydrate();\
                 for (const island of document.querySelectorAll(\"leptos-island\")) \
                 app[island.dataset.component]?.(island);\
                 }});",
                script = &*assets.script,
                wasm = &*assets.wasm,
            );
            view! { <script type="module" nonce=nonce>{loader}</script> }
        })
    }
}
