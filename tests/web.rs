//! Browser tests: mount components in headless Chromium, interact, let the reactive system tick, assert on the DOM.
#![cfg(target_arch = "wasm32")]

use npip_planner::{App, TestId};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// Mounts the app in a fresh container and returns the container.
fn mount_app() -> web_sys::HtmlElement {
    let container = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    handle.forget();
    container
}

fn by_test_id(root: &web_sys::HtmlElement, id: TestId) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid='{}']", id.as_str()))
        .unwrap()
}

#[wasm_bindgen_test]
fn shell_mounts_with_steps_and_version() {
    let root = mount_app();
    let steps = by_test_id(&root, TestId::StepList).expect("step list is rendered");
    assert_eq!(steps.children().length(), 6, "six wizard steps are listed");
    let version = by_test_id(&root, TestId::Version).expect("version is rendered");
    assert_eq!(
        version.text_content().unwrap(),
        format!("Version {}", npip_core::VERSION)
    );
}
