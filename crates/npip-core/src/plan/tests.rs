//! The reader on thousands of damaged examples, the leniencies of serde's derive the format refuses, and the saved
//! form against the previous release's.

use super::*;
use serde_json::Value;

/// Every place in a JSON tree, as a JSON pointer.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// Each example with one member taken away, one value replaced, or one member added.
fn damaged_examples() -> Vec<Value> {
    let replacements = [
        Value::Null,
        Value::from(true),
        Value::from(-1),
        Value::from(0),
        Value::from(7),
        Value::from(1.5),
        Value::from(5_000_000_000u64),
        Value::from("x"),
        Value::from("managedNatGateway"),
        Value::from("existing"),
        Value::Array(vec![]),
        Value::Array(vec![Value::from("a")]),
        Value::Object(Default::default()),
    ];
    let mut all = Vec::new();
    for example in crate::examples::EXAMPLES {
        let root: Value = serde_json::from_str(example.text).unwrap();
        let mut places = Vec::new();
        pointers(&root, String::new(), &mut places);
        for place in &places {
            let (parent, member) = place.rsplit_once('/').unwrap_or(("", ""));
            let mut trial = root.clone();
            match trial.pointer_mut(parent) {
                Some(Value::Object(map)) => drop(map.remove(member)),
                Some(Value::Array(items)) => drop(items.remove(member.parse::<usize>().unwrap())),
                _ => {}
            }
            all.push(trial);
            for replacement in &replacements {
                let mut trial = root.clone();
                *trial.pointer_mut(place).unwrap() = replacement.clone();
                all.push(trial);
            }
            if let Some(Value::Object(_)) = root.pointer(place) {
                let mut trial = root.clone();
                if let Some(Value::Object(map)) = trial.pointer_mut(place) {
                    map.insert("unexpected".into(), Value::from(1));
                }
                all.push(trial);
            }
        }
    }
    all
}

#[test]
fn every_refusal_of_a_damaged_example_names_its_place() {
    let mut read = 0;
    let mut refused = 0;
    for trial in damaged_examples() {
        let text = serde_json::to_string_pretty(&trial).unwrap();
        match read_plan(&text) {
            Ok(plan) => {
                assert_eq!(read_plan(&plan.to_json_pretty()).unwrap(), plan, "{text}");
                read += 1;
            }
            Err(e) => {
                // A well-formed text is refused for its shape or version, at a line and column, and (for its
                // shape) at a field's path unless the whole plan is at fault.
                assert!(matches!(e.kind, ReadErrorKind::Shape | ReadErrorKind::Version), "{e}");
                assert!(e.line.is_some() && e.column.is_some(), "{e}\n{text}");
                assert!(
                    e.path.is_some() || e.message.contains("missing field") || e.message.starts_with("expected"),
                    "{e}\n{text}"
                );
                assert!(!e.message.contains('\n'), "{e}");
                refused += 1;
            }
        }
    }
    assert!(read > 300 && refused > 1000, "{read} read, {refused} refused");
}

/// serde's derive alone is more lenient than the format: it reads a struct from an array of its fields in order,
/// takes a variant's index for its name in a tag, and lets the unit variant `managedNatGateway` carry members it
/// ignores. The plan format refuses each, and says what it expected.
#[test]
fn the_derives_leniencies_are_refused() {
    let text = crate::examples::example("nat-gateway").unwrap().text;
    let plan: Value = serde_json::from_str(text).unwrap();
    let refused = |changed: &Value, path: &str, says: &str| {
        let e = read_plan(&changed.to_string()).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref()), (ReadErrorKind::Shape, Some(path)), "{e}");
        assert!(e.message.contains(says), "{e}");
    };
    // Each object the plan holds, written as the array of its values.
    for pointer in [
        "/workspace",
        "/connectivity",
        "/network",
        "/network/vnet",
        "/network/hostSubnet",
        "/egress",
        "/avoid/0",
    ] {
        let mut changed = plan.clone();
        let values: Vec<Value> = changed
            .pointer(pointer)
            .unwrap()
            .as_object()
            .unwrap()
            .values()
            .cloned()
            .collect();
        *changed.pointer_mut(pointer).unwrap() = Value::Array(values);
        let path = pointer.trim_start_matches('/').replace("/0", "[0]").replace('/', ".");
        refused(&changed, &path, "expected an object, found an array");
    }
    let whole: Vec<Value> = plan.as_object().unwrap().values().cloned().collect();
    let e = read_plan(&Value::Array(whole).to_string()).unwrap_err();
    assert!(e.message.contains("expected an object, found an array"), "{e}");
    // A variant's index for its name.
    for (pointer, path, says) in [
        (
            "/network/model",
            "network.model",
            "expected the string `managed` or `vnetInjection`, found the number 0",
        ),
        (
            "/network/vnet/kind",
            "network.vnet.kind",
            "expected the string `new` or `existing`, found the number 0",
        ),
        (
            "/egress/type",
            "egress.type",
            "expected one of the strings `managedNatGateway`, `loadBalancer`",
        ),
    ] {
        let mut changed = plan.clone();
        *changed.pointer_mut(pointer).unwrap() = Value::from(0);
        refused(&changed, path, says);
    }
    let mut changed = plan.clone();
    changed["workspace"]["pricingTier"] = Value::from(1);
    refused(
        &changed,
        "workspace.pricingTier",
        "expected one of the strings `standard`, `premium`",
    );
    // Settings on the option that takes none, after its tag (at the setting) or before it (at the tag).
    let managed = crate::examples::example("managed-default").unwrap().text;
    let after = managed.replace(
        "\"type\": \"managedNatGateway\"",
        "\"type\": \"managedNatGateway\", \"publicIpName\": \"pip\"",
    );
    let says = "unknown field `publicIpName`: egress `managedNatGateway` takes no settings";
    let e = read_plan(&after).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("egress.publicIpName"), "{e}");
    assert!(e.message.contains(says), "{e}");
    let mut before: Value = serde_json::from_str(managed).unwrap();
    before["egress"]["publicIpName"] = Value::from("pip");
    refused(&before, "egress.type", says);
}

