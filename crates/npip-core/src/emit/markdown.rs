//! Text made safe for Markdown: the checklists and the design record write every value through [`md_into`].

/// The bytes `md_into` rewrites.
static MD_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\\|*_`<>[]#\r\n";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Writes text made safe for a Markdown paragraph or table cell: characters with Markdown meaning are escaped, line
/// breaks become spaces. The characters involved are ASCII, so a byte scan cannot split a multi-byte character.
pub(super) fn md_into(out: &mut String, text: &str) {
    if !text.bytes().any(|b| MD_SPECIAL[usize::from(b)]) {
        out.push_str(text);
        return;
    }
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'\\' => "\\\\",
            b'|' => "\\|",
            b'*' => "\\*",
            b'_' => "\\_",
            b'`' => "\\`",
            b'<' => "\\<",
            b'>' => "\\>",
            b'[' => "\\[",
            b']' => "\\]",
            b'#' => "\\#",
            b'\r' | b'\n' => " ",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        out.push_str(escaped);
        start = at + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut out = String::new();
        md_into(&mut out, text);
        out
    }

    #[test]
    fn markdown_escapes_what_would_change_the_layout() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<account>.blob"), "\\<account\\>.blob");
        assert_eq!(md("x\ny"), "x y");
        assert_eq!(md("adb_host"), "adb\\_host");
    }
}
