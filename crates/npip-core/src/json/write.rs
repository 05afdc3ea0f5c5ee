//! A streaming JSON writer that keeps object keys in the order they are written, pretty or compact.
//!
//! ARM templates read best in their conventional order (`$schema`, `contentVersion`, `parameters`, …; `type`,
//! `apiVersion`, `name` first in a resource). serde_json's `Map` sorts keys unless its `preserve_order` feature is on,
//! and that feature would change `Map` for every crate in the build, the web app included. So the emitters write
//! their JSON with this writer instead, straight into the output: no tree to build and free, which keeps emitting all
//! artifacts within the benchmark's budget. The layout matches `serde_json::to_string_pretty` (two-space indent), and
//! the same calls give the same bytes on every platform.

/// Writes one JSON document. Containers take a closure that writes their content:
///
/// ```text
/// let mut w = JsonWriter::new();
/// w.object(|w| {
///     w.key("name").str("adb");
///     w.key("tags").array(|w| w.str("a"));
/// });
/// let text = w.finish();
/// ```
pub struct JsonWriter {
    out: Vec<u8>,
    depth: usize,
    /// Line breaks and two-space indents between tokens; compact output has no whitespace at all.
    pretty: bool,
    /// Nothing written yet in the innermost open container.
    fresh: bool,
    /// A key was written; its value comes next, with no separator.
    after_key: bool,
}

impl Default for JsonWriter {
    fn default() -> JsonWriter {
        JsonWriter::new()
    }
}

impl JsonWriter {
    /// A writer with the pretty layout (two-space indent), as `serde_json::to_string_pretty` writes.
    pub fn new() -> JsonWriter {
        JsonWriter::with_capacity(16 * 1024)
    }

    /// A pretty writer whose buffer starts at `bytes` (about the document's size), so that it rarely grows.
    pub fn with_capacity(bytes: usize) -> JsonWriter {
        JsonWriter {
            out: Vec::with_capacity(bytes),
            depth: 0,
            pretty: true,
            fresh: true,
            after_key: false,
        }
    }

    /// A writer with no whitespace between tokens, as `serde_json::to_string` writes.
    pub fn compact() -> JsonWriter {
        JsonWriter {
            pretty: false,
            ..JsonWriter::with_capacity(256)
        }
    }

    /// The document, ending in a newline.
    pub fn finish(mut self) -> String {
        self.out.push(b'\n');
        self.into_text()
    }

