//! Text measuring without a font: a conservative width estimate per character class, used to fit labels into boxes
//! (shortened with "…", the full text kept as a tooltip) and to wrap notes. Estimates err on the wide side so that a
//! label that fits here fits in the generic system fonts the style sheet names.

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
        ' ' | 'f' | 't' | 'r' | '/' | '-' => 0.4,
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

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`, breaking at spaces; the last line is
/// shortened with "…" when text is left over. Returns the lines and whether anything was cut.
pub fn wrap(text: &str, max_width: f64, size: f64, face: Face, max_lines: usize) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut cut_any = false;
    let mut current = String::new();
    let mut words = text.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, face) <= max_width || current.is_empty() {
            current = candidate;
            continue;
        }
        if lines.len().saturating_add(1) >= max_lines {
            // No more lines: the rest goes onto this one and is cut.
            let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
            let (cut, _) = fit(&format!("{current} {}", rest.join(" ")), max_width, size, face);
            lines.push(cut);
            return (lines, true);
        }
        // A single word wider than the line is shortened rather than overflowing.
        let (shown, cut) = fit(&std::mem::take(&mut current), max_width, size, face);
        cut_any |= cut;
        lines.push(shown);
        current = word.to_string();
    }
    if !current.is_empty() || lines.is_empty() {
        let (shown, cut) = fit(&current, max_width, size, face);
        lines.push(shown);
        cut_any |= cut;
    }
    (lines, cut_any)
}

/// `12345` as `12,345`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
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
    fn wrapping_breaks_at_spaces_and_cuts_the_last_line() {
        let (lines, cut) = wrap("one two three four five six", 80.0, 15.0, Face::Sans, 2);
        assert_eq!(lines.len(), 2);
        assert!(cut);
        assert!(lines.iter().all(|l| width(l, 15.0, Face::Sans) <= 80.0));
        let (lines, cut) = wrap("short", 80.0, 15.0, Face::Sans, 2);
        assert_eq!((lines, cut), (vec!["short".to_string()], false));
        let (lines, cut) = wrap("averyveryverylongword next", 80.0, 15.0, Face::Sans, 3);
        assert!(cut && lines.len() == 2 && lines[0].ends_with('…'));
        let (lines, cut) = wrap("", 80.0, 15.0, Face::Sans, 2);
        assert_eq!((lines, cut), (vec![String::new()], false));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(16379), "16,379");
        assert_eq!(thousands(4294967296), "4,294,967,296");
    }
}
