//! A link to a long export. Without scripts it is a plain download link and the browser shows
//! its own progress; with them, the page fetches the file itself and counts the records as
//! they arrive ("已导出 1200 / 5000 条"), then hands the file over as a download.

use leptos::prelude::*;

use crate::i18n::{Lang, T};

/// An island: the only part of the records page that runs in the browser. Its texts come in
/// as props because an island sees none of the page's context. Its markup is static — the
/// progress is written straight into the status element — so hydration has nothing to match
/// but the link and an empty, hidden span.
#[island]
pub fn ExportLink(href: String, total: i64, file_name: String, lang: Lang) -> impl IntoView {
    let status = NodeRef::<leptos::html::Span>::new();
    let start = {
        let href = href.clone();
        move |ev: leptos::ev::MouseEvent| {
            start_download(ev, href.clone(), file_name.clone(), total, lang, status);
        }
    };
    view! {
        <a href=href download on:click=start>{T::ExportRecords.tr(lang)}</a>
        <span class="muted export-status" role="status" node_ref=status hidden></span>
    }
}

/// On the server a click never happens; the page is only rendered.
#[cfg(not(feature = "hydrate"))]
fn start_download(
    _: leptos::ev::MouseEvent,
    _: String,
    _: String,
    _: i64,
    _: Lang,
    _: NodeRef<leptos::html::Span>,
) {
}

#[cfg(feature = "hydrate")]
fn start_download(
    ev: leptos::ev::MouseEvent,
    href: String,
    file_name: String,
    total: i64,
    lang: Lang,
    status: NodeRef<leptos::html::Span>,
) {
    ev.prevent_default();
    let show = move |text: &str| {
        if let Some(el) = status.get_untracked() {
            el.set_hidden(false);
            el.set_text_content(Some(text));
        }
    };
    // Lines so far, the header being the first.
    let progress = move |lines: u64| {
        let done = i64::try_from(lines.saturating_sub(1))
            .unwrap_or(i64::MAX)
            .min(total);
        let percent = if total > 0 { done * 100 / total } else { 100 };
        match lang {
            Lang::Zh => format!("已导出 {done} / {total} 条（{percent}%）"),
            Lang::En => format!("{done} of {total} records ({percent}%)"),
        }
    };
    show(&progress(0));
    leptos::task::spawn_local(async move {
        let done = fetch::download(&href, &file_name, |n| show(&progress(n))).await;
        if done.is_err() {
            show(T::TryAgain.tr(lang));
        }
    });
}

#[cfg(feature = "hydrate")]
mod fetch {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// Reads the response as it streams, reporting the lines so far, then saves it.
    pub async fn download(
        href: &str,
        file_name: &str,
        mut on_lines: impl FnMut(u64),
    ) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(href))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::NULL);
        }
        let reader: web_sys::ReadableStreamDefaultReader = response
            .body()
            .ok_or(JsValue::NULL)?
            .get_reader()
            .dyn_into()?;
        let parts = js_sys::Array::new();
        let mut lines = 0u64;
        loop {
            let chunk = JsFuture::from(reader.read()).await?;
            if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
                break;
            }
            let bytes: js_sys::Uint8Array =
                js_sys::Reflect::get(&chunk, &"value".into())?.dyn_into()?;
            lines += bytes.to_vec().iter().filter(|b| **b == b'\n').count() as u64;
            parts.push(&bytes);
            on_lines(lines);
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let link: web_sys::HtmlAnchorElement = window
            .document()
            .ok_or(JsValue::NULL)?
            .create_element("a")?
            .dyn_into()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // The browser reads the file after this returns; free it once it surely has.
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(60),
        );
        Ok(())
    }
}