    /// The document as written, with no newline after it (a compact document is then one line).
    pub fn into_text(self) -> String {
        // Every piece written came from a `&str` or is ASCII, so the bytes are UTF-8.
        String::from_utf8(self.out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The separator before a token in the innermost container (a comma unless it is the first), then, in the
    /// pretty layout, a line break and the indent of `depth`: one append, as this runs before every key and value.
    fn separate(&mut self, depth: usize) {
        let comma = !self.fresh;
        self.fresh = false;
        if self.pretty {
            separator_line(&mut self.out, comma, depth);
        } else if comma {
            self.out.push(b',');
        }
    }

    /// The separator and line break before a value in an array (nothing after a key or at the top).
    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else if self.depth > 0 {
            self.separate(self.depth);
        } else {
            self.fresh = false;
        }
    }

    /// Writes a key of the innermost object; the next call writes its value. Keys are the program's own names,
    /// which never need an escape, so they go out without the escape scan (most keys are written once per value);
    /// [`JsonWriter::key_text`] takes a key made from data.
    pub fn key(&mut self, key: &'static str) -> &mut JsonWriter {
        debug_assert!(!has_escape(key.as_bytes()), "key {key:?} needs escaping: use key_text");
        // Keys are the most frequent token: separator, quotes, name and colon go out in one append.
        let separator = LINE.get(usize::from(self.fresh)..2 + 2 * self.depth);
        if let (true, Some(separator)) = (self.pretty, separator) {
            let mut token = Gather::new();
            if token.put(separator) && token.put(b"\"") && token.put(key.as_bytes()) && token.put(b"\": ") {
                self.fresh = false;
                self.after_key = true;
                self.out.extend_from_slice(token.bytes());
                return self;
            }
        }
        self.separate(self.depth);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.key_end()
    }

    /// Writes a key that may need escaping (one made from data).
    pub fn key_text(&mut self, key: &str) -> &mut JsonWriter {
        self.separate(self.depth);
        self.out.push(b'"');
        write_string_body(&mut self.out, key);
        self.key_end()
    }

    fn key_end(&mut self) -> &mut JsonWriter {
        self.out.extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
        self.after_key = true;
        self
    }

    pub fn object(&mut self, body: impl FnOnce(&mut JsonWriter)) {
        self.open(b'{');
        body(self);
        self.close(b'}');
    }

    pub fn array(&mut self, body: impl FnOnce(&mut JsonWriter)) {
        self.open(b'[');
        body(self);
        self.close(b']');
    }

    // Opening and closing are not generic, so each container's body is the only code repeated per call site.
    fn open(&mut self, bracket: u8) {
        self.before_value();
        self.out.push(bracket);
        self.depth += 1;
        self.fresh = true;
    }

    fn close(&mut self, bracket: u8) {
        let empty = self.fresh;
        self.depth = self.depth.saturating_sub(1);
        if !empty && self.pretty {
            separator_line(&mut self.out, false, self.depth);
        }
        self.out.push(bracket);
        self.fresh = false;
    }

    pub fn str(&mut self, value: &str) {
        self.before_value();
        write_string(&mut self.out, value);
    }

    /// One string value made of several pieces (an ARM expression, say), without building it first.
    pub fn str_parts(&mut self, parts: &[&str]) {
        self.before_value();
        self.out.push(b'"');
        for part in parts {
            write_string_body(&mut self.out, part);
        }
        self.out.push(b'"');
    }

    pub fn bool(&mut self, value: bool) {
        self.before_value();
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
    }

    pub fn int(&mut self, value: i64) {
        self.before_value();
        if value < 0 {
            self.out.push(b'-');
        }
        write_digits(&mut self.out, value.unsigned_abs());
    }

    /// An unsigned number (a `u64` does not always fit [`JsonWriter::int`]).
    pub fn uint(&mut self, value: u64) {
        self.before_value();
        write_digits(&mut self.out, value);
    }

    pub fn null(&mut self) {
        self.before_value();
        self.out.extend_from_slice(b"null");
    }

    /// An array of strings.
    pub fn strs<S: AsRef<str>>(&mut self, values: &[S]) {
        self.open(b'[');
        for value in values {
            self.str(value.as_ref());
        }
        self.close(b']');
    }

    /// A string, or `null` when there is none.
    pub fn opt_str(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.str(value),
            None => self.null(),
        }
    }
}

/// A comma, a line break and the indents of up to 31 levels: separators are slices of it.
const LINE: &[u8] = b",\n                                                              ";

/// A few small pieces gathered on the stack, to append in one go: at opt-level z every append is a call that checks
/// the capacity and then copies.
struct Gather {
    buf: [u8; 64],
    len: usize,
}

impl Gather {
    fn new() -> Gather {
        Gather { buf: [0; 64], len: 0 }
    }

    /// Adds `bytes`; false (and nothing added) when they do not fit.
    fn put(&mut self, bytes: &[u8]) -> bool {
        let end = self.len + bytes.len();
        match self.buf.get_mut(self.len..end) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len = end;
                true
            }
            None => false,
        }
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// Writes an optional comma, a line break and the indent of `depth` levels (two spaces each), as one slice of a
/// constant where it fits.
fn separator_line(out: &mut Vec<u8>, comma: bool, depth: usize) {
    let start = usize::from(!comma);
    match LINE.get(start..2 + 2 * depth) {
        Some(piece) => out.extend_from_slice(piece),
        None => {
            out.extend_from_slice(LINE.get(start..2).unwrap_or_default());
            for _ in 0..depth {
                out.extend_from_slice(b"  ");
            }
        }
    }
}

/// Writes a number's decimal digits without the formatting machinery.
fn write_digits(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(digit) = digits.get_mut(at) {
            *digit = b'0' + (value % 10) as u8;
        }
        value /= 10;
        if value == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// Whether a byte must be escaped in a JSON string. Every such byte is ASCII, and UTF-8 never uses ASCII bytes
/// inside a multi-byte character, so a byte scan cannot split one.
const fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether any byte needs an escape, eight bytes at a time (a bit trick over `u64` words: a byte below 0x20, or a
/// byte equal to `"` or `\\`, leaves its high bit set in the masks below).
fn has_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            return true;
        };
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) | below(x ^ (ONES * u64::from(b'"')), 1) | below(x ^ (ONES * u64::from(b'\\')), 1) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| needs_escape(b))
}

