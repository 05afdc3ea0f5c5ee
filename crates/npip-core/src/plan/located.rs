//! The plan reader's order of work, and its errors located in the text.
//!
//! The text is read twice: once as any JSON (so that a syntax error anywhere is reported before the shape, and a
//! newer format version before the fields this engine does not know), then into the model through serde_path_to_error,
//! which gives the path of the field at fault. The line and column of a shape error are found from that path: each
//! level's raw text (serde_json's `RawValue`) is a slice of the file, so where the value at fault (or, for an
//! unknown or repeated field, its name; for a missing one, the object that lacks it) starts is known exactly.

use super::de::Root;
use super::{Plan, ReadError, ReadErrorKind, PLAN_VERSION};
use crate::json;
use crate::quote::{shown, shown_up_to};
use serde::de::{Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_path_to_error::Segment;
use std::fmt;

/// The longest message the reader gives, past the values it quotes (each cut by [`shown`] already).
const MESSAGE_CHARS: usize = 600;

/// Reads a plan from text already known to be within the size limit.
pub(super) fn read(text: &str) -> Result<Plan, ReadError> {
    let probe = probe(text)?;
    check_version(text, probe.version)?;
    if let Some(schema) = probe.schema {
        return Err(not_a_plan(text, &schema));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let Root(plan) = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| shape(text, error))?;
    deserializer.end().map_err(|error| syntax(text, &error))?;
    Ok(plan)
}

/// What the first reading learns: the `version` and `$schema` members of the top-level object, when it is one.
#[derive(Default)]
struct Probe {
    version: Option<u64>,
    schema: Option<String>,
}

/// Reads the whole text as JSON without building anything (nesting costs no stack: serde_json skips values in a
/// loop), so that a syntax error anywhere comes first.
fn probe(text: &str) -> Result<Probe, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let probe = deserializer
        .deserialize_any(ProbeVisitor)
        .and_then(|probe| deserializer.end().map(|()| probe));
    match probe {
        Ok(probe) => Ok(probe),
        Err(error) if error.is_syntax() || error.is_eof() => Err(syntax(text, &error)),
        // Nothing else can go wrong here; whatever did, the full read reports it with its path.
        Err(_) => Ok(Probe::default()),
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: Error>(self, _: bool) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_u64<E: Error>(self, _: u64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_str<E: Error>(self, _: &str) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_unit<E: Error>(self) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Probe::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        let (mut version_seen, mut schema_seen) = (false, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" if !version_seen => {
                    version_seen = true;
                    probe.version = map.next_value::<Scalar>()?.number;
                }
                "$schema" if !schema_seen => {
                    schema_seen = true;
                    probe.schema = map.next_value::<Scalar>()?.text;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }
}

/// A value kept when it is a whole number or a string, skipped otherwise.
#[derive(Default)]
struct Scalar {
    number: Option<u64>,
    text: Option<String>,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar {
            number: Some(v),
            text: None,
        })
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar {
            number: None,
            text: Some(v.to_string()),
        })
    }
    fn visit_unit<E: Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::default())
    }
}

/// A plan from a newer planner is refused for its version rather than for the fields this engine does not know yet.
/// A `version` that is not a whole number is left to the full read, which reports its type.
fn check_version(text: &str, version: Option<u64>) -> Result<(), ReadError> {
    let supported = u64::from(PLAN_VERSION);
    let Some(version) = version.filter(|v| *v != supported) else {
        return Ok(());
    };
    let message = if version > supported {
        format!(
            "this plan is format version {version}, made by a newer planner; this planner reads version {supported}. \
             Update the planner to open it"
        )
    } else {
        format!("format version {version} does not exist; this planner reads version {supported}")
    };
    let path = [Segment::Map {
        key: "version".to_string(),
    }];
    Err(at(
        text,
        locate(text, &path, Target::Value),
        ReadError {
            path: Some("version".to_string()),
            ..ReadError::new(ReadErrorKind::Version, message)
        },
    ))
}

/// The planner's own outputs sit beside the plan file and are easily picked by mistake: say which file it is.
fn not_a_plan(text: &str, schema: &str) -> ReadError {
    let what = if schema.contains("deploymentParameters") {
        "an ARM parameters file"
    } else if schema.contains("deploymentTemplate") {
        "an ARM template"
    } else {
        "a JSON document with a `$schema`"
    };
    let message = format!(
        "this is {what}, not a plan file; open the plan file the planner saved (its name ends in `.npip-plan.json`)"
    );
    at(
        text,
        locate(text, &[], Target::Value),
        ReadError {
            path: Some("$schema".to_string()),
            ..ReadError::new(ReadErrorKind::Shape, message)
        },
    )
}