#[test]
fn members_read_in_any_order_and_a_member_of_another_variant_is_named() {
    let example = crate::examples::example("firewall").unwrap().text;
    let plan = read_plan(example).unwrap();
    // serde_json's map sorts the members: each tag comes after some of its object's other members.
    let value: Value = serde_json::from_str(example).unwrap();
    let text = value.to_string();
    assert!(text.find("\"type\"").unwrap() > text.find("\"routeTableName\"").unwrap());
    assert!(text.find("\"model\"").unwrap() > text.find("\"hostSubnet\"").unwrap());
    assert_eq!(read_plan(&text).unwrap(), plan);
    // A member of another option after the tag: refused at its name.
    let after = example.replace("\"routeTableName\"", "\"loadBalancerName\"");
    let e = read_plan(&after).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("egress.loadBalancerName"), "{e}");
    let expected = "unknown field `loadBalancerName`, expected one of `type`, `routeTableName`, `firewallPrivateIp`";
    assert!(e.message.starts_with(expected), "{e}");
    // Before the tag, it can only be judged when the tag comes: refused there, named in the message.
    let mut before = value.clone();
    before["egress"]["loadBalancerName"] = Value::from("lb");
    let e = read_plan(&before.to_string()).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("egress.type"), "{e}");
    assert!(e.message.starts_with(expected), "{e}");
    assert!(e.line.is_some(), "{e}");
}

/// The plan files the previous release wrote (with its own JSON writer) are written again byte for byte: the
/// saved form did not change when serde took over writing it.
#[test]
fn the_saved_form_is_the_previous_releases_byte_for_byte() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/share-links");
    let mut compared = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".npip-plan.json") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(read_plan(&text).unwrap().to_json_pretty(), text, "{}", path.display());
            compared += 1;
        }
    }
    assert_eq!(compared, 9);
}

#[test]
fn file_name_keeps_only_safe_characters_of_the_workspace_name() {
    let example = crate::examples::example("nat-gateway").unwrap();
    let mut plan = crate::read_plan(example.text).unwrap();
    plan.workspace.name = " dbw-prod_01 ".into();
    assert_eq!(plan.file_name(), "dbw-prod_01.npip-plan.json");
    plan.workspace.name = "../a b/c".into();
    assert_eq!(plan.file_name(), "abc.npip-plan.json");
    plan.workspace.name = "équipe ✓".into();
    assert_eq!(plan.file_name(), "quipe.npip-plan.json");
    assert_eq!(plan.file_name_with("network.svg"), "quipe.network.svg");
    plan.workspace.name = "//".into();
    assert_eq!(plan.file_name(), PLAN_FILE_NAME);
    assert_eq!(plan.file_name_with("network.svg"), "network.svg");
}

#[test]
fn derived_managed_resource_group_is_cut_to_90_characters() {
    let old = |name: &str| -> String {
        format!("databricks-rg-{name}")
            .chars()
            .take(RESOURCE_GROUP_NAME_MAX)
            .collect()
    };
    for name in [
        "ws",
        "",
        &"a".repeat(76),
        &"a".repeat(77),
        &"é".repeat(80),
        &format!("{}東京", "b".repeat(75)),
    ] {
        let derived = derived_managed_resource_group(name);
        assert_eq!(derived, old(name), "{name}");
        assert!(derived.chars().count() <= RESOURCE_GROUP_NAME_MAX);
    }
}

#[test]
fn an_arm_template_or_parameters_file_is_named_for_what_it_is() {
    let plan = read_plan(
        crate::examples::example("nat-gateway")
            .map(|e| e.text)
            .unwrap_or_default(),
    )
    .unwrap();
    let template = crate::emit::arm_template(&plan).unwrap();
    let error = read_plan(&template).unwrap_err();
    assert_eq!(error.kind, ReadErrorKind::Shape);
    assert!(
        error.message.starts_with("this is an ARM template, not a plan file"),
        "{}",
        error.message
    );
    assert_eq!((error.line, error.path.as_deref()), (Some(1), Some("$schema")));
    let parameters = crate::emit::parameters_file(&plan).unwrap();
    assert!(read_plan(&parameters)
        .unwrap_err()
        .message
        .starts_with("this is an ARM parameters file"));
}
