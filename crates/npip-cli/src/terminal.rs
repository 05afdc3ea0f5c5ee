//! Text for a terminal. A plan, a VNet's JSON or a path can hold control characters: ESC starts the sequences that
//! clear the screen, retitle the window or hide what follows, and some terminals take C1 controls (U+009B) the same
//! way. npip shows them escaped, as Rust writes them (`\u{1b}`), wherever it prints such a value to people.

use std::borrow::Cow;

/// Whether a character acts on the terminal rather than showing as text: the C0 and C1 controls and DEL, and the
/// bidirectional formatting characters, which reorder what is shown around them.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(text: &mut String, c: char) {
    match c {
        '\n' => text.push_str("\\n"),
        '\r' => text.push_str("\\r"),
        '\t' => text.push_str("\\t"),
        c => text.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// A value for a message or a report: every such character escaped, a line end too, so that the value stays on its
/// line and cannot start one of its own.
pub fn escaped(value: &str) -> Cow<'_, str> {
    if !value.chars().any(acts_on_terminal) {
        return Cow::Borrowed(value);
    }
    let mut text = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if acts_on_terminal(c) {
            push_escaped(&mut text, c);
        } else {
            text.push(c);
        }
    }
    Cow::Owned(text)
}

/// A text of lines for a terminal: every such character escaped but the line ends (`\n`, and `\r\n` as CSV writes
/// them) and tabs, which only move the cursor along.
pub fn lines_escaped(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let keeps = |c: char, next: Option<&char>| c == '\n' || c == '\t' || (c == '\r' && next == Some(&'\n'));
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    while let Some(c) = chars.next() {
        if acts_on_terminal(c) && !keeps(c, chars.peek()) {
            push_escaped(&mut shown, c);
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        for text in ["adb-prod-weu", "Größe: 10.0.0.0/16 (hub) — ✓", ""] {
            assert!(matches!(escaped(text), Cow::Borrowed(t) if t == text));
            assert!(matches!(lines_escaped(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn a_value_has_every_control_escaped_line_ends_too() {
        assert_eq!(escaped("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escaped("t\u{1b}]0;x\u{7}"), "t\\u{1b}]0;x\\u{7}");
        assert_eq!(escaped("c1 \u{9b}31m del \u{7f}"), "c1 \\u{9b}31m del \\u{7f}");
        assert_eq!(escaped("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(escaped("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escaped("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn a_text_of_lines_keeps_its_line_ends_and_tabs() {
        assert_eq!(lines_escaped("one\ntwo\n"), "one\ntwo\n");
        assert_eq!(lines_escaped("a,b\r\nc\u{1b}[5m,d\r\n"), "a,b\r\nc\\u{1b}[5m,d\r\n");
        assert_eq!(lines_escaped("col\tcol\n"), "col\tcol\n");
        // A lone carriage return would overwrite the line from its start.
        assert_eq!(lines_escaped("shown\rhidden\n"), "shown\\rhidden\n");
        assert_eq!(lines_escaped("end\r"), "end\\r");
    }
}
