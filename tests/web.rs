//! Browser tests: mount components in headless Chromium, interact, let the reactive system tick, assert on the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use npip_core::edit::{self, NetworkChoice};
use npip_core::plan::EgressKind;
use npip_core::{Field, Step};
use npip_planner::fields::field_dom_id;
use npip_planner::keys::StorageKey;
use npip_planner::notices::NoticeKind;
use npip_planner::state::{PlanState, Start};
use npip_planner::{App, Planner, TestId};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// A mounted planner: its container, its state, and the handle that unmounts it when dropped.
struct Mounted {
    root: web_sys::HtmlElement,
    state: PlanState,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn container() -> web_sys::HtmlElement {
    let root = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts the planner over a start of the test's choosing (nothing read from or saved to storage).
fn mount(start: Start) -> Mounted {
    let root = container();
    let slot = Rc::new(Cell::new(None));
    let inner = slot.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = PlanState::new(start);
        inner.set(Some(state));
        view! { <Planner state/> }.into_any()
    });
    Mounted {
        root,
        state: slot.take().expect("the state was made while mounting"),
        _handle: Box::new(handle),
    }
}

/// Lets the reactive system catch up with what the test just did. Leptos runs effects and view updates as tasks on
/// its executor, and its `tick` resolves once the tasks queued before it have run; an update can queue more (a step
/// that changes builds the new step, whose inputs then take their values), so a few rounds.
async fn tick() {
    for _ in 0..4 {
        leptos::task::tick().await;
    }
}

/// Waits for the next animation frame, where the app moves focus and fills the live region (after `tick`, so the
/// frame was requested).
async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits, a frame at a time, until `ready` holds (for at most about a second): for what the browser does in a task
/// of its own, such as the `toggle` event of a `<details>`.
async fn until(ready: impl Fn() -> bool) {
    for _ in 0..60 {
        if ready() {
            return;
        }
        frame().await;
        tick().await;
    }
}

fn find(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

fn by_test_id(root: &web_sys::HtmlElement, id: TestId) -> Option<web_sys::Element> {
    find(root, &format!("[data-testid='{}']", id.as_str()))
}

fn field(root: &web_sys::HtmlElement, field: Field) -> web_sys::HtmlInputElement {
    find(root, &format!("#{}", field_dom_id(field)))
        .unwrap_or_else(|| panic!("{field:?} is on screen"))
        .unchecked_into()
}

fn findings_text(root: &web_sys::HtmlElement, field: Field) -> String {
    find(root, &format!("#{}-findings", field_dom_id(field)))
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

/// Types into an input as a person would: the value changes and an `input` event bubbles.
fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn click(element: &web_sys::Element) {
    element.unchecked_ref::<web_sys::HtmlElement>().click();
}

/// The text of the element with that test id (empty when there is none).
fn test_id_text(root: &web_sys::HtmlElement, id: TestId) -> String {
    by_test_id(root, id).and_then(|e| e.text_content()).unwrap_or_default()
}

fn heading(root: &web_sys::HtmlElement) -> String {
    test_id_text(root, TestId::StepHeading)
}

#[wasm_bindgen_test]
async fn app_mounts_with_steps_and_version() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    let steps = by_test_id(&root, TestId::StepList).expect("step list is rendered");
    assert_eq!(steps.children().length(), 6, "six wizard steps are listed");
    let version = by_test_id(&root, TestId::Version).expect("version is rendered");
    assert_eq!(
        version.text_content().unwrap(),
        format!("Version {}", npip_core::VERSION)
    );
    drop(handle);
    root.remove();
    npip_planner::browser::storage_remove(&StorageKey::State);
}

#[wasm_bindgen_test]
async fn a_finding_shows_once_its_field_is_touched() {
    let app = mount(Start::fresh());
    tick().await;
    // The fresh plan has no name, which is an error, but nobody has touched the field yet.
    assert_eq!(findings_text(&app.root, Field::WorkspaceName), "");
    let name = field(&app.root, Field::WorkspaceName);
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("false"));

    type_into(&name, "x");
    tick().await;
    frame().await;
    let shown = findings_text(&app.root, Field::WorkspaceName);
    assert!(shown.contains("Error"), "a one-letter name is too short: {shown:?}");
    // The name the message quotes is shown as code, not between backticks.
    let quoted = find(
        &app.root,
        &format!("#{}-findings .inline-code", field_dom_id(Field::WorkspaceName)),
    )
    .and_then(|code| code.text_content());
    assert_eq!(quoted.as_deref(), Some("x"));
    assert!(!shown.contains('`'), "{shown:?}");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = name.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.contains(&format!("{}-findings", field_dom_id(Field::WorkspaceName))));
    // The live region says it.
    let announced = by_test_id(&app.root, TestId::Announcer)
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(announced.starts_with("Error"), "{announced:?}");

    type_into(&name, "adb-prod");
    tick().await;
    assert_eq!(findings_text(&app.root, Field::WorkspaceName), "");
    assert_eq!(app.state.plan.get_untracked().workspace.name, "adb-prod");
    // Names that follow the workspace name followed it.
    assert_eq!(
        app.state.plan.get_untracked().network.injection().unwrap().nsg_name,
        "adb-prod-nsg"
    );
}

