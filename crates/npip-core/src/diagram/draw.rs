//! Drawing pieces shared by both pictures: the document frame, type sizes, cards (a box with lines of text that can
//! be marked by findings), badges and arrows.

use super::marks::{Element, Mark};
use super::options::{DiagramOptions, DiagramSize, Theme};
use super::style::style_sheet;
use super::svg::{attrs, Svg};
use super::text::{self, Face};
use crate::finding::Severity;

/// Type sizes in pixels (user units). Each size's canvas is about as wide as the app shows it (the review step is
/// about 870 px wide on a 1280 x 720 projector, the egress step's column about 358 px), so these are the sizes read:
/// 14 px or more for names and text, 12 px or more for kickers.
#[derive(Clone, Copy, Debug)]
pub struct Type {
    pub heading: f64,
    pub kicker: f64,
    pub title: f64,
    pub body: f64,
    pub mono: f64,
    pub small: f64,
    pub pad: f64,
}

pub const FULL: Type = Type {
    heading: 22.0,
    kicker: 12.5,
    title: 16.0,
    body: 14.5,
    mono: 14.0,
    small: 14.0,
    pad: 10.0,
};

pub const COMPACT: Type = Type {
    heading: 17.0,
    kicker: 12.0,
    title: 14.0,
    body: 13.0,
    mono: 13.0,
    small: 12.5,
    pad: 9.0,
};

impl Type {
    pub fn of(size: DiagramSize) -> Type {
        match size {
            DiagramSize::Full => FULL,
            DiagramSize::Compact => COMPACT,
        }
    }
}

/// Line height for a type size.
pub fn leading(size: f64) -> f64 {
    (size * 1.45).round()
}

/// The SVG document being drawn: the body is written first and the root element last, so a picture can grow to
/// whatever its wrapped labels need. The id prefix is `<options prefix>-net` or `-map`.
pub struct Doc {
    pub svg: Svg,
    pub prefix: String,
    class: String,
    theme: Theme,
}

impl Doc {
    /// An id unique to this picture.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.prefix)
    }
}

impl Doc {
    /// Starts a picture; `kind` is `net` or `map`.
    pub fn new(options: &DiagramOptions, kind: &str) -> Doc {
        let mut class = format!("npip-svg npip-{kind}");
        class.push_str(match options.size {
            DiagramSize::Full => " npip-full",
            DiagramSize::Compact => " npip-compact",
        });
        class.push_str(match options.theme {
            Theme::Auto => "",
            Theme::Light => " npip-light",
            Theme::Dark => " npip-dark",
        });
        Doc {
            svg: Svg::new(),
            prefix: format!("{}-{kind}", options.safe_prefix()),
            class,
            theme: options.theme,
        }
    }

    /// The whole document: root element with its accessible name and description, the style sheet, the
    /// background, then the body drawn so far.
    pub fn finish(self, size: (f64, f64), title: &str, desc: &str) -> String {
        let prefix = &self.prefix;
        let mut svg = Svg::new();
        let (width, height) = size;
        let view_box = format!("0 0 {} {}", super::svg::num(width), super::svg::num(height));
        let labelled_by = format!("{prefix}-title {prefix}-desc");
        svg.open(
            "svg",
            attrs![
                "xmlns" => "http://www.w3.org/2000/svg",
                "viewBox" => &view_box,
                "width" => width,
                "height" => height,
                "role" => "img",
                "aria-labelledby" => &labelled_by,
                "class" => &self.class,
            ],
        );
        svg.text_el("title", attrs!["id" => &format!("{prefix}-title")], title);
        svg.text_el("desc", attrs!["id" => &format!("{prefix}-desc")], desc);
        svg.raw("<style>");
        svg.raw(&style_sheet(self.theme));
        svg.raw("</style>\n");
        svg.leaf(
            "rect",
            attrs!["class" => "npip-bg", "x" => 0.0, "y" => 0.0, "width" => width, "height" => height],
        );
        // The body was written through the same escaping writer.
        svg.raw(&self.svg.finish());
        svg.close("svg");
        svg.finish()
    }

