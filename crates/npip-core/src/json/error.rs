//! serde_json's errors in the planner's words, with the line and column an editor shows.

/// The message of a serde_json error without the position it appends, syntax errors in plain words.
pub fn error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    if error.is_syntax() || error.is_eof() {
        plain(message)
    } else {
        message.to_string()
    }
}

/// serde_json's words for a syntax error, in the planner's.
fn plain(message: &str) -> String {
    let plain = match message {
        "EOF while parsing a value" => "the text ends where a value should be",
        "EOF while parsing an object" => "the text ends inside an object: a `}` is missing",
        "EOF while parsing a list" => "the text ends inside an array: a `]` is missing",
        "EOF while parsing a string" => "the text ends inside a string: a closing `\"` is missing",
        "trailing characters" => "trailing characters after the end of the JSON value",
        "trailing comma" => "a `,` with nothing after it before the closing bracket",
        "key must be a string" => "expected a member name in double quotes",
        "expected `:`" => "expected `:` after the member name",
        "expected `,` or `}`" => "expected `,` or `}` after the member's value",
        "expected `,` or `]`" => "expected `,` or `]` after the array item",
        "expected value" | "expected ident" => {
            "expected a value: an object, an array, a string in double quotes, a number, true, false or null"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a control character (such as a line break or tab) inside a string; write it as an escape such as \\n or \
             \\t"
        }
        "invalid escape" => "unknown escape in a string; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
        "invalid unicode code point" => "a \\u escape that is not a character",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "a \\u escape holds half of a character (a lone surrogate)"
        }
        "invalid number" => "a number written in a way JSON does not allow (such as a leading zero or a bare `.`)",
        "number out of range" => "a number too large to read",
        "recursion limit exceeded" => "arrays and objects are nested too deeply",
        other => return other.to_string(),
    };
    plain.to_string()
}

/// The byte offset serde_json reports an error at (its column counts bytes from 1; 0 before the line's first).
pub fn error_offset(text: &str, error: &serde_json::Error) -> Option<usize> {
    let line_start = match error.line() {
        0 | 1 => 0,
        line => text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1)?,
    };
    // serde_json reports a control character in a string at the character before it (it has not read it yet).
    let ahead = usize::from(error.to_string().starts_with("control character"));
    Some((line_start + (error.column() + ahead).saturating_sub(1)).min(text.len()))
}

/// The line and column (in characters) of a serde_json error in `text`.
pub fn error_line_column(text: &str, error: &serde_json::Error) -> (usize, usize) {
    line_column(text, error_offset(text, error).unwrap_or(text.len()))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (usize, usize, String) {
        let error = serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        let (line, column) = error_line_column(text, &error);
        (line, column, error_message(&error))
    }

    #[test]
    fn syntax_errors_say_where_in_plain_words() {
        let (line, column, _) = at("{\n  \"version\": 1,\n  \"workspace\": {,\n}");
        assert_eq!((line, column), (3, 17));
        let (line, column, _) = at("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!((line, column), (3, 3));
        assert_eq!(at("").2, "the text ends where a value should be");
        assert_eq!(at("").0, 1);
        assert_eq!(at("{} {}").2, "trailing characters after the end of the JSON value");
        assert_eq!(at("{\"a\": 1,}").1, 9);
        assert_eq!(at("[1, 2").2, "the text ends inside an array: a `]` is missing");
        assert_eq!(at("{\"a\" 1}").2, "expected `:` after the member name");
        assert_eq!(at("\"tab\there\"").1, 5);
        assert_eq!(at("\"\u{e9}\\q\"").1, 4, "columns count characters");
        assert!(at("\"\\u12\"").2.contains("ends inside a string"));
        assert!(at("01").2.contains("leading zero"));
        assert!(at("tru").2.contains("ends where a value should be"));
        assert!(at("[1,]").2.starts_with("expected a value"));
    }

    #[test]
    fn line_column_at_the_end_and_past_it() {
        assert_eq!(line_column("ab\ncd", 5), (2, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
