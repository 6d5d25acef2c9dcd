//! 扫码签到: the check-in desk's camera scanner. Without scripts the desk is a form (a typed
//! code, a keyboard-like scanner, or any phone camera opening the ticket's link); with them this
//! island reads tickets off the camera continuously, checks each in without leaving the page, and
//! keeps scans made while the network is down until it returns (see `desk_runtime`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::views::organizing::{ScanAnswer, ScanTone};

/// The scanner's words in the reader's language, chosen on the server: the browser's bundle
/// carries no text catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScannerTexts {
    pub registered: String,
    pub attended: String,
    pub start: String,
    pub stop: String,
    pub aim: String,
    pub no_camera: String,
    pub offline: String,
    pub waiting: String,
    pub sign_in_again: String,
    pub failed: String,
    pub queue_full: String,
}

/// One answered scan, as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub key: String,
    pub code: String,
    pub answer: ScanAnswer,
    /// From the camera reading the ticket to the answer (longer for a scan that waited offline).
    pub took_ms: i64,
}

/// What the desk shows, moved by the browser side.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub attended: RwSignal<i64>,
    pub camera_on: RwSignal<bool>,
    pub problem: RwSignal<Option<String>>,
    pub offline: RwSignal<bool>,
    pub waiting: RwSignal<usize>,
    pub log: RwSignal<Vec<Logged>>,
}

#[island]
pub fn DeskScanner(
    id: String,
    registered: usize,
    attended: i64,
    texts: ScannerTexts,
) -> impl IntoView {
    let ui = Ui {
        attended: RwSignal::new(attended),
        camera_on: RwSignal::new(false),
        problem: RwSignal::new(None),
        offline: RwSignal::new(false),
        waiting: RwSignal::new(0),
        log: RwSignal::new(Vec::new()),
    };
    // Effects run only in the browser: the camera's button shows once a script can answer it.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let video = NodeRef::<leptos::html::Video>::new();
    #[cfg(feature = "hydrate")]
    let desk = StoredValue::new_local(super::desk_runtime::Desk::start(
        id,
        texts.clone(),
        ui,
        video,
    ));
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        desk.with_value(|desk| desk.clone().toggle_camera());
    };
    let ScannerTexts {
        registered: registered_label,
        attended: attended_label,
        start,
        stop,
        aim,
        offline,
        waiting,
        ..
    } = texts;
    view! {
        <div class="scanner">
            <p class="counts">
                {registered_label} " " {registered} " · " {attended_label} " "
                <span data-attended>{move || ui.attended.get()}</span>
            </p>
            <Show when=move || scripted.get()>
                <button type="button" class="button scan-toggle" on:click=toggle>
                    {let (start, stop) = (start.clone(), stop.clone()); move || if ui.camera_on.get() { stop.clone() } else { start.clone() }}
                </button>
            </Show>
            <video node_ref=video class="scanner-video" class:on=move || ui.camera_on.get()
                autoplay=true muted=true playsinline=true aria-label=aim.clone()></video>
            <Show when=move || ui.camera_on.get()>
                <p class="hint">{aim.clone()}</p>
            </Show>
            {move || ui.problem.get().map(|p| view! { <p class="notice error" role="alert">{p}</p> })}
            <Show when=move || { ui.offline.get() || ui.waiting.get() > 0 }>
                <p class="notice warning scan-waiting" role="status">
                    {let offline = offline.clone(); move || ui.offline.get().then(|| format!("{offline} · "))}
                    {waiting.clone()} " " <strong data-waiting>{move || ui.waiting.get()}</strong>
                </p>
            </Show>
            <ol class="scan-log" aria-live="polite">
                // Keyed, so an answer is added as one new line and the lines shown stay as they are.
                <For each=move || ui.log.get() key=|l| l.key.clone() let:line>
                    <ScanLine line/>
                </For>
            </ol>
        </div>
    }
}

#[component]
fn ScanLine(line: Logged) -> impl IntoView {
    let tone = match line.answer.tone {
        ScanTone::Done => "done",
        ScanTone::Again => "again",
        ScanTone::Refused => "refused",
    };
    view! {
        <li class=format!("scan-line {tone}") data-code=line.code data-key=line.key data-ms=line.took_ms>
            {line.answer.name.map(|n| view! { <strong>{n}</strong> " " })}
            {line.answer.message}
        </li>
    }
}
