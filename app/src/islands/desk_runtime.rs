//! The desk scanner in the browser: opens the camera, reads a few frames a second, puts each new
//! ticket on the queue (kept in the browser's storage) and sends the queue in order, one scan at
//! a time. A scan that cannot be sent — no network, the server unreachable — stays on the queue
//! and is sent again when the browser says it is online and every few seconds meanwhile.

use std::{cell::RefCell, rc::Rc, time::Duration};

use leptos::{prelude::*, task::spawn_local, web_sys};
use wasm_bindgen::{JsCast, JsValue};

use super::{
    desk_scanner::{Logged, ScannerTexts, Ui},
    qr_frame::read_codes,
    scan_queue::{new_key, Pending, ScanQueue, Seen},
};
use crate::{
    api::manage_sessions::scan_check_in,
    domain::RegistrationCode,
    error::AppError,
    views::organizing::{ScanAnswer, ScanTone},
};

/// How often a frame is read while the camera is on.
const FRAME_EVERY: Duration = Duration::from_millis(100);
/// How long to wait before sending again after the network or server failed.
const RETRY_AFTER: Duration = Duration::from_secs(3);
/// Frames are read at most this wide: enough for a ticket held at arm's length, and it keeps a
/// cheap phone's frame under a few tens of milliseconds.
const FRAME_WIDTH: u32 = 640;
/// The answers the desk lists, newest first.
const LOG_LENGTH: usize = 8;

pub struct Desk {
    id: String,
    texts: ScannerTexts,
    ui: Ui,
    video: NodeRef<leptos::html::Video>,
    queue: RefCell<ScanQueue>,
    seen: RefCell<Seen>,
    sending: RefCell<bool>,
    reading: RefCell<bool>,
    camera: RefCell<Option<(web_sys::MediaStream, IntervalHandle)>>,
    /// The off-screen canvas frames are read through: one for the page, not one per frame (ten a
    /// second of garbage on a cheap phone).
    canvas: RefCell<Option<web_sys::CanvasRenderingContext2d>>,
}

impl Desk {
    /// Picks up what an earlier visit left on the queue and starts sending it.
    pub fn start(
        id: String,
        texts: ScannerTexts,
        ui: Ui,
        video: NodeRef<leptos::html::Video>,
    ) -> Rc<Self> {
        let desk = Rc::new(Self {
            queue: RefCell::new(ScanQueue::from_text(&stored(&id).unwrap_or_default())),
            id,
            texts,
            ui,
            video,
            seen: RefCell::default(),
            sending: RefCell::new(false),
            reading: RefCell::new(false),
            camera: RefCell::default(),
            canvas: RefCell::default(),
        });
        let online = desk.clone();
        // The listener lasts as long as the page.
        std::mem::forget(window_event_listener(leptos::ev::online, move |_| {
            online.clone().send();
        }));
        desk.show_queue();
        desk.clone().send();
        desk
    }

    /// Opens the camera, or closes it when it is open.
    pub fn toggle_camera(self: Rc<Self>) {
        if let Some((stream, timer)) = self.camera.borrow_mut().take() {
            timer.clear();
            stream.get_tracks().for_each(&mut |track, _, _| {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            });
            self.ui.camera_on.set(false);
            return;
        }
        spawn_local(async move {
            let Some(video) = self.video.get_untracked() else {
                return;
            };
            match open_camera(&video).await {
                Ok(stream) => {
                    let reader = self.clone();
                    let timer = set_interval_with_handle(move || reader.read_frame(), FRAME_EVERY);
                    match timer {
                        Ok(timer) => {
                            *self.camera.borrow_mut() = Some((stream, timer));
                            self.ui.camera_on.set(true);
                            self.ui.problem.set(None);
                        }
                        Err(_) => self.ui.problem.set(Some(self.texts.no_camera.clone())),
                    }
                }
                Err(_) => self.ui.problem.set(Some(self.texts.no_camera.clone())),
            }
        });
    }

    /// Reads the frame on screen; each ticket not seen in the last moments joins the queue.
    fn read_frame(self: &Rc<Self>) {
        let Some(video) = self.video.get_untracked() else {
            return;
        };
        // A slow phone may still be reading the last frame when the timer fires again.
        if self.reading.replace(true) {
            return;
        }
        if self.canvas.borrow().is_none() {
            *self.canvas.borrow_mut() = frame_canvas();
        }
        let codes = self
            .canvas
            .borrow()
            .as_ref()
            .and_then(|context| frame_codes(&video, context))
            .unwrap_or_default();
        self.reading.replace(false);
        let now = js_sys::Date::now();
        for read in codes {
            let Ok(code) = RegistrationCode::from_ticket(&read) else {
                continue;
            };
            if !self.seen.borrow_mut().read(code.as_str(), now) {
                continue;
            }
            let scan = Pending {
                key: new_key(now, [js_sys::Math::random(), js_sys::Math::random()]),
                code: code.as_str().to_owned(),
                at: now as i64,
            };
            if self.queue.borrow_mut().push(scan) {
                self.store();
            } else {
                self.ui.problem.set(Some(self.texts.queue_full.clone()));
            }
        }
        self.show_queue();
        self.clone().send();
    }

