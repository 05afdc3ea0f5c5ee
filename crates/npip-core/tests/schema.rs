//! The JSON Schema printed by `npip schema` says exactly what the reader accepts: every example passes, and for
//! hundreds of mutations of the examples the schema and the reader give the same verdict.
#![cfg(feature = "schema")]

use npip_core::examples::EXAMPLES;
use npip_core::plan::{
    json_schema, read_plan, ReadErrorKind, MAX_ADDRESS_PREFIXES, MAX_AVOID_RANGES, MAX_CIDR_CHARS, MAX_EXTRA_FQDNS,
    MAX_NAME_CHARS, MAX_RESOURCE_ID_CHARS,
};
use serde_json::{Map, Value};

/// A validator for the part of JSON Schema draft-07 the derived schema uses.
struct Validator {
    root: Value,
}

impl Validator {
    fn valid(&self, schema: &Value, value: &Value) -> bool {
        let Some(schema) = schema.as_object() else {
            return schema.as_bool().unwrap_or(true);
        };
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.strip_prefix("#/definitions/").expect("local reference");
            if !self.valid(&self.root["definitions"][name], value) {
                return false;
            }
        }
        if let Some(types) = schema.get("type") {
            let types: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                _ => panic!("odd type {types}"),
            };
            if !types.iter().any(|t| type_matches(t, value)) {
                return false;
            }
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            if !options.contains(value) {
                return false;
            }
        }
        if let Some(constant) = schema.get("const") {
            if constant != value {
                return false;
            }
        }
        if let Some(minimum) = schema.get("minimum").and_then(Value::as_f64) {
            if value.as_f64().is_some_and(|v| v < minimum) {
                return false;
            }
        }
        if let Some(maximum) = schema.get("maximum").and_then(Value::as_f64) {
            if value.as_f64().is_some_and(|v| v > maximum) {
                return false;
            }
        }
        // JSON Schema counts a string's length in characters (code points), as the reader does.
        if let (Some(max), Value::String(text)) = (schema.get("maxLength").and_then(Value::as_u64), value) {
            if text.chars().count() as u64 > max {
                return false;
            }
        }
        if let (Some(max), Value::Array(items)) = (schema.get("maxItems").and_then(Value::as_u64), value) {
            if items.len() as u64 > max {
                return false;
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            if !all.iter().all(|s| self.valid(s, value)) {
                return false;
            }
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            if !any.iter().any(|s| self.valid(s, value)) {
                return false;
            }
        }
        if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
            if one.iter().filter(|s| self.valid(s, value)).count() != 1 {
                return false;
            }
        }
        if let Value::Object(object) = value {
            if !self.object_valid(schema, object) {
                return false;
            }
        }
        if let (Some(items), Value::Array(list)) = (schema.get("items"), value) {
            if !list.iter().all(|item| self.valid(items, item)) {
                return false;
            }
        }
        true
    }

    fn object_valid(&self, schema: &Map<String, Value>, object: &Map<String, Value>) -> bool {
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            if !required
                .iter()
                .filter_map(Value::as_str)
                .all(|key| object.contains_key(key))
            {
                return false;
            }
        }
        for (key, value) in object {
            match properties.get(key) {
                Some(property) => {
                    if !self.valid(property, value) {
                        return false;
                    }
                }
                None => {
                    if let Some(extra) = schema.get("additionalProperties") {
                        if !self.valid(extra, value) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }
}

fn type_matches(kind: &str, value: &Value) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        other => panic!("unknown type {other}"),
    }
}

fn validator() -> Validator {
    Validator {
        root: serde_json::from_str(&json_schema()).unwrap(),
    }
}

/// What the reader says about a value: `Some(true)` reads, `Some(false)` refused for its shape or its format
/// version (the schema fixes `version` to 1 too), `None` refused for a reason a schema cannot express (size,
/// encoding, syntax; mutations of parsed JSON never hit those).
fn reader_accepts(value: &Value) -> Option<bool> {
    match read_plan(&value.to_string()) {
        Ok(_) => Some(true),
        Err(e) if matches!(e.kind, ReadErrorKind::Shape | ReadErrorKind::Version) => Some(false),
        Err(_) => None,
    }
}

/// Every JSON pointer to a member or element of `value`.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let pointer = format!("{at}/{key}");
                out.push(pointer.clone());
                pointers(child, pointer, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let pointer = format!("{at}/{i}");
                out.push(pointer.clone());
                pointers(child, pointer, out);
            }
        }
        _ => {}
    }
}