#[wasm_bindgen_test]
async fn a_number_that_is_not_a_number_keeps_the_text_and_the_plan() {
    let mut start = Start::fresh();
    start.step = Step::AddressSpace;
    let app = mount(start);
    tick().await;
    let peak = field(&app.root, Field::PeakNodes);
    type_into(&peak, "12o");
    tick().await;
    assert_eq!(peak.value(), "12o", "what was typed stays");
    assert_eq!(app.state.plan.get_untracked().peak_nodes, edit::FRESH_PEAK_NODES);
    let local = find(&app.root, &format!("#{}-local", field_dom_id(Field::PeakNodes))).unwrap();
    assert!(local.text_content().unwrap().contains("not a whole number"));
    type_into(&peak, "120");
    tick().await;
    assert_eq!(app.state.plan.get_untracked().peak_nodes, 120);
    assert_eq!(local.text_content().unwrap(), "");
}

#[wasm_bindgen_test]
async fn a_number_that_does_not_read_hides_the_findings_about_its_old_value() {
    let mut start = clean_start(Step::AddressSpace);
    start.visited = [Step::AddressSpace, Step::Egress].into_iter().collect();
    let app = mount(start);
    tick().await;
    let peak = field(&app.root, Field::PeakNodes);
    type_into(&peak, "100000");
    tick().await;
    assert!(
        findings_text(&app.root, Field::PeakNodes).contains("A peak of 100000 nodes does not fit"),
        "the number reads and the rule judges it"
    );
    // Too large to read: the plan keeps 100000, but the rule's finding about it would be stale beside the
    // field's own error, and the step would count the one mistake twice.
    type_into(&peak, "99999999999999999999999");
    tick().await;
    let local = text_of(&app.root, &format!("#{}-local", field_dom_id(Field::PeakNodes)));
    assert!(local.contains("too large"), "{local}");
    assert_eq!(findings_text(&app.root, Field::PeakNodes), "");
    let summary = test_id_text(&app.root, TestId::StepSummary);
    assert!(summary.contains("1 error on this step"), "{summary}");
    assert!(!summary.contains("does not fit"), "{summary}");
    assert_eq!(step_status(&app.root, Step::AddressSpace), "1 error");
    assert_eq!(app.state.error_count(), 1);

    // The same for the idle timeout: 0 is judged by the rule, -1 does not read.
    click(&find(&app.root, "#step-button-egress").unwrap());
    tick().await;
    let timeout = field(&app.root, Field::NatGatewayIdleTimeout);
    type_into(&timeout, "0");
    tick().await;
    assert!(findings_text(&app.root, Field::NatGatewayIdleTimeout).contains("idle timeout is 0 minutes"));
    type_into(&timeout, "-1");
    tick().await;
    let local = text_of(
        &app.root,
        &format!("#{}-local", field_dom_id(Field::NatGatewayIdleTimeout)),
    );
    assert!(local.contains("not a whole number"), "{local}");
    assert_eq!(findings_text(&app.root, Field::NatGatewayIdleTimeout), "");
    assert_eq!(step_status(&app.root, Step::Egress), "1 error");

    // Once the text reads again, the rules judge it again.
    type_into(&field(&app.root, Field::NatGatewayIdleTimeout), "0");
    tick().await;
    assert!(findings_text(&app.root, Field::NatGatewayIdleTimeout).contains("idle timeout is 0 minutes"));
}

/// A start whose plan has no errors (the fresh plan with a name and a region), at `step`.
fn clean_start(step: Step) -> Start {
    let mut start = Start::fresh();
    edit::rename_workspace(&mut start.plan, "adb-prod");
    start.plan.workspace.region = "westeurope".into();
    start.step = step;
    start
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector).and_then(|e| e.text_content()).unwrap_or_default()
}

fn step_status(root: &web_sys::HtmlElement, step: Step) -> String {
    text_of(root, &format!("#step-button-{} .step-status", step.slug()))
}

fn template_download(root: &web_sys::HtmlElement) -> web_sys::Element {
    find(root, "[data-file='template']")
        .and_then(|row| {
            row.query_selector(&format!("[data-testid='{}']", TestId::DownloadButton.as_str()))
                .unwrap()
        })
        .expect("the template row has a download button")
}

