//! Checks an ARM deployment template against Microsoft's published ARM schemas, committed under `tests/arm-schemas/`
//! (see its README), plus the arm-ttk-style rules Azure's template test kit applies:
//!
//! - the template's own shape (the 2019-04-01 deploymentTemplate schema, resources aside);
//! - every resource against the schema of its type and apiVersion (a pair with no committed schema is a finding),
//!   with no property the schema does not list (see [`close_objects`]);
//! - every `parameters('x')` and `variables('y')` used is declared, and every declared parameter is used;
//! - no resource has a hard-coded location (it comes from a parameter or `resourceGroup().location`);
//! - no apiVersion is over two years old when a newer GA version of its type has a committed schema;
//! - each `dependsOn` names a resource type that the template declares.
//!
//! ARM schemas pair a literal with an expression under `oneOf`; like Azure's own tooling, the checker reads every
//! `oneOf` as `anyOf` (a value such as `"[parameters('x')]"` may match both branches). Every `$ref` resolves from
//! the committed files: nothing is fetched.
#![allow(dead_code)] // each test file uses a different subset

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Registry, Retrieve, Uri, ValidationError, Validator};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const TEMPLATE_SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json";
/// arm-ttk's limit: an apiVersion older than this many days, when a newer GA one exists, is a finding.
const MAX_API_AGE_DAYS: i64 = 730;
/// Long schema messages (an enum of every Azure region) are cut to this many characters.
const MAX_MESSAGE: usize = 300;

/// A calendar date, enough to compare apiVersions (`2025-07-01`) with today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: i64,
    pub day: i64,
}