    /// One line of text, shortened to `max_width` with the full text as its tooltip.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        face: Face,
        class: &str,
        anchor: Anchor,
        content: &str,
        max: f64,
    ) {
        let (shown, cut) = text::fit(content, max, size, face);
        self.text_exact(x, y, size, face, class, anchor, &shown, cut.then_some(content));
    }

    /// Text wrapped over up to `max_lines` lines from baseline `y` down, the last shortened with the full text as
    /// its tooltip when even those are not enough. Returns the baseline of the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn wrapped(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        face: Face,
        class: &str,
        content: &str,
        max: f64,
        max_lines: usize,
    ) -> f64 {
        let (lines, cut) = text::wrap(content, max, size, face, max_lines);
        let count = lines.len();
        let mut baseline = y;
        for (i, shown) in lines.iter().enumerate() {
            baseline = y + i as f64 * leading(size);
            let tooltip = (cut && i + 1 == count).then_some(content);
            self.text_exact(x, baseline, size, face, class, Anchor::Start, shown, tooltip);
        }
        baseline
    }

    /// One line of text as given (already fitted).
    #[allow(clippy::too_many_arguments)]
    pub fn text_exact(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        face: Face,
        class: &str,
        anchor: Anchor,
        shown: &str,
        tooltip: Option<&str>,
    ) {
        let class = face_class(face, class);
        let anchor_value = match anchor {
            Anchor::Start => None,
            Anchor::Middle => Some("middle"),
            Anchor::End => Some("end"),
        };
        match anchor_value {
            None => self.svg.text_with_title(
                attrs!["x" => x, "y" => y, "font-size" => size, "class" => &class],
                shown,
                tooltip,
            ),
            Some(a) => self.svg.text_with_title(
                attrs!["x" => x, "y" => y, "font-size" => size, "text-anchor" => a, "class" => &class],
                shown,
                tooltip,
            ),
        }
    }

    /// The marker that says "error" or "warning" without colour: a disc with "!" or a triangle with "!".
    pub fn badge(&mut self, cx: f64, cy: f64, severity: Severity, size: f64) {
        let r = (size * 0.72).round();
        match severity {
            Severity::Error => {
                self.svg.leaf(
                    "circle",
                    attrs!["class" => "npip-badge-e", "cx" => cx, "cy" => cy, "r" => r],
                );
            }
            Severity::Warning => {
                let d = format!(
                    "M{} {}L{} {}L{} {}Z",
                    super::svg::num(cx),
                    super::svg::num(cy - r * 1.1),
                    super::svg::num(cx + r * 1.15),
                    super::svg::num(cy + r * 0.9),
                    super::svg::num(cx - r * 1.15),
                    super::svg::num(cy + r * 0.9)
                );
                self.svg.leaf("path", attrs!["class" => "npip-badge-w", "d" => &d]);
            }
            Severity::Info => return,
        }
        let glyph_y = cy + size * 0.36 + if severity == Severity::Warning { r * 0.12 } else { 0.0 };
        self.svg.text_el(
            "text",
            attrs![
                "x" => cx,
                "y" => glyph_y,
                "font-size" => size,
                "text-anchor" => "middle",
                "class" => "npip-badge-t",
                "aria-hidden" => "true",
            ],
            "!",
        );
    }

    /// An arrow along `points` (at least two), with its head at the last point.
    pub fn arrow(&mut self, points: &[(f64, f64)], line_class: &str, head_class: &str) {
        let (Some(&last), Some(&before)) = (points.last(), points.iter().rev().nth(1)) else {
            return;
        };
        let head = 9.0;
        let (dx, dy) = (last.0 - before.0, last.1 - before.1);
        let length = (dx * dx + dy * dy).sqrt();
        if length < 0.5 {
            return;
        }
        let (ux, uy) = (dx / length, dy / length);
        // The line stops where the head begins, so the tip stays sharp under thick strokes.
        let base = (last.0 - ux * head, last.1 - uy * head);
        let mut d = String::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            let (x, y) = if i + 1 == points.len() { base } else { (x, y) };
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&super::svg::num(x));
            d.push(' ');
            d.push_str(&super::svg::num(y));
        }
        self.svg
            .leaf("path", attrs!["class" => &format!("npip-flow {line_class}"), "d" => &d]);
        let half = head * 0.6;
        let tip = format!(
            "M{} {}L{} {}L{} {}Z",
            super::svg::num(last.0),
            super::svg::num(last.1),
            super::svg::num(base.0 - uy * half),
            super::svg::num(base.1 + ux * half),
            super::svg::num(base.0 + uy * half),
            super::svg::num(base.1 - ux * half)
        );
        self.svg.leaf(
            "path",
            attrs!["class" => &format!("npip-head {head_class}"), "d" => &tip],
        );
    }

    /// A small padlock: the managed VNet and its NAT gateway are locked by Azure Databricks.
    pub fn lock(&mut self, x: f64, y: f64, size: f64) {
        let w = size * 0.7;
        let h = size * 0.5;
        let body_y = y - h;
        let d = format!(
            "M{} {}v{}a{} {} 0 0 1 {} 0v{}",
            super::svg::num(x + w * 0.22),
            super::svg::num(body_y),
            super::svg::num(-h * 0.45),
            super::svg::num(w * 0.28),
            super::svg::num(w * 0.28),
            super::svg::num(w * 0.56),
            super::svg::num(h * 0.45)
        );
        self.svg
            .open("g", attrs!["class" => "npip-icon", "aria-hidden" => "true"]);
        self.svg.leaf("path", attrs!["d" => &d]);
        self.svg.leaf(
            "rect",
            attrs!["x" => x, "y" => body_y, "width" => w, "height" => h, "rx" => 1.5],
        );
        self.svg.close("g");
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

fn face_class(face: Face, class: &str) -> String {
    let face_class = match face {
        Face::Sans => "",
        Face::SansBold => "npip-b",
        Face::Mono => "npip-mono",
        Face::Kicker => "npip-kick",
    };
    match (face_class.is_empty(), class.is_empty()) {
        (true, _) => class.to_string(),
        (false, true) => face_class.to_string(),
        (false, false) => format!("{face_class} {class}"),
    }
}

/// One line in a card. Every kind wraps (names break inside at hyphens), so nothing is cut at realistic lengths.
#[derive(Clone, Debug)]
pub enum Line {
    /// Small uppercase label naming what the box is.
    Kicker(String),
    /// The element's name, bold.
    Title(String),
    /// A bold name and a monospaced value (a CIDR): on one row, the value at the right, when both fit; else the
    /// value on its own row below.
    Pair(String, String),
    /// Plain text.
    Body(String),
    /// Secondary text.
    Muted(String),
    /// Monospaced text (addresses, routes).
    Mono(String),
    /// A warning in words, with a "▲" so it does not rely on colour.
    Warn(String),
    /// An error in words, with a "!" marker.
    Error(String),
    /// Extra space.
    Gap(f64),
}

/// A box with lines of text. `elements` are what findings can mark on it; the first names it in `data-el`.
#[derive(Clone, Debug)]
pub struct Card {
    /// Class suffix for its colours: `npip-k-<kind>`.
    pub kind: &'static str,
    pub elements: Vec<Element>,
    pub lines: Vec<Line>,
    /// A problem the drawing itself sees (an invalid CIDR): drawn in the error style like a finding.
    pub issue: Option<String>,
    /// Part of an exposed setup (secure cluster connectivity off): drawn in the warning style.
    pub exposed: bool,
    /// Shows a padlock by the kicker (Databricks-managed and locked).
    pub locked: bool,
}

impl Card {
    pub fn new(kind: &'static str, elements: Vec<Element>) -> Card {
        Card {
            kind,
            elements,
            lines: Vec::new(),
            issue: None,
            exposed: false,
            locked: false,
        }
    }

    pub fn line(mut self, line: Line) -> Card {
        self.lines.push(line);
        self
    }
}

/// A text line placed inside a card, relative to the card's top left.
#[derive(Clone, Debug)]
struct Placed {
    x: f64,
    baseline: f64,
    size: f64,
    face: Face,
    class: &'static str,
    anchor: Anchor,
    shown: String,
    tooltip: Option<String>,
}

/// Width for a card line's first row and for the rest (the first row of a card shares it with the badge).
type Room = (f64, f64);

/// Lines being placed down a card.
struct Lines {
    placed: Vec<Placed>,
    /// Bottom of the last line so far.
    y: f64,
    x: f64,
}

impl Lines {
    /// Text broken over up to `max_lines` lines of `room`, the last shortened with "…" (and the full text as its
    /// tooltip) only when even those are not enough.
    #[allow(clippy::too_many_arguments)]
    fn wrapped(&mut self, size: f64, face: Face, class: &'static str, content: &str, room: Room, max_lines: usize) {
        let (wrapped, cut) = text::wrap_after(content, room.0, room.1, size, face, max_lines);
        let count = wrapped.len();
        for (i, shown) in wrapped.into_iter().enumerate() {
            self.y += leading(size);
            let tooltip = (cut && i + 1 == count).then(|| content.to_string());
            self.push(size, face, class, shown, tooltip);
        }
    }

    fn push(&mut self, size: f64, face: Face, class: &'static str, shown: String, tooltip: Option<String>) {
        self.placed.push(Placed {
            x: self.x,
            // Centre the glyphs in the line box.
            baseline: self.y - (leading(size) - size) * 0.5 - size * 0.12,
            size,
            face,
            class,
            anchor: Anchor::Start,
            shown,
            tooltip,
        });
    }
}

/// A card laid out at a width: its lines and height, ready to draw anywhere.
#[derive(Clone, Debug)]
pub struct Laid {
    pub card: Card,
    pub width: f64,
    pub height: f64,
    pub mark: Option<Mark>,
    placed: Vec<Placed>,
    /// Baseline of each of the card's lines (the first row of a wrapped one), for aiming arrows at rows.
    pub rows: Vec<f64>,
}

/// Combines the findings' mark with the drawing's own issue (an error).
pub fn merge_issue(mark: Option<Mark>, issue: Option<&str>) -> Option<Mark> {
    let Some(issue) = issue else { return mark };
    let line = format!("Error: {issue}");
    Some(match mark {
        None => Mark {
            severity: Severity::Error,
            lines: vec![line],
        },
        Some(mut mark) => {
            mark.severity = Severity::Error;
            mark.lines.insert(0, line);
            mark
        }
    })
}

impl Laid {
    pub fn new(card: Card, width: f64, ty: &Type, mark: Option<Mark>) -> Laid {
        let mark = merge_issue(mark, card.issue.as_deref());
        let pad = ty.pad;
        let inner = (width - 2.0 * pad).max(1.0);
        let badge_room = if mark.as_ref().is_some_and(|m| m.severity != Severity::Info) {
            ty.kicker * 2.2
        } else {
            0.0
        };
        let mut lines = Lines {
            placed: Vec::new(),
            y: pad * 0.75,
            x: pad,
        };
        let mut rows = Vec::new();
        for (i, line) in card.lines.iter().enumerate() {
            // The first row shares its row with the badge (and the padlock).
            let room: Room = (if i == 0 { inner - badge_room } else { inner }, inner);
            let first = lines.placed.len();
            match line {
                Line::Gap(gap) => lines.y += gap,
                Line::Kicker(t) => {
                    let lock_room = if card.locked && i == 0 { ty.kicker * 1.3 } else { 0.0 };
                    lines.x = pad + lock_room;
                    let room = (room.0 - lock_room, room.1 - lock_room);
                    lines.wrapped(ty.kicker, Face::Kicker, "", &t.to_ascii_uppercase(), room, 2);
                    lines.x = pad;
                }
                Line::Title(t) => lines.wrapped(ty.title, Face::SansBold, "", t, room, 6),
                Line::Mono(t) => lines.wrapped(ty.mono, Face::Mono, "", t, room, 4),
                Line::Pair(left, right) => {
                    let right_width = text::width(right, ty.mono, Face::Mono);
                    if text::width(left, ty.title, Face::SansBold) + ty.body + right_width <= room.0 {
                        lines.wrapped(ty.title, Face::SansBold, "", left, room, 1);
                        let baseline = lines.placed.last().map_or(lines.y, |p| p.baseline);
                        lines.placed.push(Placed {
                            x: pad + room.0,
                            baseline,
                            size: ty.mono,
                            face: Face::Mono,
                            class: "",
                            anchor: Anchor::End,
                            tooltip: None,
                            shown: right.clone(),
                        });
                    } else {
                        lines.wrapped(ty.title, Face::SansBold, "", left, room, 6);
                        lines.wrapped(ty.mono, Face::Mono, "", right, (inner, inner), 4);
                    }
                }
                Line::Body(t) => lines.wrapped(ty.body, Face::Sans, "", t, room, 6),
                Line::Muted(t) => lines.wrapped(ty.small, Face::Sans, "npip-m", t, room, 6),
                Line::Warn(t) => lines.wrapped(ty.small, Face::SansBold, "npip-wt", &format!("▲ {t}"), room, 6),
                Line::Error(t) => lines.wrapped(ty.small, Face::SansBold, "npip-et", &format!("! {t}"), room, 6),
            }
            // Arrows aim at a line's first row (a pair's name).
            rows.push(lines.placed.get(first).map_or(lines.y, |p| p.baseline));
        }
        let height = (lines.y + pad * 0.9).round();
        Laid {
            card,
            width,
            height,
            mark,
            placed: lines.placed,
            rows,
        }
    }

    /// Draws the card with its top left at (x, y).
    pub fn draw(&self, doc: &mut Doc, x: f64, y: f64, ty: &Type) {
        self.draw_sized(doc, x, y, self.height, ty, |_| {});
    }

    /// Draws the card taller than its lines, with `inside` drawing nested content before the group closes.
    pub fn draw_sized(&self, doc: &mut Doc, x: f64, y: f64, height: f64, ty: &Type, inside: impl FnOnce(&mut Doc)) {
        let slug = self.card.elements.first().map(|e| e.slug());
        let mut class = format!("npip-card npip-k-{}", self.card.kind);
        if let Some(mark) = &self.mark {
            class.push(' ');
            class.push_str(mark.class());
        }
        if self.card.exposed {
            class.push_str(" npip-exposed");
        }
        match &slug {
            Some(slug) => doc.svg.open("g", attrs!["class" => &class, "data-el" => slug]),
            None => doc.svg.open("g", attrs!["class" => &class]),
        }
        if let Some(mark) = &self.mark {
            doc.svg.text_el("title", &[], &mark.tooltip());
        }
        doc.svg.leaf(
            "rect",
            attrs![
                "class" => "npip-shape",
                "x" => x,
                "y" => y,
                "width" => self.width,
                "height" => height,
                "rx" => 8.0,
            ],
        );
        if self.card.locked {
            let first = self.placed.first().map(|p| p.baseline).unwrap_or(ty.pad);
            doc.lock(x + ty.pad, y + first, ty.kicker * 1.05);
        }
        for p in &self.placed {
            doc.text_exact(
                x + p.x,
                y + p.baseline,
                p.size,
                p.face,
                p.class,
                p.anchor,
                &p.shown,
                p.tooltip.as_deref(),
            );
        }
        if let Some(mark) = &self.mark {
            let first = self.placed.first().map(|p| p.baseline).unwrap_or(ty.pad);
            doc.badge(
                x + self.width - ty.pad - ty.kicker * 0.8,
                y + first - ty.kicker * 0.35,
                mark.severity,
                ty.kicker,
            );
        }
        inside(doc);
        doc.svg.close("g");
    }
}

/// A marked group that is not a card (a header, a set of arrows): opens `<g>` with the mark's class, `data-el` and
/// tooltip. Close it with `doc.svg.close("g")`.
pub fn open_marked(doc: &mut Doc, base_class: &str, element: Element, mark: Option<&Mark>) {
    let mut class = base_class.to_string();
    if let Some(mark) = mark {
        class.push(' ');
        class.push_str(mark.class());
    }
    doc.svg
        .open("g", attrs!["class" => &class, "data-el" => &element.slug()]);
    if let Some(mark) = mark {
        doc.svg.text_el("title", &[], &mark.tooltip());
    }
}
