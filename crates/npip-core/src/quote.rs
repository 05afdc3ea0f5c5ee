//! What a person typed or pasted, as a message quotes it: one helper, so that every message stays one clean line of
//! reasonable length whatever the value holds (a line break, an escape sequence, a 900,000-character paste).

/// How many characters of a value a message shows; a longer value is cut there, with its length.
pub const SHOWN_CHARS: usize = 60;

/// `value` as a message shows it: line breaks, tabs and other control or invisible characters escaped (`\n`, `\t`,
/// `\u{200b}`), and when it is longer than [`SHOWN_CHARS`] characters, its start, `…` and its length in characters.
/// Numbers are text here too: a 300-digit number is cut like any value.
pub fn shown(value: &str) -> String {
    shown_up_to(value, SHOWN_CHARS)
}

/// [`shown`] with another cut: for a whole message that may hold a value (`max` characters of it are kept).
pub fn shown_up_to(value: &str, max: usize) -> String {
    let mut out = String::with_capacity(value.len().min(max * 2));
    let mut chars = value.chars();
    for c in chars.by_ref().take(max) {
        escape(c, &mut out);
    }
    let rest = chars.count();
    if rest > 0 {
        out.push_str(&format!("… ({} characters)", max + rest));
    }
    out
}

fn escape(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        c => out.push(c),
    }
}

/// Characters that break a line, move the cursor or do not show: control characters, the Unicode line and paragraph
/// separators, and the zero-width and direction marks copied text brings along.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_or_hide_and_keeps_the_rest() {
        assert_eq!(shown("adb-prod"), "adb-prod");
        assert_eq!(shown("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(shown("x\u{1b}[2J\u{7f}"), "x\\u{1b}[2J\\u{7f}");
        assert_eq!(shown("a\u{2028}b\u{200b}c\u{feff}"), "a\\u{2028}b\\u{200b}c\\u{feff}");
        assert_eq!(shown("équipe 東京 ✓"), "équipe 東京 ✓");
        assert_eq!(shown(""), "");
    }

    #[test]
    fn cuts_long_values_with_their_length() {
        let exact = "x".repeat(SHOWN_CHARS);
        assert_eq!(shown(&exact), exact);
        let long = "é".repeat(900_000);
        assert_eq!(
            shown(&long),
            format!("{}… (900000 characters)", "é".repeat(SHOWN_CHARS))
        );
        let digits = "9".repeat(100_000);
        assert!(shown(&digits).ends_with("9… (100000 characters)"));
        // Escapes count as the one character they stand for.
        assert_eq!(shown_up_to("\n\n\n", 2), "\\n\\n… (3 characters)");
    }
}