/// The plan with the member at `pointer` removed, replaced by `with`, or (for objects) given an extra member.
fn mutations(plan: &Value) -> Vec<Value> {
    let mut all = Vec::new();
    let mut paths = vec![String::new()];
    pointers(plan, String::new(), &mut paths);
    let replacements = [
        Value::Null,
        Value::Bool(true),
        Value::from(-1),
        Value::from(7),
        Value::from(5_000_000_000u64),
        Value::from(2.5),
        Value::from("text"),
        Value::from("vnetInjection"),
        Value::Array(vec![]),
        Value::Object(Map::new()),
        // Just past each bound on texts, and past the bound on the shorter lists.
        Value::from("é".repeat(MAX_CIDR_CHARS + 1)),
        Value::from("é".repeat(MAX_NAME_CHARS)),
        Value::from("é".repeat(MAX_NAME_CHARS + 1)),
        Value::from("é".repeat(MAX_RESOURCE_ID_CHARS + 1)),
        Value::Array(vec![
            Value::from("10.0.0.0/24");
            MAX_EXTRA_FQDNS.max(MAX_ADDRESS_PREFIXES) + 1
        ]),
    ];
    for path in &paths {
        if path.is_empty() {
            continue;
        }
        let (parent, last) = path.rsplit_once('/').unwrap();
        let mut removed = plan.clone();
        match removed.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.remove(last);
            }
            Some(Value::Array(items)) => {
                items.remove(last.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        all.push(removed);
        for replacement in &replacements {
            let mut changed = plan.clone();
            *changed.pointer_mut(path).unwrap() = replacement.clone();
            all.push(changed);
        }
    }
    for path in &paths {
        if let Some(Value::Object(_)) = plan.pointer(path) {
            let mut extra = plan.clone();
            if let Some(Value::Object(map)) = extra.pointer_mut(path) {
                map.insert("unexpected".into(), Value::from(1));
            }
            all.push(extra);
        }
    }
    all
}

#[test]
fn every_example_matches_the_schema() {
    let v = validator();
    for example in EXAMPLES {
        let value: Value = serde_json::from_str(example.text).unwrap();
        assert!(v.valid(&v.root, &value), "{}", example.name);
    }
}

#[test]
fn the_schema_takes_format_version_1_only_as_the_reader_does() {
    let v = validator();
    let plan: Value = serde_json::from_str(EXAMPLES[0].text).unwrap();
    for (version, accepted) in [
        (Value::from(1), true),
        (Value::from(2), false),
        (Value::from(0), false),
        (Value::from(1.5), false),
        (Value::from("1"), false),
    ] {
        let mut changed = plan.clone();
        changed["version"] = version.clone();
        assert_eq!(v.valid(&v.root, &changed), accepted, "schema, version {version}");
        assert_eq!(reader_accepts(&changed), Some(accepted), "reader, version {version}");
    }
    // The schema's words are for people: no Rust doc links.
    assert!(!json_schema().contains("[`"), "a rustdoc link leaked into the schema");
}

#[test]
fn schema_and_reader_agree_on_mutated_examples() {
    let v = validator();
    let mut compared = 0;
    for example in EXAMPLES {
        let plan: Value = serde_json::from_str(example.text).unwrap();
        for mutated in mutations(&plan) {
            let Some(reader) = reader_accepts(&mutated) else {
                continue;
            };
            let schema = v.valid(&v.root, &mutated);
            assert_eq!(
                schema, reader,
                "{}: schema says {schema}, reader says {reader} for\n{mutated:#}",
                example.name
            );
            compared += 1;
        }
    }
    assert!(compared > 1000, "only {compared} mutations compared");
}

#[test]
fn schema_and_reader_agree_at_the_bound_on_ranges_to_avoid() {
    let v = validator();
    let plan: Value = serde_json::from_str(EXAMPLES[0].text).unwrap();
    let range = serde_json::json!({ "cidr": "10.0.0.0/24", "label": "x" });
    for (count, accepted) in [(MAX_AVOID_RANGES, true), (MAX_AVOID_RANGES + 1, false)] {
        let mut changed = plan.clone();
        changed["avoid"] = Value::Array(vec![range.clone(); count]);
        assert_eq!(v.valid(&v.root, &changed), accepted, "schema, {count} ranges");
        assert_eq!(reader_accepts(&changed), Some(accepted), "reader, {count} ranges");
    }
}
