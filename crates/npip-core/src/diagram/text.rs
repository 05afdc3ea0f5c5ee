//! Text measuring without a font: a conservative width estimate per character class, used to wrap labels to fit
//! their boxes (shortened with "…" only when the lines run out, the full text kept as a tooltip). Estimates err on
//! the wide side so that a label that fits here fits in the generic system fonts the style sheet names.

/// Which face a text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Sans,
    SansBold,
    Mono,
    /// Uppercase kicker labels: bold with letter spacing.
    Kicker,
}

/// Letter spacing of kicker labels, in em (the style sheet uses the same value).
pub const KICKER_SPACING_EM: f64 = 0.06;

/// Estimated advance of one character, in em.
fn advance(ch: char, face: Face) -> f64 {
    if face == Face::Mono {
        return if is_wide(ch) { 1.2 } else { 0.62 };
    }
    // Calibrated on DejaVu Sans, the widest of the usual fallbacks, so other system fonts fit too.
    let base = match ch {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '|' | '\'' | '!' | 'I' | '(' | ')' | '[' | ']' | '·' => 0.34,
        ' ' | '\u{a0}' | 'f' | 't' | 'r' | '/' | '-' => 0.4,
        'm' | 'w' => 0.92,
        'M' | 'W' => 0.95,
        '0'..='9' => 0.64,
        'A'..='Z' => 0.7,
        'a'..='z' => 0.6,
        '–' => 0.5,
        '•' | '▲' => 0.78,
        '→' | '←' | '↓' | '↑' => 0.84,
        '…' | '—' => 1.0,
        c if is_wide(c) => 1.05,
        _ => 0.7,
    };
    match face {
        Face::Sans | Face::Mono => base,
        Face::SansBold => base * 1.13,
        Face::Kicker => base * 1.13 + KICKER_SPACING_EM,
    }
}

/// East Asian wide characters and emoji take about a full em.
fn is_wide(ch: char) -> bool {
    let c = ch as u32;
    (0x1100..=0x115F).contains(&c)
        || (0x2E80..=0xA4CF).contains(&c)
        || (0xAC00..=0xD7A3).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0x1F300..=0x1FAFF).contains(&c)
        || (0x20000..=0x3FFFD).contains(&c)
}

/// Estimated width of `text` at `size` pixels.
pub fn width(text: &str, size: f64, face: Face) -> f64 {
    text.chars().map(|ch| advance(ch, face)).sum::<f64>() * size
}

/// `text` shortened with "…" to fit `max_width`, and whether it was shortened.
pub fn fit(text: &str, max_width: f64, size: f64, face: Face) -> (String, bool) {
    if width(text, size, face) <= max_width {
        return (text.to_string(), false);
    }
    let budget = max_width - advance('…', face) * size;
    let mut used = 0.0;
    let mut shown = String::new();
    for ch in text.chars() {
        let step = advance(ch, face) * size;
        if used + step > budget {
            break;
        }
        used += step;
        shown.push(ch);
    }
    let trimmed = shown.trim_end().to_string();
    (format!("{trimmed}…"), true)
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`. Lines break at spaces, or inside a long
/// word after `-`, `_`, `.`, `/` or `,` (Azure names are hyphenated), or anywhere as a last resort; only the last
/// line is shortened with "…" when text is left over. Returns the lines and whether anything was cut.
pub fn wrap(text: &str, max_width: f64, size: f64, face: Face, max_lines: usize) -> (Vec<String>, bool) {
    wrap_after(text, max_width, max_width, size, face, max_lines)
}

/// [`wrap`] with a narrower first line (it shares its row with a badge).
pub fn wrap_after(
    text: &str,
    first_width: f64,
    max_width: f64,
    size: f64,
    face: Face,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut rest = text.trim();
    let room = |lines: &Vec<String>| if lines.is_empty() { first_width } else { max_width };
    while lines.len() + 1 < max_lines && width(rest, size, face) > room(&lines) {
        let at = break_point(rest, room(&lines), size, face);
        let (line, tail) = rest.split_at(at);
        lines.push(line.trim_end().to_string());
        rest = tail.trim_start();
    }
    let (last, cut) = fit(rest, room(&lines), size, face);
    lines.push(last);
    (lines, cut)
}

/// Where to end the first line of `text`: after the last space that fits, or after a later name separator when
/// that space would leave the line less than half full; else after as many characters as fit (at least one, so
/// wrapping always moves on).
fn break_point(text: &str, max_width: f64, size: f64, face: Face) -> usize {
    let (mut used, mut end, mut space, mut mark) = (0.0, 0, 0, 0);
    for (i, ch) in text.char_indices() {
        // A line may end before a space even when the space itself would not fit, but not before a " · ".
        if ch == ' ' && !text[i..].starts_with(" ·") {
            space = i;
        }
        used += advance(ch, face) * size;
        if used > max_width && end > 0 {
            break;
        }
        end = i + ch.len_utf8();
        if matches!(ch, '-' | '_' | '.' | '/' | ',') {
            mark = end;
        }
    }
    if space > 0 && (space * 2 >= end || mark <= space) {
        space
    } else if mark > 0 {
        mark
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_shortens_only_when_needed() {
        assert_eq!(fit("host", 100.0, 15.0, Face::Sans), ("host".to_string(), false));
        let (shown, cut) = fit("a-very-long-subnet-name-that-goes-on", 120.0, 15.0, Face::Sans);
        assert!(cut && shown.ends_with('…'));
        assert!(width(&shown, 15.0, Face::Sans) <= 120.0);
        let (shown, cut) = fit("anything", 1.0, 15.0, Face::Sans);
        assert!(cut);
        assert_eq!(shown, "…");
    }

    #[test]
    fn wrapping_breaks_at_spaces_then_inside_names_and_cuts_only_the_last_line() {
        let (lines, cut) = wrap("one two three four five six", 80.0, 15.0, Face::Sans, 2);
        assert_eq!(lines.len(), 2);
        assert!(cut && lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| width(l, 15.0, Face::Sans) <= 80.0));
        let (lines, cut) = wrap("short", 80.0, 15.0, Face::Sans, 2);
        assert_eq!((lines, cut), (vec!["short".to_string()], false));
        // A hyphenated name breaks after a hyphen, and nothing is lost.
        let (lines, cut) = wrap("adb-prod-westeurope-container", 120.0, 15.0, Face::Sans, 3);
        assert!(!cut && lines.len() > 1 && lines[0].ends_with('-'), "{lines:?}");
        assert_eq!(lines.concat(), "adb-prod-westeurope-container");
        // With no break opportunity, a word breaks anywhere.
        let (lines, cut) = wrap(&"x".repeat(40), 100.0, 15.0, Face::Sans, 4);
        assert!(
            !cut && lines.concat() == "x".repeat(40) && lines.len() == 4,
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| width(l, 15.0, Face::Sans) <= 100.0));
        let (lines, cut) = wrap("", 80.0, 15.0, Face::Sans, 2);
        assert_eq!((lines, cut), (vec![String::new()], false));
        // Even a box narrower than one character makes progress and ends.
        let (lines, _) = wrap("abc def", 1.0, 15.0, Face::Sans, 5);
        assert_eq!(lines.len(), 5);
    }
}
