//! Thin wrappers over the browser APIs the app uses: storage, the URL fragment, downloads, the clipboard, files,
//! focus and the theme attribute. Every call that can fail returns a `Result` or `Option`; none panics.

use crate::keys::StorageKey;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Largest file the import reads; the plan reader refuses more anyway, this stops us reading it into memory.
pub const MAX_IMPORT_BYTES: f64 = 1_048_576.0;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

fn js_error_text(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

pub fn storage_get(key: &StorageKey) -> Option<String> {
    local_storage()?.get_item(&key.as_string()).ok().flatten()
}

/// Writes a value; fails when storage is off (some private modes) or full.
pub fn storage_set(key: &StorageKey, value: &str) -> Result<(), String> {
    let storage = local_storage().ok_or_else(|| "this browser keeps no local storage for the page".to_string())?;
    storage.set_item(&key.as_string(), value).map_err(js_error_text)
}

pub fn storage_remove(key: &StorageKey) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key.as_string());
    }
}

/// Every key in the page's local storage.
pub fn storage_keys() -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// The URL fragment without its `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without reloading or adding a history entry (`None` removes it).
pub fn replace_fragment(fragment: Option<&str>) {
    let Some(window) = window() else { return };
    let Ok(history) = window.history() else { return };
    let url = match fragment {
        Some(fragment) => format!("{}#{fragment}", page_url()),
        None => page_url(),
    };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

/// The page's address without its fragment: what a share link is built on, wherever the app is hosted.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|href| match href.split_once('#') {
            Some((before, _)) => before.to_string(),
            None => href,
        })
        .unwrap_or_default()
}

/// Offers `text` as a file download named `file_name`. The file is made in the page (a blob URL of this origin);
/// nothing is sent anywhere.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_parts(file_name, mime, &JsValue::from_str(text))
}

/// Offers bytes (an archive) as a file download, as [`download_text`] does text.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_parts(file_name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Downloads a blob of one part (a string or a byte array) under `file_name`.
fn download_parts(file_name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options).map_err(js_error_text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error_text)?;
    let anchor = document
        .create_element("a")
        .map_err(js_error_text)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_attribute("hidden", "").map_err(js_error_text)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_error_text)?;
    anchor.click();
    anchor.remove();
    // Revoke after the browser has started the download.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Waits for a promise, then hands its outcome to `done`. The one place the app awaits anything: every caller
/// passes a boxed callback, so the bundle has one future and one spawn instead of one per caller.
fn settle(promise: js_sys::Promise, done: Box<dyn FnOnce(Result<JsValue, String>)>) {
    wasm_bindgen_futures::spawn_local(async move {
        done(JsFuture::from(promise).await.map_err(js_error_text));
    });
}

/// Puts `text` on the clipboard, then calls `done` with the outcome.
pub fn copy_text(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(window) = window() else {
        return done(Err("no window".to_string()));
    };
    let promise = window.navigator().clipboard().write_text(text);
    settle(promise, Box::new(move |outcome| done(outcome.map(|_| ()))));
}

/// Reads a file the person chose or dropped, refusing big files before reading them, then calls `done` with its
/// text or why there is none.
pub fn read_file(file: &web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    if file.size() > MAX_IMPORT_BYTES {
        // Whole kilobytes: no float formatting code in the bundle.
        let kilobytes = (file.size() / 1024.0) as u64;
        return done(Err(format!(
            "the file is {kilobytes} KB; a plan file is at most 1024 KB"
        )));
    }
    settle(
        file.text(),
        Box::new(move |outcome| {
            done(outcome.and_then(|text| text.as_string().ok_or_else(|| "the file is not text".to_string())))
        }),
    );
}

/// Moves keyboard focus to the element with this id; false when there is none.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    match element.dyn_into::<web_sys::HtmlElement>() {
        Ok(element) => element.focus().is_ok(),
        Err(_) => false,
    }
}

/// Scrolls the `pre` that holds the element `id` so that the element sits near its top, without moving the page
/// (the live preview's changed lines). The `pre` is positioned, so the element's offset is measured from it.
pub fn scroll_within_pre(id: &str) {
    let Some(element) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if let Ok(Some(pre)) = element.closest("pre") {
        pre.set_scroll_top((element.offset_top() - 48).max(0));
    }
}

/// Sets `data-theme` on the root element (`None` follows the system).
pub fn apply_theme(theme: Option<&str>) {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
}

/// Whether the system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|query| query.matches())
        .unwrap_or(false)
}

/// Milliseconds since the epoch, for set-aside ids and notices.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// The local date and time, for file names and notices (`2026-11-27 21:40`).
pub fn local_timestamp(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Registers the service worker that keeps the app working offline (`assets/sw.js`, next to the page). Only over
/// HTTP(S); failures are harmless (the app works online without it).
pub fn register_offline_support() {
    let Some(window) = window() else { return };
    let secure_scheme = window
        .location()
        .protocol()
        .map(|p| p == "https:" || p == "http:")
        .unwrap_or(false);
    if !secure_scheme || !window.is_secure_context() {
        return;
    }
    let registration = window.navigator().service_worker().register("./sw.js");
    // Awaited so that a refusal (private mode, say) is handled rather than logged as an uncaught rejection.
    settle(registration, Box::new(|_| {}));
}
