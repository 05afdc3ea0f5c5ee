//! The browser APIs the app uses: storage, the URL fragment, downloads, the clipboard, files, focus and the theme
//! attribute. gloo where it covers the job (files and blobs, `window`/`document`, JavaScript errors), web-sys
//! where it does not (see ARCHITECTURE.md, "Browser APIs"). Every call that can fail returns a `Result` or
//! `Option`; none panics.

use crate::keys::StorageKey;
use gloo_utils::errors::JsError;
use gloo_utils::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The page's local storage, when the browser gives it (it refuses with cookies blocked, in some private modes).
fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// What a JavaScript error says (a storage quota, a refused clipboard), for a notice.
fn js_error_text(error: JsValue) -> String {
    match JsError::try_from(error) {
        Ok(error) => error.message,
        Err(other) => other.to_string(),
    }
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
        .location()
        .hash()
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without reloading or adding a history entry (`None` removes it).
pub fn replace_fragment(fragment: Option<&str>) {
    let Ok(history) = window().history() else { return };
    let url = match fragment {
        Some(fragment) => format!("{}#{fragment}", page_url()),
        None => page_url(),
    };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

/// The page's address without its fragment: what a share link is built on, wherever the app is hosted.
pub fn page_url() -> String {
    window()
        .location()
        .href()
        .map(|href| match href.split_once('#') {
            Some((before, _)) => before.to_string(),
            None => href,
        })
        .unwrap_or_default()
}

/// Offers `text` as a file download named `file_name`. The file is made in the page (a blob URL of this origin);
/// nothing is sent anywhere.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download(file_name, gloo_file::Blob::new_with_options(text, Some(mime)))
}

/// Offers bytes (an archive) as a file download, as [`download_text`] does text.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download(file_name, gloo_file::Blob::new_with_options(bytes, Some(mime)))
}

/// Downloads a blob under `file_name` through a hidden link to its object URL.
fn download(file_name: &str, blob: gloo_file::Blob) -> Result<(), String> {
    let url = gloo_file::ObjectUrl::from(blob);
    let anchor = document()
        .create_element("a")
        .map_err(js_error_text)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_attribute("hidden", "").map_err(js_error_text)?;
    let body = document().body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_error_text)?;
    anchor.click();
    anchor.remove();
    // The object URL is revoked when dropped: after the browser has started the download.
    leptos::prelude::set_timeout(move || drop(url), std::time::Duration::from_secs(10));
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let promise = window().navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ()).map_err(js_error_text)
}

/// Reads a file the person chose or dropped as text, refusing big files before reading them.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    // Refused before reading: the plan reader refuses more than the plan cap anyway.
    let most = npip_core::plan::MAX_PLAN_BYTES as u64;
    let file = gloo_file::File::from(file);
    if file.size() > most {
        let (size, most) = (file.size() / 1024, most / 1024);
        return Err(format!("the file is {size} KB; a plan file is at most {most} KB"));
    }
    gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|error| error.to_string())
}

/// Moves keyboard focus to the element with this id; false when there is none.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else {
        return false;
    };
    match element.dyn_into::<web_sys::HtmlElement>() {
        Ok(element) => element.focus().is_ok(),
        Err(_) => false,
    }
}

/// The id of the element that has keyboard focus, if any.
pub fn active_element_id() -> Option<String> {
    document().active_element().map(|e| e.id())
}

/// Scrolls the `pre` that holds the element `id` so that the element sits near its top, without moving the page
/// (the live preview's changed lines). The `pre` is positioned, so the element's offset is measured from it.
pub fn scroll_within_pre(id: &str) {
    let Some(element) = document()
        .get_element_by_id(id)
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
    let root = gloo_utils::document_element();
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
}

/// Milliseconds since the epoch, for set-aside ids and notices.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// The local date and time, for file names and notices (`2026-11-27 21:40`); `None` for a time out of JavaScript's
/// range (more than 100 million days from 1970).
pub fn local_timestamp(ms: u64) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    if date.get_time().is_nan() {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    ))
}

/// Opens the browser's print dialog.
pub fn print() {
    let _ = window().print();
}

/// Registers the service worker that keeps the app working offline (`assets/sw.js`, next to the page). Only over
/// HTTP(S); failures are harmless (the app works online without it).
pub fn register_offline_support() {
    let window = window();
    let secure_scheme = window
        .location()
        .protocol()
        .is_ok_and(|p| p == "https:" || p == "http:");
    if !secure_scheme || !window.is_secure_context() {
        return;
    }
    let registration = window.navigator().service_worker().register("./sw.js");
    // Awaited so that a refusal (private mode, say) is handled rather than logged as an uncaught rejection.
    leptos::task::spawn_local(async move {
        let _ = JsFuture::from(registration).await;
    });
}