impl Date {
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs();
        Date::from_days(i64::try_from(secs / 86_400).expect("days fit"))
    }

    /// The date at the start of an apiVersion (`2025-07-01`, `2025-10-01-preview`).
    pub fn of_api(api: &str) -> Option<Date> {
        let mut parts = api.get(..10)?.split('-').map(|p| p.parse::<i64>().ok());
        let date = Date {
            year: parts.next()??,
            month: parts.next()??,
            day: parts.next()??,
        };
        ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (self.month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days`] (civil_from_days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Answers any `$ref` to a file that is not committed with a schema that nothing matches, so such a reference can
/// only fail a check, never pass one. (The deploymentTemplate schema's catalogue of every resource type refers to
/// files the templates never use; the checker validates resources one by one against their own schema instead.)
struct NotCommitted;

impl Retrieve for NotCommitted {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Ok(json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "description": format!("{} is not committed under tests/arm-schemas", uri.as_str()),
            "not": {}
        }))
    }
}

/// The committed schemas, indexed by resource type and apiVersion.
pub struct ArmChecker {
    shape: Validator,
    registry: Registry<'static>,
    /// (lower-case type, apiVersion) -> `$ref` of its resource definition.
    definitions: BTreeMap<(String, String), String>,
    compiled: Mutex<BTreeMap<(String, String), Arc<Validator>>>,
    /// Lower-case type -> its newest GA apiVersion's date among the committed schemas.
    newest_ga: BTreeMap<String, Date>,
}

/// Where the committed schemas live.
pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/arm-schemas")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn compile(registry: &Registry<'static>, schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(false)
        .with_registry(registry)
        .build(schema)
        .unwrap_or_else(|e| panic!("cannot compile {schema}: {e}"))
}

/// The resource schemas list each object's properties but leave the object open (no `additionalProperties`), so a
/// misspelt or invented property would pass. Like Bicep's type check (BCP037), the checker closes every object schema
/// that lists its properties. This is sound for these files: they never combine object schemas with `allOf` (where
/// closing one part would reject the other's properties); the only combination is the literal-or-expression `anyOf`,
/// whose branches stand alone. Walks schema keywords only, so a property named `properties` is not mistaken for one.
fn close_objects(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if map.get("properties").is_some_and(Value::is_object) && !map.contains_key("additionalProperties") {
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    for (keyword, value) in map.iter_mut() {
        match keyword.as_str() {
            "properties" | "patternProperties" | "definitions" | "resourceDefinitions" => value
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.values_mut())
                .for_each(close_objects),
            "additionalProperties" | "items" | "not" => match value {
                Value::Array(items) => items.iter_mut().for_each(close_objects),
                other => close_objects(other),
            },
            "anyOf" | "oneOf" | "allOf" => value.as_array_mut().into_iter().flatten().for_each(close_objects),
            _ => {}
        }
    }
}

/// The properties every resource may have whatever its type (`dependsOn`, `condition`, `copy`...): the
/// deploymentTemplate schema's `resourceBase` and the `ARMResourceBase` it builds on.
fn resource_base_properties(template_schema: &Value) -> Vec<String> {
    let definitions = &template_schema["definitions"];
    let mut parts = vec![&definitions["ARMResourceBase"], &definitions["resourceBase"]];
    parts.extend(definitions["resourceBase"]["allOf"].as_array().into_iter().flatten());
    let names: BTreeSet<String> = parts
        .iter()
        .flat_map(|part| part["properties"].as_object().into_iter().flatten())
        .map(|(k, _)| k.clone())
        .collect();
    assert!(
        names.contains("dependsOn"),
        "the deploymentTemplate schema's resourceBase has no dependsOn"
    );
    names.into_iter().collect()
}

/// Renames every `oneOf` to `anyOf`.
fn one_of_as_any_of(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(branches) = map.remove("oneOf") {
                map.insert("anyOf".into(), branches);
            }
            map.values_mut().for_each(one_of_as_any_of);
        }
        Value::Array(items) => items.iter_mut().for_each(one_of_as_any_of),
        _ => {}
    }
}

fn enum_strings(node: &Value) -> impl Iterator<Item = &str> {
    node["enum"].as_array().into_iter().flatten().filter_map(Value::as_str)
}

impl ArmChecker {
    /// Loads every schema under `dir` (see [`schema_dir`]).
    pub fn load(dir: &Path) -> ArmChecker {
        let mut files = Vec::new();
        json_files(dir, &mut files);
        files.sort();
        assert!(!files.is_empty(), "no ARM schema under {}", dir.display());
        let mut documents = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
            one_of_as_any_of(&mut doc);
            let id = doc["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: no id", path.display()))
                .trim_end_matches('#')
                .to_string();
            documents.push((id, doc));
        }

        let template = documents
            .iter()
            .find(|(id, _)| id == TEMPLATE_SCHEMA)
            .unwrap_or_else(|| panic!("{TEMPLATE_SCHEMA} is not committed under {}", dir.display()))
            .1
            .clone();
        // Resource-type files: objects closed; a resource (top-level or child) may also have the base properties.
        let base = resource_base_properties(&template);
        for (_, doc) in documents
            .iter_mut()
            .filter(|(_, doc)| doc.get("resourceDefinitions").is_some())
        {
            close_objects(doc);
            let allow_base = |resource: &mut Value| {
                if let Some(properties) = resource["properties"].as_object_mut() {
                    for name in &base {
                        properties.entry(name.clone()).or_insert_with(|| json!({}));
                    }
                }
            };
            doc["resourceDefinitions"]
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.values_mut())
                .for_each(allow_base);
            doc["definitions"]
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.iter_mut())
                .filter(|(key, _)| key.ends_with("_childResource"))
                .for_each(|(_, resource)| allow_base(resource));
        }
        let mut resource_refs = Vec::new();
        for (id, doc) in &documents {
            for (key, definition) in doc["resourceDefinitions"].as_object().into_iter().flatten() {
                for resource_type in enum_strings(&definition["properties"]["type"]) {
                    for api in enum_strings(&definition["properties"]["apiVersion"]) {
                        resource_refs.push((
                            resource_type.to_lowercase(),
                            api.to_string(),
                            format!("{id}#/resourceDefinitions/{key}"),
                        ));
                    }
                }
            }
        }

        let registry = Registry::new()
            .retriever(NotCommitted)
            .extend(
                documents
                    .into_iter()
                    .map(|(id, doc)| (id, Draft::Draft4.create_resource(doc))),
            )
            .and_then(|builder| builder.prepare())
            .unwrap_or_else(|e| panic!("the committed ARM schemas do not load: {e}"));
        let shape = {
            // The template's own shape; each resource is checked against its own schema.
            let mut shape = template;
            shape["properties"]["resources"] = json!({"type": "array", "items": {"type": "object"}});
            compile(&registry, &shape)
        };
        let mut definitions = BTreeMap::new();
        let mut newest_ga = BTreeMap::<String, Date>::new();
        for (resource_type, api, reference) in resource_refs {
            if let (false, Some(date)) = (api.contains("preview"), Date::of_api(&api)) {
                let newest = newest_ga.entry(resource_type.clone()).or_insert(date);
                *newest = (*newest).max(date);
            }
            definitions.insert((resource_type, api), reference);
        }
        ArmChecker {
            shape,
            registry,
            definitions,
            compiled: Mutex::new(BTreeMap::new()),
            newest_ga,
        }
    }

    /// The validator of a resource of this type and apiVersion, compiled on first use (the schema files define
    /// hundreds of types the templates never use), or `None` when no committed schema defines the pair.
    fn resource_validator(&self, resource_type: &str, api: &str) -> Option<Arc<Validator>> {
        let key = (resource_type.to_lowercase(), api.to_string());
        let reference = self.definitions.get(&key)?;
        let mut compiled = self.compiled.lock().unwrap();
        let validator = compiled.entry(key).or_insert_with(|| {
            let schema = json!({"allOf": [
                {"$ref": format!("{TEMPLATE_SCHEMA}#/definitions/resourceBase")},
                {"$ref": reference},
            ]});
            Arc::new(compile(&self.registry, &schema))
        });
        Some(Arc::clone(validator))
    }

    /// The committed (type, apiVersion) pairs.
    pub fn known(&self) -> impl Iterator<Item = &(String, String)> {
        self.definitions.keys()
    }

    /// Everything wrong with `template` (empty when it passes), each finding saying where.
    pub fn check(&self, template: &Value, today: Date) -> Vec<String> {
        let Some(top) = template.as_object() else {
            return vec!["the top level is not a JSON object".into()];
        };
        let mut findings = Vec::new();
        if template["$schema"].as_str().map(|s| s.trim_end_matches('#')) != Some(TEMPLATE_SCHEMA) {
            findings.push(format!("$schema should be {TEMPLATE_SCHEMA}#"));
        }
        findings.extend(
            schema_errors(&self.shape, template)
                .into_iter()
                .map(|e| format!("template: {e}")),
        );

        let resources: Vec<&Value> = match &template["resources"] {
            Value::Array(list) => list.iter().collect(),
            Value::Object(symbolic) => symbolic.values().collect(),
            _ => Vec::new(),
        };
        let declared_types: BTreeSet<String> = resources
            .iter()
            .filter_map(|r| r["type"].as_str())
            .map(str::to_lowercase)
            .collect();
        for (i, resource) in resources.iter().enumerate() {
            if !resource.is_object() {
                findings.push(format!("resources[{i}]: not an object"));
                continue;
            }
            let resource_type = resource["type"].as_str().unwrap_or_default();
            let api = resource["apiVersion"].as_str().unwrap_or_default();
            let name = resource["name"].as_str().unwrap_or_default();
            let label = format!("resources[{i}] {resource_type}@{api} '{name}'");
            match self.resource_validator(resource_type, api) {
                None => findings.push(format!(
                    "{label}: no committed schema for this type and apiVersion (tests/arm-schemas/README.md says how to add one)"
                )),
                Some(validator) => {
                    findings.extend(schema_errors(&validator, resource).into_iter().map(|e| format!("{label}: {e}")))
                }
            }
            if let Some(location) = resource["location"].as_str() {
                if !location.is_empty() && !location.starts_with('[') && !location.eq_ignore_ascii_case("global") {
                    findings.push(format!(
                        "{label}: location is hard-coded ('{location}'); use a parameter or resourceGroup().location"
                    ));
                }
            }
            if let (Some(date), Some(newest)) = (Date::of_api(api), self.newest_ga.get(&resource_type.to_lowercase())) {
                if today.days() - date.days() > MAX_API_AGE_DAYS && *newest > date {
                    findings.push(format!(
                        "{label}: apiVersion is over two years old and a newer GA version exists ({newest})"
                    ));
                }
            }
            for dependency in resource["dependsOn"].as_array().into_iter().flatten() {
                let text = dependency.as_str().unwrap_or_default();
                if let Some(named) = depends_on_type(text) {
                    if !declared_types.contains(&named.to_lowercase()) {
                        findings.push(format!(
                            "{label}: dependsOn names type {named}, which the template does not declare"
                        ));
                    }
                }
            }
        }

        let empty = serde_json::Map::new();
        let parameters = template["parameters"].as_object().unwrap_or(&empty);
        let variables = template["variables"].as_object().unwrap_or(&empty);
        let mut used_parameters = BTreeSet::new();
        let mut used_variables = BTreeSet::new();
        // Outside the parameter declarations, and in their defaults (a default may use another parameter).
        for (key, value) in top {
            if key != "parameters" {
                references(&Value::String(key.clone()), &mut used_parameters, &mut used_variables);
                references(value, &mut used_parameters, &mut used_variables);
            }
        }
        for declaration in parameters.values() {
            references(declaration, &mut used_parameters, &mut used_variables);
        }
        let lower = |names: &mut dyn Iterator<Item = &String>| -> BTreeSet<String> {
            names.map(|n| n.to_lowercase()).collect()
        };
        let declared_parameters = lower(&mut parameters.keys());
        let declared_variables = lower(&mut variables.keys());
        let used_lower = lower(&mut used_parameters.iter());
        for name in &used_parameters {
            if !declared_parameters.contains(&name.to_lowercase()) {
                findings.push(format!("parameters('{name}') is used but not declared"));
            }
        }
        for name in &used_variables {
            if !declared_variables.contains(&name.to_lowercase()) {
                findings.push(format!("variables('{name}') is used but not declared"));
            }
        }
        for name in parameters.keys() {
            if !used_lower.contains(&name.to_lowercase()) {
                findings.push(format!("parameter '{name}' is declared but never used"));
            }
        }
        findings
    }
}

/// The resource type a `dependsOn` entry names: `[resourceId('Microsoft.Network/virtualNetworks', ...)]`.
fn depends_on_type(entry: &str) -> Option<&str> {
    let rest = entry.strip_prefix("[resourceId(")?.trim_start().strip_prefix('\'')?;
    rest.split_once('\'').map(|(named, _)| named)
}

/// Collects the names in `parameters('x')` and `variables('y')` of every expression (a string in brackets; `[[` is
/// an escaped literal) in `node`, keys included.
fn references(node: &Value, parameters: &mut BTreeSet<String>, variables: &mut BTreeSet<String>) {
    match node {
        Value::String(s) if s.starts_with('[') && !s.starts_with("[[") => {
            parameters.extend(calls(s, "parameters"));
            variables.extend(calls(s, "variables"));
        }
        Value::Object(map) => {
            for (key, value) in map {
                references(&Value::String(key.clone()), parameters, variables);
                references(value, parameters, variables);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, parameters, variables)),
        _ => {}
    }
}

/// The quoted first argument of every `function('name')` call in `expression`.
fn calls<'a>(expression: &'a str, function: &'a str) -> impl Iterator<Item = String> + 'a {
    expression.match_indices(function).filter_map(move |(at, _)| {
        let before = expression[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None; // part of a longer name
        }
        let rest = expression[at + function.len()..].trim_start().strip_prefix('(')?;
        let rest = rest.trim_start().strip_prefix('\'')?;
        let (name, after) = rest.split_once('\'')?;
        after.trim_start().starts_with(')').then(|| name.to_string())
    })
}

/// One message per schema error, each the most telling of its alternatives (see [`most_telling`]).
fn schema_errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| {
            let error = error.to_owned();
            let leaf = most_telling(&error);
            let path = leaf.instance_path().as_str();
            let mut message = leaf.to_string();
            if message.len() > MAX_MESSAGE {
                let cut = (0..=MAX_MESSAGE)
                    .rev()
                    .find(|&i| message.is_char_boundary(i))
                    .unwrap_or(0);
                message.truncate(cut);
                message.push_str("...");
            }
            format!("{}: {message}", if path.is_empty() { "(root)" } else { path })
        })
        .collect()
}

/// An `anyOf` error says only that no alternative matched. Of its alternatives' errors, the most telling is the one
/// deepest in the instance; at the same depth, a wrong type or a failed pattern is the least telling (a literal
/// fails the expression branch's string type or its `[...]` pattern), and the earlier alternative (the literal one,
/// in ARM's schemas) wins a tie: that is the branch the author meant.
fn most_telling<'e>(error: &'e ValidationError<'static>) -> &'e ValidationError<'static> {
    let ValidationErrorKind::AnyOf { context } = error.kind() else {
        return error;
    };
    let rank = |e: &ValidationError<'static>| {
        let depth = e.instance_path().as_str().matches('/').count();
        let weak = matches!(
            e.kind(),
            ValidationErrorKind::Type { .. } | ValidationErrorKind::Pattern { .. }
        );
        (depth, !weak)
    };
    // `max_by_key` keeps the last of equals: reversed, that is the first alternative.
    context
        .iter()
        .flatten()
        .map(most_telling)
        .rev()
        .max_by_key(|e| rank(e))
        .unwrap_or(error)
}