/// A syntax error, where serde_json found it.
fn syntax(text: &str, error: &serde_json::Error) -> ReadError {
    let (line, column) = json::error_line_column(text, error);
    ReadError {
        line: Some(line),
        column: Some(column),
        ..ReadError::new(ReadErrorKind::Syntax, json::error_message(error))
    }
}

/// A shape error: the field's path from serde_path_to_error, the line and column from that path.
fn shape(text: &str, error: serde_path_to_error::Error<serde_json::Error>) -> ReadError {
    let mut segments: Vec<Segment> = error.path().iter().cloned().collect();
    let inner = error.into_inner();
    if inner.is_syntax() || inner.is_eof() {
        return syntax(text, &inner);
    }
    let mut message = json::error_message(&inner);
    let mut target = Target::Value;
    if let Some(name) = field_named(&message, "duplicate field `") {
        // serde's derive raises a repeated field at its object: the path gains the field, the position its second name.
        segments.push(Segment::Map { key: name });
        target = Target::Name { second: true };
    } else if message.starts_with("unknown field `") {
        target = Target::Name { second: false };
        // serde's derive quotes the name as it came; the path's last segment is that name.
        if let Some(Segment::Map { key }) = segments.last() {
            let raw = format!("unknown field `{key}`");
            if let Some(rest) = message.strip_prefix(&raw) {
                message = format!("unknown field `{}`{rest}", shown(key));
            }
        }
    }
    // Whatever else a message holds, it stays one line of reasonable length.
    let message = shown_up_to(&message, MESSAGE_CHARS);
    let path = path_text(&segments);
    let position = locate(text, &segments, target).or_else(|| json::error_offset(text, &inner));
    at(
        text,
        position,
        ReadError {
            path: (!path.is_empty()).then_some(path),
            ..ReadError::new(ReadErrorKind::Shape, message)
        },
    )
}

/// The field a message of serde's names after `prefix`, up to its closing backtick.
fn field_named(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(name, _)| name.to_string())
}

/// `network.hostSubnet.cidr`, `avoid[0].label`.
fn path_text(segments: &[Segment]) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&shown(key));
            }
            Segment::Unknown => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push('?');
            }
        }
    }
    path
}

/// What a shape error points at.
#[derive(Clone, Copy)]
enum Target {
    /// The value at the path.
    Value,
    /// The name of the member at the path (its second occurrence, for a repeated one).
    Name { second: bool },
}

/// The byte offset where the value (or member name) at `path` starts, by reading each level's raw text.
fn locate(text: &str, path: &[Segment], target: Target) -> Option<usize> {
    let root: &RawValue = serde_json::from_str(text).ok()?;
    let mut here = root.get();
    for (i, segment) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        match segment {
            Segment::Map { key } => {
                let Members(members) = serde_json::from_str(here).ok()?;
                let mut named = members.into_iter().filter(|(name, _)| name == key);
                let value = match target {
                    Target::Name { second: true } if last => named.nth(1),
                    _ => named.next(),
                }?
                .1;
                if last && matches!(target, Target::Name { .. }) {
                    return name_start(text, offset_in(text, value.get())?);
                }
                here = value.get();
            }
            Segment::Seq { index } => {
                let items: Vec<&RawValue> = serde_json::from_str(here).ok()?;
                here = items.get(*index)?.get();
            }
            Segment::Enum { .. } | Segment::Unknown => return None,
        }
    }
    offset_in(text, here)
}

/// An object's members in order, repeated names kept, each value as its raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Members<'de>, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (offset <= text.len()).then_some(offset)
}

/// Where the name of the member whose value starts at `value` starts: back over `:` and whitespace to the name's
/// closing quote, then to its opening quote (the first quote not escaped by a backslash).
fn name_start(text: &str, value: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = value;
    let skip_space = |at: &mut usize| {
        while *at > 0 && matches!(bytes.get(*at - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *at -= 1;
        }
    };
    skip_space(&mut at);
    if bytes.get(at.checked_sub(1)?) != Some(&b':') {
        return None;
    }
    at -= 1;
    skip_space(&mut at);
    let close = at.checked_sub(1)?;
    if bytes.get(close) != Some(&b'"') {
        return None;
    }
    let mut open = close;
    loop {
        open = bytes.get(..open)?.iter().rposition(|&b| b == b'"')?;
        let backslashes = bytes.get(..open)?.iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(open);
        }
    }
}

/// The error with the line and column of `offset`, when known.
fn at(text: &str, offset: Option<usize>, error: ReadError) -> ReadError {
    match offset {
        Some(offset) => {
            let (line, column) = json::line_column(text, offset);
            ReadError {
                line: Some(line),
                column: Some(column),
                ..error
            }
        }
        None => error,
    }
}