    /// Sends the queue in order until it is empty or sending fails; one sender at a time.
    fn send(self: Rc<Self>) {
        if self.sending.replace(true) {
            return;
        }
        spawn_local(async move {
            let failed = loop {
                let Some(next) = self.queue.borrow().front().cloned() else {
                    break false;
                };
                let answer = scan_check_in(
                    self.id.clone(),
                    next.code.clone(),
                    next.key.clone(),
                    next.at,
                )
                .await;
                let answer = match answer {
                    Ok(answer) => answer,
                    // Nobody answered, or not now: the scan waits, and is sent again with its key.
                    Err(AppError::Unexpected | AppError::TooManyRequests) => {
                        self.ui.offline.set(true);
                        break true;
                    }
                    Err(AppError::Unauthenticated) => {
                        self.ui.problem.set(Some(self.texts.sign_in_again.clone()));
                        break true;
                    }
                    // The scan itself is refused (not this organizer's session any more): it will
                    // never go through, so it leaves the queue with a message to check in by hand.
                    Err(_) => ScanAnswer {
                        name: None,
                        message: self.texts.failed.clone(),
                        tone: ScanTone::Refused,
                        attended: self.ui.attended.get_untracked(),
                    },
                };
                self.ui.offline.set(false);
                self.queue.borrow_mut().answered(&next.key);
                self.store();
                self.show_queue();
                self.show(next, answer);
            };
            if failed {
                // Sending stays marked as busy until the retry, so scans made meanwhile queue
                // behind the one that failed instead of each starting a sender of its own.
                let desk = self.clone();
                set_timeout(
                    move || {
                        desk.sending.replace(false);
                        desk.send();
                    },
                    RETRY_AFTER,
                );
            } else {
                self.sending.replace(false);
            }
        });
    }

    fn show(&self, scan: Pending, answer: ScanAnswer) {
        let took_ms = js_sys::Date::now() as i64 - scan.at;
        if answer.tone != ScanTone::Refused || answer.attended > 0 {
            self.ui.attended.set(answer.attended);
        }
        self.ui.log.update(|log| {
            log.insert(
                0,
                Logged {
                    key: scan.key,
                    code: scan.code,
                    answer,
                    took_ms,
                },
            );
            log.truncate(LOG_LENGTH);
        });
    }

    fn show_queue(&self) {
        self.ui.waiting.set(self.queue.borrow().len());
    }

    /// Keeps the queue in the browser's storage, so a reload or a closed tab loses no scan.
    fn store(&self) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(&storage_key(&self.id), &self.queue.borrow().to_text());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn storage_key(id: &str) -> String {
    format!("yst-scan-queue-{id}")
}

fn stored(id: &str) -> Option<String> {
    storage()?.get_item(&storage_key(id)).ok().flatten()
}

/// Asks for the camera facing away from the organizer and plays it in `video`.
async fn open_camera(video: &web_sys::HtmlVideoElement) -> Result<web_sys::MediaStream, JsValue> {
    let devices = window().navigator().media_devices()?;
    let track = web_sys::MediaTrackConstraints::new();
    track.set_facing_mode_str("environment");
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_video_media_track_constraints(&track);
    let stream: web_sys::MediaStream = wasm_bindgen_futures::JsFuture::from(
        devices.get_user_media_with_constraints(&constraints)?,
    )
    .await?
    .dyn_into()?;
    video.set_src_object(Some(&stream));
    let _ = video.play()?;
    Ok(stream)
}

/// An off-screen canvas to read frames through, set up for frequent reading.
fn frame_canvas() -> Option<web_sys::CanvasRenderingContext2d> {
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    let options = web_sys::ContextAttributes2d::new();
    options.set_will_read_frequently(true);
    canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .dyn_into()
        .ok()
}

/// The QR codes in the video's current frame, read through the off-screen canvas of `context`.
fn frame_codes(
    video: &web_sys::HtmlVideoElement,
    context: &web_sys::CanvasRenderingContext2d,
) -> Option<Vec<String>> {
    // HAVE_CURRENT_DATA: a frame to draw.
    if video.ready_state() < 2 || video.video_width() == 0 {
        return None;
    }
    let scale = (f64::from(FRAME_WIDTH) / f64::from(video.video_width())).min(1.0);
    let width = (f64::from(video.video_width()) * scale) as u32;
    let height = (f64::from(video.video_height()) * scale) as u32;
    let canvas = context.canvas()?;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    context
        .draw_image_with_html_video_element_and_dw_and_dh(
            video,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    let pixels = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?
        .data();
    Some(read_codes(&pixels, width as usize, height as usize))
}
