//! A strict JSON parser (RFC 8259) into a small tree that remembers where each value starts.
//!
//! The plan reader walks this tree with the paths and the positions it needs for its messages, so every error can
//! name both the field and its line and column. Object members keep their order and any repeated names (the reader
//! refuses those). Nesting is limited to [`MAX_DEPTH`] levels so that no input can exhaust the stack.

/// The deepest nesting of arrays and objects the parser accepts (a plan needs five).
pub const MAX_DEPTH: usize = 128;

/// One JSON value and the byte offset in the text where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// A member of an object: its name, where the name starts, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub offset: usize,
    pub value: Node,
}

/// A number as written (the grammar is checked; nothing is rounded or converted until asked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, when the literal is a whole number that fits a `u64` (no fraction, no exponent; `-0` is 0).
    pub fn as_u64(&self) -> Option<u64> {
        let digits = match self.0.strip_prefix('-') {
            Some("0") => return Some(0),
            Some(_) => return None,
            None => self.0.as_str(),
        };
        digits.parse().ok()
    }
}

/// Why a text is not JSON, and the byte offset where that became clear.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: &'static str,
    pub offset: usize,
}

impl Node {
    /// The members, when this is an object.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The first member of that name, when this is an object.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.members()?.iter().find(|m| m.name == name).map(|m| &m.value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match &self.value {
            Value::Number(number) => number.as_u64(),
            _ => None,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset, as editors count them.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Count characters, not bytes: continuation bytes of UTF-8 are 0b10xx_xxxx.
    let column = 1 + before
        .get(line_start..)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b & 0xc0 != 0x80)
        .count();
    (line, column)
}

