//! A tiny SVG writer: elements, attributes and text with XML escaping, and numbers printed compactly so that the
//! same drawing always gives the same bytes.

use std::fmt::Write;

/// An attribute value: text (escaped on output) or a coordinate (rounded to one decimal).
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    Str(&'a str),
    Num(f64),
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(text: &'a str) -> Self {
        Val::Str(text)
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(text: &'a String) -> Self {
        Val::Str(text)
    }
}

impl From<f64> for Val<'_> {
    fn from(value: f64) -> Self {
        Val::Num(value)
    }
}

/// Builds `[("x", Val::Num(..)), ("class", Val::Str(..))]` from `x = 1.0, class = "a"` pairs.
macro_rules! attrs {
    ($($name:literal => $value:expr),* $(,)?) => {
        &[$(($name, $crate::diagram::svg::Val::from($value))),*]
    };
}
pub(crate) use attrs;

/// Collects the document text. Elements are written one per line so that golden files diff well.
#[derive(Default)]
pub struct Svg {
    out: String,
}

impl Svg {
    pub fn new() -> Svg {
        Svg {
            out: String::with_capacity(16 * 1024),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn start_tag(&mut self, tag: &str, attrs: &[(&str, Val)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            match value {
                Val::Str(text) => escape_into(&mut self.out, text, true),
                Val::Num(number) => self.out.push_str(&num(*number)),
            }
            self.out.push('"');
        }
    }

    /// `<tag …>` followed by a newline; close it with [`Svg::close`].
    pub fn open(&mut self, tag: &str, attrs: &[(&str, Val)]) {
        self.start_tag(tag, attrs);
        self.out.push_str(">\n");
    }

    pub fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// `<tag …/>`.
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, Val)]) {
        self.start_tag(tag, attrs);
        self.out.push_str("/>\n");
    }

    /// `<tag …>text</tag>` with the text escaped.
    pub fn text_el(&mut self, tag: &str, attrs: &[(&str, Val)], text: &str) {
        self.start_tag(tag, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// A `<text>` element with an optional tooltip (the full text when the shown text was shortened).
    pub fn text_with_title(&mut self, attrs: &[(&str, Val)], shown: &str, tooltip: Option<&str>) {
        match tooltip {
            None => self.text_el("text", attrs, shown),
            Some(full) => {
                self.start_tag("text", attrs);
                self.out.push('>');
                escape_into(&mut self.out, shown, false);
                self.out.push_str("<title>");
                escape_into(&mut self.out, full, false);
                self.out.push_str("</title></text>\n");
            }
        }
    }

    /// Raw markup the caller built from constants (the style sheet). Never pass user text here.
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }
}

/// Writes `text` escaped for XML. Characters XML 1.0 forbids (most control characters) become U+FFFD, so that any
/// name a person typed still gives a well-formed document.
pub fn escape_into(out: &mut String, text: &str, in_attribute: bool) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            // Tabs and line breaks in attributes would be normalised to spaces by parsers; write spaces.
            '\t' | '\n' | '\r' if in_attribute => out.push(' '),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A coordinate rounded to one decimal, without a trailing `.0`, and `0` for anything not finite.
pub fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let tenths = (value * 10.0).round();
    // Keep within i64 so the cast below is exact; real drawings are far smaller.
    let tenths = tenths.clamp(-1e15, 1e15) as i64;
    let mut text = String::new();
    if tenths < 0 {
        text.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    let _ = write!(text, "{}", magnitude / 10);
    if !magnitude.is_multiple_of(10) {
        let _ = write!(text, ".{}", magnitude % 10);
    }
    if text == "-0" {
        text = "0".to_string();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.05), "12.1");
        assert_eq!(num(-3.25), "-3.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c'\u{0}\n", true);
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD} ");
        let mut out = String::new();
        escape_into(&mut out, "x\"y'\u{1b}z\n", false);
        assert_eq!(out, "x\"y'\u{FFFD}z\n");
    }

    #[test]
    fn writes_elements() {
        let mut svg = Svg::new();
        svg.open("g", attrs!["class" => "a", "x" => 1.25]);
        svg.leaf("rect", attrs!["width" => 10.0]);
        svg.text_with_title(attrs!["y" => 2.0], "short…", Some("short & long"));
        svg.close("g");
        assert_eq!(
            svg.finish(),
            "<g class=\"a\" x=\"1.3\">\n<rect width=\"10\"/>\n<text y=\"2\">short…<title>short &amp; long</title></text>\n</g>\n"
        );
    }
}