#[wasm_bindgen_test]
async fn a_number_that_does_not_read_is_an_error_everywhere_until_fixed() {
    let app = mount(clean_start(Step::Egress));
    tick().await;
    let timeout = field(&app.root, Field::NatGatewayIdleTimeout);
    type_into(&timeout, "zz");
    tick().await;
    // The plan keeps its last good value; everything else says there is an error, naming the field.
    assert_eq!(
        app.state.plan.get_untracked().egress,
        edit::default_egress(EgressKind::NatGateway, "adb-prod")
    );
    let summary = test_id_text(&app.root, TestId::StepSummary);
    assert!(summary.contains("1 error on this step"), "{summary}");
    assert!(
        summary.contains("Idle timeout: \u{201c}zz\u{201d} is not a whole number"),
        "{summary}"
    );
    assert_eq!(step_status(&app.root, Step::Egress), "1 error");
    assert!(find(&app.root, "li.step-error #step-button-egress").is_some());

    // Leaving the step and coming back: the text is still there, never quietly reverted.
    click(&find(&app.root, "#step-button-connectivity").unwrap());
    tick().await;
    assert_eq!(
        step_status(&app.root, Step::Egress),
        "1 error",
        "the stepper still says so"
    );
    click(&find(&app.root, "#step-button-egress").unwrap());
    tick().await;
    let timeout = field(&app.root, Field::NatGatewayIdleTimeout);
    assert_eq!(timeout.value(), "zz");
    assert_eq!(timeout.get_attribute("aria-invalid").as_deref(), Some("true"));

    // The review does not say ready, lists it, and holds the files back with a message naming the field.
    click(&find(&app.root, "#step-button-review").unwrap());
    tick().await;
    let status = test_id_text(&app.root, TestId::ReviewStatus);
    assert!(status.contains("1 error holds back the template"), "{status}");
    let listed = text_of(
        &app.root,
        &format!("[data-testid='{}']", TestId::ReviewFindings.as_str()),
    );
    assert!(listed.contains("Idle timeout"), "{listed}");
    assert_eq!(
        template_download(&app.root).get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    let preview = text_of(
        &app.root,
        &format!("[data-testid='{}']", TestId::ArtifactPreview.as_str()),
    );
    assert!(
        preview.contains("Held back") && preview.contains("Idle timeout"),
        "{preview}"
    );

    // Fixed: the plan takes it and every file is back.
    click(&find(&app.root, "#step-button-egress").unwrap());
    tick().await;
    type_into(&field(&app.root, Field::NatGatewayIdleTimeout), "10");
    tick().await;
    assert!(matches!(
        app.state.plan.get_untracked().egress,
        npip_core::plan::Egress::NatGateway {
            idle_timeout_minutes: 10,
            ..
        }
    ));
    assert!(
        by_test_id(&app.root, TestId::StepSummary).is_none(),
        "no error left on the step"
    );
    assert_eq!(step_status(&app.root, Step::Egress), "Checked");
    click(&find(&app.root, "#step-button-review").unwrap());
    tick().await;
    assert_eq!(
        template_download(&app.root).get_attribute("aria-disabled").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn a_number_that_does_not_read_stops_counting_once_its_option_is_left() {
    let app = mount(clean_start(Step::Egress));
    tick().await;
    type_into(&field(&app.root, Field::NatGatewayIdleTimeout), "zz");
    tick().await;
    assert_eq!(app.state.error_count(), 1);
    app.state.set_egress_kind(EgressKind::LoadBalancer);
    tick().await;
    assert_eq!(
        app.state.error_count(),
        0,
        "the load balancer has no idle timeout field"
    );
}

#[wasm_bindgen_test]
async fn findings_an_edit_causes_on_other_fields_show_at_once() {
    let mut start = clean_start(Step::AddressSpace);
    // An error elsewhere that nobody has touched stays quiet.
    start.plan.workspace.name.clear();
    let app = mount(start);
    tick().await;
    assert!(by_test_id(&app.root, TestId::StepSummary).is_none());
    // A pasted range that covers the VNet and both subnets: the findings are on those fields, not on the list.
    let avoid = find(&app.root, &format!("#{}", field_dom_id(Field::AvoidCidr(0))))
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    type_into(&avoid, "10.0.0.0/8 hub\n192.168.0.0/16 on-premises");
    tick().await;
    let summary = test_id_text(&app.root, TestId::StepSummary);
    assert!(summary.contains("error"), "the step's summary lists them: {summary:?}");
    assert!(!findings_text(&app.root, Field::HostSubnetCidr).is_empty());
    assert!(!findings_text(&app.root, Field::VnetAddressSpace).is_empty());
    assert_eq!(
        step_status(&app.root, Step::Workspace),
        "",
        "the untouched name stays quiet"
    );
}

#[wasm_bindgen_test]
async fn a_list_item_is_numbered_once_in_its_finding() {
    let app = mount(clean_start(Step::AddressSpace));
    tick().await;
    let avoid = find(&app.root, &format!("#{}", field_dom_id(Field::AvoidCidr(0))))
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    type_into(&avoid, "172.31.0.0/24 lab\nnot-a-cidr");
    avoid.blur().unwrap();
    tick().await;
    let text = findings_text(&app.root, Field::AvoidCidr(1));
    // The engine's message names the item ("Avoid range 2 …"); the field does not number it a second time.
    assert!(text.contains("Avoid range 2"), "{text:?}");
    assert!(!text.contains("Range 2:"), "{text:?}");
}

#[wasm_bindgen_test]
async fn the_live_preview_marks_and_scrolls_to_what_an_edit_changed() {
    let app = mount(clean_start(Step::Workspace));
    // The app's own style sheet, which gives the preview its height and scrolling (the test page has none).
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    app.root.append_child(&style).unwrap();
    tick().await;
    let details = by_test_id(&app.root, TestId::LivePreview)
        .unwrap()
        .unchecked_into::<web_sys::HtmlDetailsElement>();
    details.set_open(true);
    // The browser fires `toggle` in a task of its own, after this one.
    until(|| by_test_id(&app.root, TestId::LivePreviewBody).is_some()).await;
    let change = || by_test_id(&app.root, TestId::LivePreviewChange);
    assert!(change().is_none(), "nothing is marked before an edit");
    // The pricing tier is a parameter some way down the template, below the preview's first lines.
    edit_pricing_tier(&app.root, "standard");
    tick().await;
    frame().await;
    let marked = change().expect("the changed lines are marked");
    assert!(
        marked.text_content().unwrap_or_default().contains("\"standard\""),
        "{:?}",
        marked.text_content()
    );
    let pre = marked.closest("pre").unwrap().unwrap();
    assert!(pre.scroll_top() > 0, "the preview scrolled to the change");
    let body = test_id_text(&app.root, TestId::LivePreviewBody);
    assert!(
        body.starts_with('{') && body.trim_end().ends_with('}'),
        "the whole template is still shown"
    );
}

/// Picks a pricing tier on the workspace step as a person would: clicks its radio card.
fn edit_pricing_tier(root: &web_sys::HtmlElement, tier: &str) {
    let radio = find(root, &format!("#{}-{tier}", field_dom_id(Field::PricingTier))).expect("the tier's radio");
    click(&radio);
}

#[wasm_bindgen_test]
async fn the_step_summary_waits_below_the_form_until_next() {
    let app = mount(clean_start(Step::Workspace));
    tick().await;
    let name = field(&app.root, Field::WorkspaceName);
    type_into(&name, "x");
    tick().await;
    // Before Next the summary comes after the form, so the form does not move as it appears.
    let follows_the_form = || {
        let summary = by_test_id(&app.root, TestId::StepSummary).expect("the summary shows");
        let body = find(&app.root, ".step-body").unwrap();
        body.compare_document_position(&summary) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
    };
    assert!(follows_the_form());
    click(&by_test_id(&app.root, TestId::NextButton).unwrap());
    tick().await;
    assert_eq!(
        heading(&app.root),
        Step::Workspace.title(),
        "Next on errors shows them first"
    );
    assert!(!follows_the_form(), "after Next the summary sits above the form");
}

#[wasm_bindgen_test]
async fn a_summary_of_warnings_only_is_drawn_as_a_warning() {
    let app = mount(clean_start(Step::Workspace));
    tick().await;
    type_into(
        &field(&app.root, Field::WorkspaceName),
        "adb-analytics-production-westeurope",
    );
    tick().await;
    let summary = by_test_id(&app.root, TestId::StepSummary).expect("the warning is summarised");
    assert!(summary.text_content().unwrap().contains("1 warning on this step"));
    assert!(summary.class_list().contains("step-summary-warning"));
    type_into(&field(&app.root, Field::WorkspaceName), "x");
    tick().await;
    let summary = by_test_id(&app.root, TestId::StepSummary).unwrap();
    assert!(
        !summary.class_list().contains("step-summary-warning"),
        "an error draws it as an error"
    );
}

#[wasm_bindgen_test]
async fn next_and_the_stepper_move_between_steps_and_focus_the_heading() {
    let mut start = Start::fresh();
    start.plan.workspace.name = "adb-prod".into();
    start.plan.workspace.region = "westeurope".into();
    let app = mount(start);
    tick().await;
    assert_eq!(heading(&app.root), "Workspace");
    click(&by_test_id(&app.root, TestId::NextButton).unwrap());
    tick().await;
    frame().await;
    assert_eq!(heading(&app.root), "Network model");
    let active = document().active_element().map(|e| e.id()).unwrap_or_default();
    assert_eq!(active, "step-heading", "focus moves to the new step's heading");
    click(&find(&app.root, "#step-button-review").unwrap());
    tick().await;
    assert_eq!(heading(&app.root), "Review and export");
    assert!(
        by_test_id(&app.root, TestId::NextButton).is_none(),
        "the last step has no Next"
    );
    click(&by_test_id(&app.root, TestId::BackButton).unwrap());
    tick().await;
    assert_eq!(heading(&app.root), "Egress");
}

#[wasm_bindgen_test]
async fn next_on_a_step_with_errors_shows_them_first() {
    let app = mount(Start::fresh());
    tick().await;
    click(&by_test_id(&app.root, TestId::NextButton).unwrap());
    tick().await;
    assert_eq!(
        heading(&app.root),
        "Workspace",
        "the first Next stays to show the errors"
    );
    let summary = by_test_id(&app.root, TestId::StepSummary).expect("the summary lists them");
    assert!(summary.text_content().unwrap().contains("error"));
    assert!(
        !findings_text(&app.root, Field::Region).is_empty(),
        "every field of the step shows its findings"
    );
    click(&by_test_id(&app.root, TestId::NextButton).unwrap());
    tick().await;
    assert_eq!(heading(&app.root), "Network model", "the second Next goes on anyway");
}

fn egress_options(root: &web_sys::HtmlElement) -> Vec<String> {
    let radios = root
        .query_selector_all(&format!("input[name='{}']", field_dom_id(Field::EgressType)))
        .unwrap();
    (0..radios.length())
        .filter_map(|i| radios.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlInputElement>().value())
        .collect()
}

#[wasm_bindgen_test]
async fn egress_options_follow_the_network_model() {
    let mut start = Start::fresh();
    start.step = Step::Egress;
    let app = mount(start);
    tick().await;
    assert_eq!(egress_options(&app.root), ["nat-gateway", "load-balancer", "firewall"]);

    app.state.set_network_choice(NetworkChoice::ExistingVnet);
    tick().await;
    assert_eq!(
        egress_options(&app.root),
        ["nat-gateway", "load-balancer", "firewall", "service-tag-routes"]
    );

    // Choosing an option by clicking it changes the plan and shows that option's inputs.
    let firewall: web_sys::HtmlInputElement = find(&app.root, "input[value='firewall']").unwrap().unchecked_into();
    firewall.click();
    tick().await;
    assert_eq!(app.state.plan.get_untracked().egress.kind(), EgressKind::Firewall);
    field(&app.root, Field::FirewallPrivateIp);

    app.state.set_network_choice(NetworkChoice::Managed);
    tick().await;
    assert_eq!(egress_options(&app.root), ["managed-nat-gateway"]);
    assert_eq!(
        app.state.plan.get_untracked().egress.kind(),
        EgressKind::ManagedNatGateway
    );

    // Back to injection: the firewall settings come back rather than defaults.
    app.state.set_network_choice(NetworkChoice::ExistingVnet);
    tick().await;
    assert_eq!(app.state.plan.get_untracked().egress.kind(), EgressKind::Firewall);
}

fn has_input(root: &web_sys::HtmlElement, field: Field) -> bool {
    find(root, &format!("#{}", field_dom_id(field))).is_some()
}

#[wasm_bindgen_test]
async fn a_managed_vnet_without_scc_offers_no_nat_gateway_names() {
    let mut start = clean_start(Step::Egress);
    start.plan.network = edit::default_network(NetworkChoice::Managed, "adb-prod");
    start.plan.egress = edit::default_egress(EgressKind::ManagedNatGateway, "adb-prod");
    let app = mount(start);
    tick().await;
    assert!(has_input(&app.root, Field::ManagedNatGatewayName));
    assert!(has_input(&app.root, Field::ManagedPublicIpName));
    assert!(by_test_id(&app.root, TestId::NoManagedNatGateway).is_none());

    // Secure cluster connectivity off: Azure Databricks creates no NAT gateway, so there is nothing to name.
    app.state.update(|p| p.connectivity.secure_cluster_connectivity = false);
    click(&find(&app.root, "#step-button-connectivity").unwrap());
    tick().await;
    click(&find(&app.root, "#step-button-egress").unwrap());
    tick().await;
    assert!(!has_input(&app.root, Field::ManagedNatGatewayName));
    assert!(!has_input(&app.root, Field::ManagedPublicIpName));
    let note = text_of(
        &app.root,
        &format!("[data-testid='{}']", TestId::NoManagedNatGateway.as_str()),
    );
    assert!(note.contains("creates"), "{note}");
    let card = text_of(&app.root, "label[for$='-managed-nat-gateway']");
    assert!(card.contains("Not created without SCC"), "{card}");

    // A name the plan already holds stays editable, so the warning that it is ignored can be fixed.
    app.state.update(|p| {
        if let npip_core::plan::Network::Managed { nat_gateway_name, .. } = &mut p.network {
            *nat_gateway_name = Some("my-nat".into());
        }
    });
    click(&find(&app.root, "#step-button-connectivity").unwrap());
    tick().await;
    click(&find(&app.root, "#step-button-egress").unwrap());
    tick().await;
    assert!(has_input(&app.root, Field::ManagedNatGatewayName));
    assert!(!has_input(&app.root, Field::ManagedPublicIpName));
}

#[wasm_bindgen_test]
async fn a_managed_vnet_is_not_offered_the_required_nsg_rules() {
    let mut start = clean_start(Step::Connectivity);
    start.plan.workspace.pricing_tier = npip_core::plan::PricingTier::Premium;
    let app = mount(start);
    tick().await;
    assert!(find(&app.root, &format!("#{}", field_dom_id(Field::RequiredNsgRules))).is_some());
    assert!(by_test_id(&app.root, TestId::NoOwnNsg).is_none());

    // The network model is chosen on step 2.
    click(&find(&app.root, "#step-button-network").unwrap());
    tick().await;
    app.state.set_network_choice(NetworkChoice::Managed);
    click(&find(&app.root, "#step-button-connectivity").unwrap());
    tick().await;
    assert!(
        find(&app.root, &format!("#{}", field_dom_id(Field::RequiredNsgRules))).is_none(),
        "a managed VNet has no NSG of its own"
    );
    assert!(by_test_id(&app.root, TestId::NoOwnNsg).is_some());

    // A plan that holds the other value shows the choice, so its error can be fixed here.
    app.state
        .update(|p| p.connectivity.required_nsg_rules = npip_core::plan::RequiredNsgRules::NoAzureDatabricksRules);
    tick().await;
    assert!(find(&app.root, &format!("#{}", field_dom_id(Field::RequiredNsgRules))).is_some());
    let all_rules: web_sys::HtmlInputElement = find(&app.root, "input[value='all-rules']").unwrap().unchecked_into();
    all_rules.click();
    tick().await;
    assert!(
        find(&app.root, &format!("#{}", field_dom_id(Field::RequiredNsgRules))).is_some(),
        "it does not vanish under the pointer once fixed"
    );
}

#[wasm_bindgen_test]
async fn a_bad_plan_file_is_refused_and_changes_nothing() {
    let mut start = Start::fresh();
    start.plan.workspace.name = "mine".into();
    let app = mount(start);
    tick().await;
    let before = app.state.plan.get_untracked();

    npip_planner::toolbar::import_plan_text(app.state, "{\n  \"version\": 1,\n  \"workspace\": [\n", "broken.json");
    tick().await;
    assert_eq!(app.state.plan.get_untracked(), before, "the plan is untouched");
    let notices = app.state.notices.get_untracked();
    let refusal = notices.last().expect("a notice says why");
    assert_eq!(refusal.kind, NoticeKind::Error);
    assert!(refusal.text.contains("broken.json"), "{}", refusal.text);
    assert!(
        refusal.detail.as_deref().unwrap_or_default().contains("line"),
        "{:?}",
        refusal.detail
    );
    let shown = by_test_id(&app.root, TestId::Notices).unwrap().text_content().unwrap();
    assert!(shown.contains("Nothing was changed"), "{shown}");

    // A good file replaces the plan and opens the review.
    let example = npip_core::examples::example("firewall")
        .expect("the firewall example exists")
        .text;
    npip_planner::toolbar::import_plan_text(app.state, example, "firewall.json");
    tick().await;
    assert_eq!(app.state.plan.get_untracked().egress.kind(), EgressKind::Firewall);
    assert_eq!(heading(&app.root), "Review and export");
    // The earlier refusal does not linger above the success.
    let shown = by_test_id(&app.root, TestId::Notices).unwrap().text_content().unwrap();
    assert!(!shown.contains("broken.json"), "{shown}");
    assert!(shown.contains("firewall.json was imported"), "{shown}");
    // The replaced work was kept aside.
    let aside: Vec<String> = npip_planner::browser::storage_keys()
        .into_iter()
        .filter(|k| StorageKey::set_aside_id(k).is_some())
        .collect();
    assert!(!aside.is_empty(), "the earlier plan is kept aside");
    for key in aside {
        if let Some(id) = StorageKey::set_aside_id(&key) {
            npip_planner::kept_aside::delete_set_aside(id);
        }
    }
}

fn delete_all_set_aside() {
    for key in npip_planner::browser::storage_keys() {
        if let Some(id) = StorageKey::set_aside_id(&key) {
            npip_planner::kept_aside::delete_set_aside(id);
        }
    }
}

fn notices_text(root: &web_sys::HtmlElement) -> String {
    test_id_text(root, TestId::Notices)
}

/// The notices' texts in screen order, one per notice.
fn notice_texts(root: &web_sys::HtmlElement) -> Vec<String> {
    let list = root.query_selector_all(".notice .notice-text").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
        .collect()
}

fn dismiss_button(root: &web_sys::HtmlElement, index: u32) -> web_sys::Element {
    root.query_selector_all(".notice .notice-close")
        .unwrap()
        .item(index)
        .expect("the notice has a dismiss button")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn each_dismiss_button_closes_its_own_notice() {
    let app = mount(clean_start(Step::Workspace));
    for text in ["First", "Second", "Third", "Fourth"] {
        app.state.notify(NoticeKind::Info, text);
    }
    tick().await;
    assert_eq!(
        notice_texts(&app.root),
        ["Note: First", "Note: Second", "Note: Third", "Note: Fourth"]
    );
    // The list is redrawn in place, so after each removal every button must still belong to the notice it sits on.
    click(&dismiss_button(&app.root, 1));
    tick().await;
    assert_eq!(notice_texts(&app.root), ["Note: First", "Note: Third", "Note: Fourth"]);
    click(&dismiss_button(&app.root, 1));
    tick().await;
    assert_eq!(notice_texts(&app.root), ["Note: First", "Note: Fourth"]);
    click(&dismiss_button(&app.root, 0));
    tick().await;
    assert_eq!(notice_texts(&app.root), ["Note: Fourth"]);
    // A notice of another kind moving up into the first place takes its own look and words with it.
    app.state.notify(NoticeKind::Error, "Fifth");
    tick().await;
    click(&dismiss_button(&app.root, 0));
    tick().await;
    assert_eq!(notice_texts(&app.root), ["Problem: Fifth"]);
    let card = find(&app.root, ".notice").expect("one notice left");
    assert_eq!(card.get_attribute("class").as_deref(), Some("notice notice-error"));
    click(&dismiss_button(&app.root, 0));
    tick().await;
    assert!(notice_texts(&app.root).is_empty());
    assert!(app.state.notices.get_untracked().is_empty());
}

#[wasm_bindgen_test]
async fn work_kept_aside_is_one_notice_and_start_over_clears_the_rest() {
    delete_all_set_aside();
    let app = mount(clean_start(Step::Workspace));
    tick().await;
    let firewall = npip_core::examples::example("firewall").unwrap().text;
    npip_planner::toolbar::import_plan_text(app.state, firewall, "firewall.json");
    tick().await;
    // An example from the header's list, named in the notice as the list shows it.
    let select: web_sys::HtmlSelectElement = by_test_id(&app.root, TestId::ExampleSelect).unwrap().unchecked_into();
    select.set_value("nat-gateway");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    tick().await;
    let shown = notices_text(&app.root);
    let title = npip_core::examples::example("nat-gateway").unwrap().summary;
    assert!(
        shown.contains(&format!("The example \u{201c}{title}\u{201d} was imported")),
        "{shown}"
    );
    assert!(!shown.contains("\u{201c}nat-gateway\u{201d}"), "{shown}");

    // Two plans were kept aside: one notice says so, with the actions for each.
    let kept: Vec<_> = app
        .state
        .notices
        .get_untracked()
        .into_iter()
        .filter(|n| !n.set_aside.is_empty())
        .collect();
    assert_eq!(kept.len(), 1, "one notice for all the work kept aside");
    assert_eq!(kept[0].set_aside.len(), 2);
    assert!(shown.contains("2 pieces of work are kept aside"), "{shown}");
    let deletes = app
        .root
        .query_selector_all(".notice .notice-list button.button-quiet")
        .unwrap();
    assert_eq!(deletes.length(), 2);

    // Start over: the import notices go, the work kept aside (still in storage) stays in its one notice.
    click(&by_test_id(&app.root, TestId::ConfirmYes).unwrap());
    tick().await;
    let shown = notices_text(&app.root);
    assert!(!shown.contains("was imported"), "{shown}");
    assert!(shown.contains("Started over"), "{shown}");
    assert_eq!(app.state.notices.get_untracked().len(), 2, "{shown}");

    // Deleting one leaves the notice about the other.
    click(&deletes.get(0).unwrap().unchecked_into());
    tick().await;
    let kept: Vec<_> = app
        .state
        .notices
        .get_untracked()
        .into_iter()
        .filter(|n| !n.set_aside.is_empty())
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].set_aside.len(), 1);
    assert!(
        notices_text(&app.root).contains("Kept aside on"),
        "{}",
        notices_text(&app.root)
    );
    delete_all_set_aside();
}

#[wasm_bindgen_test]
async fn saved_work_is_restored_exactly_on_load() {
    let mut plan = edit::fresh_plan();
    edit::rename_workspace(&mut plan, "restored-ws");
    plan.workspace.region = "uksouth".into();
    plan.peak_nodes = 77;
    let text = npip_planner::envelope::save_text(&plan, Step::Egress, &[Step::Workspace].into_iter().collect(), &[]);
    npip_planner::browser::storage_set(&StorageKey::State, &text).unwrap();

    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    assert_eq!(heading(&root), "Egress", "the step is restored");
    click(&find(&root, "#step-button-workspace").unwrap());
    tick().await;
    assert_eq!(field(&root, Field::WorkspaceName).value(), "restored-ws");
    assert_eq!(field(&root, Field::Region).value(), "uksouth");
    click(&find(&root, "#step-button-address-space").unwrap());
    tick().await;
    assert_eq!(field(&root, Field::PeakNodes).value(), "77");
    drop(handle);
    root.remove();
    npip_planner::browser::storage_remove(&StorageKey::State);
}

#[wasm_bindgen_test]
async fn errors_hold_back_the_template_and_say_why() {
    let mut start = Start::fresh();
    start.step = Step::Review;
    let app = mount(start);
    tick().await;
    let status = by_test_id(&app.root, TestId::ReviewStatus)
        .unwrap()
        .text_content()
        .unwrap();
    assert!(status.contains("hold back the template"), "{status}");
    let template_row = find(&app.root, "[data-file='template']").unwrap();
    let download = template_row
        .query_selector(&format!("[data-testid='{}']", TestId::DownloadButton.as_str()))
        .unwrap()
        .unwrap();
    assert_eq!(download.get_attribute("aria-disabled").as_deref(), Some("true"));
    let preview = by_test_id(&app.root, TestId::ArtifactPreview)
        .unwrap()
        .text_content()
        .unwrap();
    assert!(preview.contains("Held back by"), "{preview}");

    // Fixing the errors releases it.
    app.state.update(|p| {
        edit::rename_workspace(p, "adb-prod");
        p.workspace.region = "westeurope".into();
    });
    tick().await;
    assert_eq!(download.get_attribute("aria-disabled").as_deref(), Some("false"));
    let preview = by_test_id(&app.root, TestId::ArtifactPreview)
        .unwrap()
        .text_content()
        .unwrap();
    assert!(preview.contains("\"$schema\""), "the template is previewed");
    let diagram = by_test_id(&app.root, TestId::NetworkDiagram).unwrap();
    assert!(
        diagram.query_selector("svg").unwrap().is_some(),
        "the network diagram is drawn"
    );
}

#[wasm_bindgen_test]
async fn a_file_the_plan_does_not_need_is_not_drawn_as_an_error() {
    let mut start = clean_start(Step::Review);
    start.plan.network = edit::default_network(NetworkChoice::Managed, "adb-prod");
    start.plan.egress = edit::default_egress(EgressKind::ManagedNatGateway, "adb-prod");
    let app = mount(start);
    tick().await;
    // A managed VNet has no route table of the plan's: the UDR checklist is not needed, which is no problem.
    let udr = find(&app.root, "[data-file='udr-md']").unwrap();
    assert!(udr
        .text_content()
        .unwrap_or_default()
        .contains("Not needed for this plan"));
    assert!(!udr.class_list().contains("file-blocked"), "muted, not red");
    let template = find(&app.root, "[data-file='template']").unwrap();
    assert!(!template.class_list().contains("file-blocked"));

    // Held back by an error: that one is drawn as a problem.
    app.state.update(|p| p.workspace.name.clear());
    tick().await;
    assert!(template
        .text_content()
        .unwrap_or_default()
        .contains("Held back by errors"));
    assert!(template.class_list().contains("file-blocked"));
    // The checklist the plan does not need stays "not needed", errors or not.
    let udr = find(&app.root, "[data-file='udr-md']").unwrap();
    assert!(udr
        .text_content()
        .unwrap_or_default()
        .contains("Not needed for this plan"));
    assert!(!udr.class_list().contains("file-blocked"));
}

#[wasm_bindgen_test]
async fn the_review_diagram_draws_the_chosen_egress_and_redraws_when_it_changes() {
    let mut start = Start::fresh();
    edit::rename_workspace(&mut start.plan, "adb-pictures");
    start.plan.workspace.region = "westeurope".into();
    start.step = Step::Review;
    let app = mount(start);
    tick().await;
    let drawn = || {
        by_test_id(&app.root, TestId::NetworkDiagram)
            .and_then(|d| d.query_selector("svg").unwrap())
            .and_then(|svg| svg.text_content())
            .unwrap_or_default()
            .to_lowercase()
    };
    let nat = drawn();
    assert!(
        nat.contains("adb-pictures"),
        "the diagram is drawn for this plan: {nat}"
    );
    assert!(nat.contains("nat gateway"), "{nat}");
    assert!(!nat.contains("outbound load balancer"), "{nat}");

    app.state.set_egress_kind(EgressKind::LoadBalancer);
    tick().await;
    let load_balancer = drawn();
    assert!(load_balancer.contains("outbound load balancer"), "{load_balancer}");

    app.state.set_egress_kind(EgressKind::Firewall);
    tick().await;
    let firewall = drawn();
    assert!(firewall.contains("firewall / appliance"), "{firewall}");
    assert!(firewall.contains("route table"), "{firewall}");
    assert!(!firewall.contains("outbound load balancer"), "{firewall}");
}

/// Mounts the whole app as the page does (it loads from storage and autosaves), runs `body`, then unmounts it and
/// clears what it saved.
async fn with_app<F: std::future::Future<Output = ()>>(body: impl FnOnce(web_sys::HtmlElement) -> F) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    body(root.clone()).await;
    drop(handle);
    root.remove();
    npip_planner::browser::storage_remove(&StorageKey::State);
    delete_all_set_aside();
}

#[wasm_bindgen_test]
async fn work_kept_aside_at_a_time_out_of_range_says_the_time_is_unknown() {
    delete_all_set_aside();
    // Milliseconds past the last date JavaScript can hold, and a time that is not a count of milliseconds at all.
    for (id, at) in [("1", "99999999999999999"), ("2", "-5")] {
        let record = format!(r#"{{"reason":"unreadableSave","at":{at},"content":"{{not json"}}"#);
        npip_planner::browser::storage_set(&StorageKey::SetAside(id.to_string()), &record).unwrap();
    }
    with_app(|root| async move {
        let shown = notices_text(&root);
        assert!(shown.contains("2 pieces of work are kept aside"), "{shown}");
        assert!(!shown.contains("0000-"), "{shown}");
        assert_eq!(shown.matches("kept aside at an unknown time").count(), 2, "{shown}");
    })
    .await;
}

#[wasm_bindgen_test]
async fn saved_work_that_cannot_be_kept_aside_is_not_overwritten_by_autosave() {
    delete_all_set_aside();
    // Saved text too large to copy aside within the browser's storage quota, and unreadable.
    let garbage = "x".repeat(2_800_000);
    npip_planner::browser::storage_set(&StorageKey::State, &garbage).unwrap();
    with_app(|root| async move {
        let shown = notices_text(&root);
        assert!(shown.contains("could not be kept aside"), "{shown}");
        assert!(shown.contains("autosave is paused"), "{shown}");
        assert!(!shown.contains("untouched"), "{shown}");
        // Edits are not saved over it.
        type_into(&field(&root, Field::WorkspaceName), "adb-new");
        tick().await;
        let saved = npip_planner::browser::storage_get(&StorageKey::State).unwrap_or_default();
        assert!(
            saved == garbage,
            "the saved text is still there ({} chars)",
            saved.len()
        );

        // Once the person discards it, autosave saves the plan on screen again.
        let discard = by_test_id(&root, TestId::DiscardHeldWork).expect("a button discards the saved work");
        click(&discard);
        tick().await;
        let saved = npip_planner::browser::storage_get(&StorageKey::State).unwrap_or_default();
        assert!(saved.contains("adb-new"), "{}", &saved[..saved.len().min(200)]);
        assert!(!notices_text(&root).contains("autosave is paused"));
    })
    .await;
}

#[wasm_bindgen_test]
async fn pasted_vnet_json_over_the_engines_limit_is_refused_before_it_is_read() {
    let mut start = clean_start(Step::NetworkModel);
    start.plan.network = edit::default_network(NetworkChoice::ExistingVnet, "adb-prod");
    let app = mount(start);
    tick().await;
    let before = app.state.plan.get_untracked();
    // A VNet's JSON that would read, padded past the engine's limit for pasted VNet JSON with spaces.
    let vnet = r#"{"id": "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/big",
        "name": "big", "addressSpace": {"addressPrefixes": ["10.60.0.0/16"]}}"#;
    let padded = format!("{vnet}{}", " ".repeat(npip_core::vnet_import::MAX_VNET_JSON_BYTES));
    let text: web_sys::HtmlInputElement = find(&app.root, "#vnet-import-text").unwrap().unchecked_into();
    type_into(&text, &padded);
    click(&by_test_id(&app.root, TestId::VnetImport).unwrap());
    tick().await;
    let said = text_of(&app.root, "#vnet-import-result");
    assert!(said.starts_with("Nothing was changed"), "{said}");
    assert!(said.contains("MB"), "{said}");
    assert_eq!(app.state.plan.get_untracked(), before);
}
