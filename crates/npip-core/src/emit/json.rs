//! A small JSON tree that keeps object keys in the order they were added, and its pretty printer.
//!
//! ARM templates read best in their conventional order (`$schema`, `contentVersion`, `parameters`, …; `type`,
//! `apiVersion`, `name` first in a resource). serde_json's `Map` sorts keys unless its `preserve_order` feature is on,
//! and that feature would change `Map` for every crate in the build, the web app included. So the emitters build this
//! tree instead; the printer's layout matches `serde_json::to_string_pretty` (two-space indent), and the output is
//! the same bytes for the same tree on every platform.

/// A JSON value with ordered objects.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Object),
}

/// A JSON object whose keys keep their insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    pub fn new() -> Object {
        Object(Vec::new())
    }

    /// Adds a key. Callers add each key once; the emitters' tests check the output parses without duplicates.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        self.0.push((key.into(), value.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Json {
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// An object from key/value pairs, in that order.
    pub fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Json {
        let mut object = Object::new();
        for (key, value) in pairs {
            object.push(key, value);
        }
        Json::Obj(object)
    }

    /// Pretty-printed text ending in a newline.
    pub fn to_pretty(&self) -> String {
        let mut out = String::with_capacity(4096);
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Arr(items) if !items.is_empty() => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Obj(Object(pairs)) if !pairs.is_empty() => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
            scalar_or_empty => scalar_or_empty.write_compact(out),
        }
    }

    fn write_compact(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Str(s) => write_string(out, s),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_compact(out);
                }
                out.push(']');
            }
            Json::Obj(Object(pairs)) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, key);
                    out.push(':');
                    value.write_compact(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<Object> for Json {
    fn from(object: Object) -> Json {
        Json::Obj(object)
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}

impl From<&str> for Json {
    fn from(value: &str) -> Json {
        Json::Str(value.to_string())
    }
}

impl From<String> for Json {
    fn from(value: String) -> Json {
        Json::Str(value)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Arr(items)
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Writes a JSON string literal: quotes, backslashes and control characters escaped, everything else as UTF-8.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_layout_matches_serde_json() {
        let tree = Json::obj([
            ("b", Json::Int(-3)),
            ("a", Json::Arr(vec![Json::Null, Json::Bool(true), Json::obj([])])),
            ("empty", Json::Arr(vec![])),
            ("text", Json::str("quote \" slash \\ tab \t bell \u{7} é")),
        ]);
        let ours = tree.to_pretty();
        // Same layout as serde_json when the keys happen to be in serde_json's (sorted) order.
        let sorted = Json::obj([
            ("a", Json::Arr(vec![Json::Null, Json::Bool(true), Json::obj([])])),
            ("b", Json::Int(-3)),
            ("empty", Json::Arr(vec![])),
            ("text", Json::str("quote \" slash \\ tab \t bell \u{7} é")),
        ]);
        let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(sorted.to_pretty(), serde_json::to_string_pretty(&value).unwrap() + "\n");
        // Our order is kept.
        assert!(ours.find("\"b\"").unwrap() < ours.find("\"a\"").unwrap());
    }

    #[test]
    fn every_control_character_round_trips() {
        let text: String = (0u8..0x20).map(char::from).chain("\"\\/✓".chars()).collect();
        let printed = Json::str(text.clone()).to_pretty();
        let back: String = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, text);
    }
}