/// Writes a JSON string literal: quotes, backslashes and control characters escaped, everything else as UTF-8.
fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    write_string_body(out, text);
    out.push(b'"');
}

/// Writes a string's content, escaped, without the quotes.
fn write_string_body(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Most strings need no escape: one fast scan, then one copy.
    if !has_escape(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    for &byte in bytes {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0..=0x1f => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                for nibble in [byte >> 4, byte & 0xf] {
                    out.push(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'));
                }
            }
            _ => out.push(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(w: &mut JsonWriter, keys: [&'static str; 4]) {
        w.object(|w| {
            for key in keys {
                w.key(key);
                match key {
                    "a" => w.array(|w| {
                        w.null();
                        w.bool(true);
                        w.object(|_| {});
                        w.str_parts(&["[x", "\"y\"", "]"]);
                    }),
                    "b" => w.int(-3),
                    "empty" => w.strs::<&str>(&[]),
                    _ => w.str("quote \" slash \\ tab \t bell \u{7} é"),
                }
            }
        });
    }

    #[test]
    fn pretty_layout_matches_serde_json() {
        let mut ours = JsonWriter::new();
        sample(&mut ours, ["b", "a", "empty", "text"]);
        let ours = ours.finish();
        // Same layout as serde_json when the keys happen to be in serde_json's (sorted) order.
        let mut sorted = JsonWriter::new();
        sample(&mut sorted, ["a", "b", "empty", "text"]);
        let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(sorted.finish(), serde_json::to_string_pretty(&value).unwrap() + "\n");
        assert_eq!(value["a"][3], "[x\"y\"]");
        // Our order is kept.
        assert!(ours.find("\"b\"").unwrap() < ours.find("\"a\"").unwrap());
    }

    #[test]
    fn compact_layout_matches_serde_json() {
        let mut ours = JsonWriter::compact();
        sample(&mut ours, ["a", "b", "empty", "text"]);
        let ours = ours.into_text();
        let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours, serde_json::to_string(&value).unwrap());
        assert!(!ours.contains('\n'));
    }

    #[test]
    fn top_level_scalars_and_empty_containers() {
        let mut w = JsonWriter::new();
        w.str("x");
        assert_eq!(w.finish(), "\"x\"\n");
        let mut w = JsonWriter::new();
        w.object(|_| {});
        assert_eq!(w.finish(), "{}\n");
    }

    #[test]
    fn the_fast_scan_finds_every_escape_at_every_position() {
        for len in 0..20 {
            for at in 0..len {
                for special in [0u8, 0x1f, b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert!(has_escape(&bytes), "{special:#x} at {at} of {len}");
                }
            }
            assert!(!has_escape(&vec![b'a'; len]));
        }
        // Neighbours of the special bytes, and UTF-8, need no escape.
        assert!(!has_escape(b" !#[]{}~\x7f"));
        assert!(!has_escape("élan ✓ 東京 tunnel.westeurope".as_bytes()));
    }

    #[test]
    fn numbers_match_their_display() {
        for value in [0, 7, -3, 10, 1_000_000, i64::MIN, i64::MAX] {
            let mut w = JsonWriter::compact();
            w.int(value);
            assert_eq!(w.into_text(), value.to_string());
        }
        for value in [0, 9, 10, u64::MAX] {
            let mut w = JsonWriter::compact();
            w.uint(value);
            assert_eq!(w.into_text(), value.to_string());
        }
    }

    #[test]
    fn deep_nesting_indents_past_the_constant() {
        let mut w = JsonWriter::new();
        fn nest(w: &mut JsonWriter, left: usize) {
            if left == 0 {
                w.int(1);
            } else {
                w.array(|w| nest(w, left - 1));
            }
        }
        nest(&mut w, 40);
        let ours = w.finish();
        let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours, serde_json::to_string_pretty(&value).unwrap() + "\n");
    }

    #[test]
    fn a_key_from_data_is_escaped() {
        let mut w = JsonWriter::compact();
        w.object(|w| w.key_text("a\"b").null());
        assert_eq!(w.into_text(), r#"{"a\"b":null}"#);
    }

    #[test]
    fn every_control_character_round_trips() {
        let text: String = (0u8..0x20).map(char::from).chain("\"\\/✓".chars()).collect();
        let mut w = JsonWriter::new();
        w.str(&text);
        let printed = w.finish();
        let back: String = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, text);
    }
}