/// Parses one JSON document: a single value with only whitespace around it.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    parser.skip_whitespace();
    let node = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("trailing characters after the end of the JSON value"));
    }
    Ok(node)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error(&self, message: &'static str) -> SyntaxError {
        SyntaxError {
            message,
            offset: self.pos.min(self.bytes.len()),
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node, SyntaxError> {
        let offset = self.pos;
        let value =
            match self.peek() {
                None => return Err(self.error("the text ends where a value should be")),
                Some(b'{') => self.object()?,
                Some(b'[') => self.array()?,
                Some(b'"') => Value::String(self.string()?),
                Some(b't') => self.literal("true", Value::Bool(true))?,
                Some(b'f') => self.literal("false", Value::Bool(false))?,
                Some(b'n') => self.literal("null", Value::Null)?,
                Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
                Some(_) => return Err(self.error(
                    "expected a value: an object, an array, a string in double quotes, a number, true, false or null",
                )),
            };
        Ok(Node { value, offset })
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(
                "expected a value: an object, an array, a string in double quotes, a number, true, false or null",
            ))
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("arrays and objects are nested more than 128 levels deep"));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("the text ends inside an object: a `}` is missing")),
                Some(_) => return Err(self.error("expected a member name in double quotes")),
            }
            let offset = self.pos;
            let name = self.string()?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("the text ends inside an object: a `}` is missing")),
                Some(_) => return Err(self.error("expected `:` after the member name")),
            }
            self.skip_whitespace();
            let value = self.value()?;
            members.push(Member { name, offset, value });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.error("the text ends inside an object: a `}` is missing")),
                Some(_) => return Err(self.error("expected `,` or `}` after the member's value")),
            }
        }
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace();
            if self.peek().is_none() {
                return Err(self.error("the text ends inside an array: a `]` is missing"));
            }
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.error("the text ends inside an array: a `]` is missing")),
                Some(_) => return Err(self.error("expected `,` or `]` after the array item")),
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    /// A string literal, starting at its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one piece. Those are all ASCII,
            // so the run ends on a character boundary.
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("the text ends inside a string: a closing `\"` is missing")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(
                        "a control character (such as a line break or tab) inside a string; write it as an escape \
                         such as \\n or \\t",
                    ))
                }
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let plain = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let c = self.unicode_escape()?;
                out.push(c);
                return Ok(());
            }
            None => return Err(self.error("the text ends inside a string: a closing `\"` is missing")),
            Some(_) => {
                return Err(
                    self.error("unknown escape in a string; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
                )
            }
        };
        self.pos += 1;
        out.push(plain);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining a UTF-16 surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let high = self.hex4()?;
        let code = match high {
            0xd800..=0xdbff => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.error("a \\u escape holds half of a character (a lone surrogate)"));
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&low) {
                    return Err(self.error("a \\u escape holds half of a character (a lone surrogate)"));
                }
                0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
            }
            0xdc00..=0xdfff => return Err(self.error("a \\u escape holds half of a character (a lone surrogate)")),
            _ => high,
        };
        char::from_u32(code).ok_or_else(|| self.error("a \\u escape that is not a character"))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("a \\u escape needs four hexadecimal digits"))?;
            value = value * 16 + digit;
            self.pos += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("a number needs a digit here")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("a number needs a digit after its decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("a number needs a digit in its exponent"));
            }
        }
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            // Only a leading zero stops the digits early: `01`.
            return Err(self.error("a number cannot have a leading zero"));
        }
        Ok(Number(self.text.get(start..self.pos).unwrap_or_default().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(text: &str) -> (usize, usize, &'static str) {
        let e = parse(text).unwrap_err();
        let (line, column) = line_column(text, e.offset);
        (line, column, e.message)
    }

    /// The tree as serde_json's `Value`, to compare the two parsers.
    fn to_serde(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(n.as_str()).unwrap(),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.name.clone(), to_serde(&m.value));
                }
                serde_json::Value::Object(map)
            }
        }
    }

    #[test]
    fn values_positions_and_members_in_order() {
        let text = "{\"b\": [1, -2.5e3, true, null], \"a\": \"x\\u00e9\\ud83d\\ude00\\n\", \"b\": {}}";
        let node = parse(text).unwrap();
        let members = node.members().unwrap();
        assert_eq!(
            members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["b", "a", "b"]
        );
        assert_eq!(members[1].offset, text.find("\"a\"").unwrap());
        assert_eq!(members[1].value.as_str(), Some("xé😀\n"));
        let Value::Array(items) = &members[0].value.value else {
            panic!()
        };
        assert_eq!(items[1].offset, text.find("-2.5e3").unwrap());
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(node.get("a").and_then(Node::as_str), Some("xé😀\n"));
    }

    #[test]
    fn whole_numbers_only_as_u64() {
        let n = |s: &str| Number(s.to_string()).as_u64();
        assert_eq!(n("0"), Some(0));
        assert_eq!(n("-0"), Some(0));
        assert_eq!(n("4294967296"), Some(4_294_967_296));
        assert_eq!(n("18446744073709551616"), None);
        assert_eq!(n("-1"), None);
        assert_eq!(n("1.0"), None);
        assert_eq!(n("1e2"), None);
    }

    #[test]
    fn errors_say_where() {
        let (line, column, _) = at("{\n  \"version\": 1,\n  \"workspace\": {,\n}");
        assert_eq!((line, column), (3, 17));
        let (line, column, _) = at("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!((line, column), (3, 3));
        assert_eq!(at("").2, "the text ends where a value should be");
        assert_eq!(at("{} {}").2, "trailing characters after the end of the JSON value");
        assert_eq!(at("{\"a\": 1,}").1, 9);
        assert_eq!(at("[1, 2").2, "the text ends inside an array: a `]` is missing");
        assert_eq!(at("{\"a\" 1}").2, "expected `:` after the member name");
        assert_eq!(at("\"tab\there\"").1, 5);
        assert_eq!(at("\"é\\q\"").1, 4, "columns count characters");
        assert!(at("\"\\ud800\"").2.contains("lone surrogate"));
        assert!(at("\"\\udc00\"").2.contains("lone surrogate"));
        assert!(at("\"\\u12\"").2.contains("four hexadecimal digits"));
        assert!(at("01").2.contains("leading zero"));
        assert!(at("1.").2.contains("decimal point"));
        assert!(at("1e+").2.contains("exponent"));
        assert!(at("-").2.contains("digit"));
        assert!(at("tru").2.starts_with("expected a value"));
        assert!(at("nul").2.starts_with("expected a value"));
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(at(&deep).2.contains("nested"));
        // Far deeper than any stack would take, refused the same way.
        assert!(parse(&"{\"a\":".repeat(100_000)).is_err());
    }

    #[test]
    fn line_column_at_the_end_and_past_it() {
        assert_eq!(line_column("ab\ncd", 5), (2, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// On any text, this parser accepts exactly what serde_json accepts (without its recursion limit in play)
        /// and reads the same value.
        #[test]
        fn agrees_with_serde_json(text in "[ \\[\\]{}\":,0-9.eE+\\-tfrueanlsx\\\\u\n\u{e9}]{0,40}") {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json refuses numbers beyond f64's range (`1e999`); this parser keeps them as written.
            let out_of_range = theirs.as_ref().is_err_and(|e| e.to_string().contains("out of range"));
            if !out_of_range {
                prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}", text, ours);
            }
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                // Both keep the last of repeated names when turned into a map.
                prop_assert_eq!(to_serde(&ours), theirs);
            }
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let text = String::from_utf8_lossy(&bytes);
            if let Err(e) = parse(&text) {
                let _ = line_column(&text, e.offset);
            }
        }
    }
}
