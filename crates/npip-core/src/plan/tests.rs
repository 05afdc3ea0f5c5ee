//! The reader and the writer against the serde model the JSON Schema is derived from: on thousands of damaged
//! examples they accept the same plans and read them the same, and they write the same bytes.

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

/// Where serde's derive is more lenient than the plan format, by design of the format: it reads a struct from an
/// array of its fields in order, lets the unit variant `managedNatGateway` carry members it ignores, takes a variant's
/// index for its name in a tag (`"kind": 0`), and takes any `version` (the reader refuses every version but
/// [`PLAN_VERSION`]).
fn serde_leniency(trial: &Value) -> bool {
    fn has_array_for_object(value: &Value, key: &str) -> bool {
        match value {
            Value::Object(map) => map.iter().any(|(k, v)| has_array_for_object(v, k)),
            Value::Array(items) if ["avoid", "addressPrefixes", "extraFqdns"].contains(&key) => {
                items.iter().any(|v| has_array_for_object(v, ""))
            }
            Value::Array(_) => true,
            _ => false,
        }
    }
    let unit_with_members = trial["egress"]["type"] == "managedNatGateway"
        && trial["egress"].as_object().is_some_and(|egress| egress.len() > 1);
    let tag_by_index = [
        &trial["network"]["model"],
        &trial["network"]["vnet"]["kind"],
        &trial["egress"]["type"],
    ]
    .iter()
    .any(|tag| tag.is_u64());
    has_array_for_object(trial, "") || unit_with_members || tag_by_index || trial["version"] != PLAN_VERSION
}

#[test]
fn reader_accepts_and_reads_what_the_serde_model_does() {
    let mut compared = 0;
    let mut refused = 0;
    for trial in damaged_examples() {
        let text = serde_json::to_string_pretty(&trial).unwrap();
        let ours = read_plan(&text);
        let theirs = serde_json::from_str::<Plan>(&text);
        match (&ours, &theirs) {
            (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "{text}"),
            (Err(_), Err(_)) => refused += 1,
            (Err(_), Ok(_)) if serde_leniency(&trial) => {}
            _ => panic!("ours {ours:?}, serde {:?} for\n{text}", theirs.map(|_| ())),
        }
        if let Err(e) = &ours {
            // Every refusal of a well-formed text names a line and column.
            assert!(e.line.is_some() && e.column.is_some(), "{e}");
        }
        compared += 1;
    }
    assert!(
        compared > 2000 && refused > 1000,
        "{compared} compared, {refused} refused"
    );
}

#[test]
fn writer_writes_what_the_serde_model_writes() {
    let mut compared = 0;
    for trial in damaged_examples() {
        let Ok(plan) = serde_json::from_value::<Plan>(trial) else {
            continue;
        };
        let mut theirs = serde_json::to_string_pretty(&plan).unwrap();
        theirs.push('\n');
        assert_eq!(plan.to_json_pretty(), theirs);
        compared += 1;
    }
    let mut plan = crate::read_plan(crate::examples::example("firewall").unwrap().text).unwrap();
    plan.workspace.name = "a \"quoted\" \\ name\n\u{e9}\u{7}".into();
    plan.workspace.managed_resource_group = Some("rg".into());
    assert_eq!(
        plan.to_json_pretty(),
        serde_json::to_string_pretty(&plan).unwrap() + "\n"
    );
    assert!(compared > 300, "{compared}");
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
