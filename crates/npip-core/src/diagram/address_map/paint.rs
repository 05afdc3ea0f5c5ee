//! The address-space map painted: the header, each prefix's bar with its lanes, overlaps and keys, the table of
//! every range below it, and the key to the colours, as SVG.

use super::layout::{Bar, Geometry, NOT_TO_SCALE};
use super::model::{
    blocks_of, capitalised, free_cidrs, largest_block, range_text, Input, Kind, Piece, MAX_AVOID_DRAWN,
};
use crate::cidr::Cidr;
use crate::diagram::draw::{leading, open_marked, Anchor, Doc, Type};
use crate::diagram::marks::{Element, Marks};
use crate::diagram::options::DiagramOptions;
use crate::diagram::svg::attrs;
use crate::diagram::text::{self, Face};
use crate::finding::Severity;
use crate::sizing;
use crate::text::{plural, thousands};

pub(super) struct Painter<'a> {
    pub(super) input: &'a Input,
    pub(super) marks: &'a Marks,
    pub(super) layout: Geometry,
    pub(super) ty: Type,
}

/// One table row.
struct Row {
    key: String,
    kind: Option<Kind>,
    element: Option<Element>,
    name: String,
    cidr: String,
    addresses: String,
    range: String,
    note: String,
    /// The note states a problem ("overlaps …", "outside …"): drawn with "!" in the error colour.
    alarm: bool,
    /// The row is a shared range: its swatch is the overlap hatching.
    overlap: bool,
}

impl Painter<'_> {
    pub(super) fn paint(&self, options: &DiagramOptions, bars: &[Bar], title: &str, desc: &str) -> String {
        let g = self.layout;
        let ty = self.ty;
        let mut doc = Doc::new(options, "map");
        self.hatch(&mut doc);
        let mut y = self.header(&mut doc);
        for bar in bars {
            y = self.section(&mut doc, bar, y);
        }
        let extra = self.extra_rows();
        if !extra.is_empty() {
            y += leading(ty.title);
            doc.text(
                g.margin,
                y - 6.0,
                ty.title,
                Face::SansBold,
                "",
                Anchor::Start,
                "Not in the bars above",
                g.bar_width(),
            );
            y += 8.0;
            for row in &extra {
                y = self.row(&mut doc, row, y);
            }
            y += 16.0;
        }
        if bars.is_empty() && extra.is_empty() {
            doc.text(
                g.margin,
                y + g.row_h,
                ty.body,
                Face::Sans,
                "npip-m",
                Anchor::Start,
                "No address space to draw.",
                g.bar_width(),
            );
            y += g.row_h * 2.0;
        }
        let bottom = self.legend(&mut doc, y, bars);
        doc.finish((g.width, (bottom + 16.0).ceil()), title, desc)
    }

    fn hatch(&self, doc: &mut Doc) {
        let id = doc.id("hatch");
        doc.svg.open("defs", &[]);
        doc.svg.open(
            "pattern",
            attrs![
                "id" => &id,
                "width" => 8.0,
                "height" => 8.0,
                "patternUnits" => "userSpaceOnUse",
                "patternTransform" => "rotate(45)",
            ],
        );
        doc.svg.leaf(
            "line",
            attrs!["class" => "npip-hatch", "x1" => 2.0, "y1" => 0.0, "x2" => 2.0, "y2" => 8.0],
        );
        doc.svg.close("pattern");
        doc.svg.close("defs");
    }

    /// The title and a summary line, each wrapping to a second line when long. Returns where the bars start.
    fn header(&self, doc: &mut Doc) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let top = (g.margin + ty.heading * 0.8).round();
        let title = format!("Address space · {}", self.input.vnet_name);
        let y = doc.wrapped(g.margin, top, ty.heading, Face::SansBold, "", &title, g.bar_width(), 3);
        let prefixes = self.input.prefixes.len();
        let mut sub = vec![self.input.model.to_string()];
        if !self.input.managed {
            sub.push(plural(prefixes, "prefix", "prefixes"));
        }
        let total: u64 = self.input.prefixes.iter().filter_map(|p| p.cidr).map(Cidr::size).sum();
        if total > 0 {
            sub.push(format!("{} addresses", thousands(total)));
        }
        if let Some(summary) = self.marks.summary() {
            sub.push(format!("findings: {summary}"));
        }
        let sub_y = y + leading(ty.small) + 4.0;
        let last = doc.wrapped(
            g.margin,
            sub_y,
            ty.small,
            Face::Sans,
            "npip-m",
            &sub.join(" · "),
            g.bar_width(),
            2,
        );
        last + 16.0
    }

    /// Which pieces need a key under the bar (too narrow for any label), and how many rows those keys take.
    fn marker_rows(&self, bar: &Bar) -> (Vec<(usize, usize)>, usize) {
        let Bar { section, scale } = bar;
        let mut rows_end: Vec<f64> = Vec::new();
        let mut placed = Vec::new();
        for (i, piece) in section.pieces.iter().enumerate() {
            let w = scale.width(piece);
            if piece.kind.tag().is_empty() || self.in_bar_label(piece, w).is_some() {
                continue;
            }
            let center = (scale.x(piece.start) + scale.x(piece.end)) / 2.0;
            let half = self.ty.small * 1.2;
            let row = match rows_end.iter().position(|end| *end <= center - half) {
                Some(row) => row,
                None => {
                    rows_end.push(f64::MIN);
                    rows_end.len() - 1
                }
            };
            if let Some(end) = rows_end.get_mut(row) {
                *end = center + half;
            }
            placed.push((i, row));
        }
        (placed, rows_end.len())
    }

    /// Whether a piece shows a finding's badge (it needs room at its top right).
    fn badged(&self, piece: &Piece, w: f64) -> bool {
        let marked = piece
            .kind
            .element()
            .and_then(|e| self.marks.of(&[e]))
            .is_some_and(|m| m.severity != Severity::Info);
        marked && w > self.ty.kicker * 2.2
    }

    /// The text lines that fit inside a piece `w` pixels wide: its label (or, when that is too long, what it is:
    /// "Avoid range 3", "Container subnet", "Container") over its CIDR, the CIDR alone, its key, or nothing. Never a shortened label: the table below
    /// names every range in full.
    fn in_bar_label(&self, piece: &Piece, w: f64) -> Option<Vec<(String, Face)>> {
        let ty = self.ty;
        let size = ty.small;
        let room = w - 10.0;
        // The first line shares the top right corner with the badge.
        let first_room = if self.badged(piece, w) {
            room - ty.kicker * 1.9
        } else {
            room
        };
        let fits = |t: &str, face: Face, room: f64| !t.is_empty() && text::width(t, size, face) <= room;
        let cidr = match (piece.kind, piece.cidr) {
            (_, Some(cidr)) => cidr.to_string(),
            (Kind::Free, None) => format!("{} addresses", thousands(piece.size())),
            (_, None) => String::new(),
        };
        let detail = if piece.cidr.is_none() {
            cidr.clone()
        } else {
            format!("{cidr} · {}", thousands(piece.size()))
        };
        let name = capitalised(&piece.kind.name());
        for label in [piece.label.as_str(), &name, name.trim_end_matches(" subnet")] {
            if !fits(label, Face::SansBold, first_room) {
                continue;
            }
            if let Some(second) = [&detail, &cidr].into_iter().find(|t| fits(t, Face::Mono, room)) {
                return Some(vec![(label.to_string(), Face::SansBold), (second.clone(), Face::Mono)]);
            }
        }
        // A single line is centred, so it keeps clear of the badge on both sides.
        let centred_room = room - 2.0 * (room - first_room);
        if fits(&cidr, Face::Mono, centred_room) {
            return Some(vec![(cidr, Face::Mono)]);
        }
        let tag = piece.kind.tag();
        fits(&tag, Face::SansBold, centred_room).then(|| vec![(tag, Face::SansBold)])
    }

    fn section(&self, doc: &mut Doc, bar: &Bar, top: f64) -> f64 {
        let Bar { section, scale } = bar;
        let g = self.layout;
        let ty = self.ty;
        let x0 = g.margin;
        let bar_w = g.bar_width();
        let element = if self.input.managed {
            Element::VnetPrefix(0)
        } else {
            Element::VnetPrefix(section.index)
        };
        let mark = self.marks.of(&[element]);

        // Heading: the prefix and its size.
        let mut y = top + leading(ty.title);
        open_marked(doc, "npip-prefix", element, mark.as_ref());
        let heading = section.prefix.to_string();
        doc.text_exact(x0, y, ty.title, Face::Mono, "npip-b", Anchor::Start, &heading, None);
        let mut hx = x0 + text::width(&heading, ty.title, Face::Mono) + 12.0;
        if let Some(mark) = &mark {
            doc.badge(hx + ty.kicker * 0.6, y - ty.title * 0.35, mark.severity, ty.kicker);
            hx += ty.kicker * 2.0;
        }
        let detail = format!(
            "{} addresses · {}",
            thousands(section.prefix.size()),
            range_text(u64::from(section.prefix.network()), section.prefix.end())
        );
        doc.text(
            hx,
            y,
            ty.small,
            Face::Sans,
            "npip-m",
            Anchor::Start,
            &detail,
            x0 + bar_w - hx,
        );
        doc.svg.close("g");
        y += 10.0;

        // Guides from each overlap's edges down to the overlap lane, drawn first so the pieces cover them.
        let lanes_top = y;
        let overlap_top = lanes_top + section.lanes as f64 * (g.lane_h + g.lane_gap);
        if !section.overlaps.is_empty() {
            doc.svg
                .open("g", attrs!["class" => "npip-guides", "aria-hidden" => "true"]);
            for overlap in &section.overlaps {
                let oy = overlap_top + overlap.lane as f64 * (g.overlap_h + g.lane_gap);
                for x in [scale.x(overlap.start), scale.x(overlap.end)] {
                    doc.svg.leaf(
                        "line",
                        attrs!["class" => "npip-guide", "x1" => x, "y1" => lanes_top, "x2" => x, "y2" => oy],
                    );
                }
            }
            doc.svg.close("g");
        }

        // Lanes of pieces.
        for piece in &section.pieces {
            let x1 = scale.x(piece.start);
            let x2 = scale.x(piece.end);
            let py = lanes_top + piece.lane as f64 * (g.lane_h + g.lane_gap);
            let element = piece.kind.element();
            let mark = element.and_then(|e| self.marks.of(&[e]));
            let mut class = format!("npip-piece npip-k-{}", piece.kind.class());
            if let Some(mark) = &mark {
                class.push(' ');
                class.push_str(mark.class());
            }
            match element {
                Some(e) => doc.svg.open("g", attrs!["class" => &class, "data-el" => &e.slug()]),
                None => doc.svg.open("g", attrs!["class" => &class]),
            }
            let mut tip = format!("{}: {}", piece.label, self.cidr_text(piece));
            tip.push_str(&format!(", {} addresses", thousands(piece.size())));
            if let Some(mark) = &mark {
                tip.push('\n');
                tip.push_str(&mark.tooltip());
            }
            doc.svg.text_el("title", &[], &tip);
            doc.svg.leaf(
                "rect",
                attrs![
                    "class" => "npip-shape",
                    "x" => x1,
                    "y" => py,
                    "width" => (x2 - x1).max(1.0),
                    "height" => g.lane_h,
                    "rx" => 3.0,
                ],
            );
            if let Some(lines) = self.in_bar_label(piece, x2 - x1) {
                let size = ty.small;
                let block = lines.len() as f64 * leading(size);
                let mut ly = py + (g.lane_h - block) / 2.0 + leading(size) * 0.72;
                let centered = lines.len() == 1;
                for (text_line, face) in lines {
                    let (lx, anchor) = if centered {
                        ((x1 + x2) / 2.0, Anchor::Middle)
                    } else {
                        (x1 + 6.0, Anchor::Start)
                    };
                    doc.text_exact(lx, ly, size, face, "", anchor, &text_line, None);
                    ly += leading(size);
                }
            }
            if let Some(mark) = &mark {
                if self.badged(piece, x2 - x1) {
                    doc.badge(
                        x2 - ty.kicker * 0.95,
                        py + ty.kicker * 0.95,
                        mark.severity,
                        ty.kicker * 0.9,
                    );
                }
            }
            doc.svg.close("g");
        }
        y = overlap_top;

        // The overlap lane: shared addresses, hatched, with guides up through the lanes.
        if !section.overlaps.is_empty() {
            let hatch = format!("url(#{})", doc.id("hatch"));
            doc.svg.open("g", attrs!["class" => "npip-overlaps"]);
            for overlap in &section.overlaps {
                let x1 = scale.x(overlap.start);
                let x2 = scale.x(overlap.end);
                let oy = y + overlap.lane as f64 * (g.overlap_h + g.lane_gap);
                doc.svg.open("g", attrs!["class" => "npip-overlap-piece"]);
                doc.svg.text_el(
                    "title",
                    &[],
                    &format!(
                        "Overlap: {} share {}",
                        overlap.nouns.join(" and "),
                        free_cidrs(overlap.start, overlap.end)
                    ),
                );
                doc.svg.leaf(
                    "rect",
                    attrs![
                        "class" => "npip-overlap",
                        "fill" => &hatch,
                        "x" => x1,
                        "y" => oy,
                        "width" => (x2 - x1).max(1.0),
                        "height" => g.overlap_h,
                    ],
                );
                doc.svg.close("g");
            }
            doc.svg.close("g");
            y += section.overlap_lanes as f64 * (g.overlap_h + g.lane_gap);
        }

        y += 4.0;

        // Keys under the bar for pieces too narrow for any label.
        let (markers, marker_rows) = self.marker_rows(bar);
        for (i, row) in markers {
            let Some(piece) = section.pieces.get(i) else { continue };
            let cx = (scale.x(piece.start) + scale.x(piece.end)) / 2.0;
            let my = y + (row as f64 + 1.0) * leading(ty.small) - 4.0;
            let bar_bottom = lanes_top + (piece.lane as f64 + 1.0) * (g.lane_h + g.lane_gap) - g.lane_gap;
            doc.svg.leaf(
                "line",
                attrs!["class" => "npip-rule", "x1" => cx, "y1" => bar_bottom, "x2" => cx, "y2" => my - ty.small],
            );
            doc.text_exact(
                cx,
                my,
                ty.small,
                Face::SansBold,
                "",
                Anchor::Middle,
                &piece.kind.tag(),
                None,
            );
        }
        y += marker_rows as f64 * leading(ty.small) + 8.0;

        // The table; overlap notes name the other ranges as the findings do.
        y = self.table_header(doc, y);
        let names = |kinds: &[Kind]| {
            let mut kinds = kinds.to_vec();
            crate::order::sort(&mut kinds);
            kinds.dedup();
            kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
        };
        for piece in &section.pieces {
            let mut row = self.piece_row(piece);
            if !piece.overlaps.is_empty() {
                row.note = format!("overlaps {}", names(&piece.overlaps));
                row.alarm = true;
            }
            y = self.row(doc, &row, y);
        }
        for overlap in &section.overlaps {
            let row = Row {
                key: String::new(),
                kind: None,
                element: None,
                name: "Overlap".to_string(),
                cidr: free_cidrs(overlap.start, overlap.end),
                addresses: thousands(overlap.end.saturating_sub(overlap.start)),
                range: range_text(overlap.start, overlap.end),
                note: format!("shared by {}", names(&overlap.kinds)),
                alarm: true,
                overlap: true,
            };
            y = self.row(doc, &row, y);
        }
        y + 24.0
    }

    fn cidr_text(&self, piece: &Piece) -> String {
        match (piece.kind, piece.cidr) {
            (Kind::Free, None) => match largest_block(piece.start, piece.end) {
                Some(block) => format!("largest {block}"),
                None => range_text(piece.start, piece.end),
            },
            (_, Some(cidr)) => cidr.to_string(),
            (_, None) => range_text(piece.start, piece.end),
        }
    }

    fn piece_row(&self, piece: &Piece) -> Row {
        let mut notes = Vec::new();
        let mut alarm = false;
        if let Some(cidr) = piece.cidr {
            if piece.kind != Kind::Free && cidr.size() > piece.size() {
                if matches!(piece.kind, Kind::Avoid(_)) {
                    notes.push("covers this whole prefix".to_string());
                } else {
                    notes.push("extends beyond this prefix".to_string());
                    alarm = true;
                }
            }
            if matches!(piece.kind, Kind::Host | Kind::Container) && notes.is_empty() {
                notes.push(format!("{} usable for nodes", thousands(sizing::subnet_nodes(cidr))));
            }
        }
        if piece.kind == Kind::Free && piece.cidr.is_none() {
            let blocks = blocks_of(piece.start, piece.end);
            notes.push(format!(
                "{} blocks: {}",
                blocks.len(),
                free_cidrs(piece.start, piece.end)
            ));
        }
        Row {
            key: piece.kind.tag(),
            kind: Some(piece.kind),
            element: piece.kind.element(),
            name: piece.label.clone(),
            cidr: self.cidr_text(piece),
            addresses: thousands(piece.size()),
            range: range_text(piece.start, piece.end),
            note: notes.join("; "),
            alarm,
            overlap: false,
        }
    }

    /// Rows for what the bars cannot show: ranges outside every prefix, invalid values, ranges left out.
    fn extra_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for range in self.input.outside() {
            let avoid = matches!(range.kind, Kind::Avoid(_));
            rows.push(Row {
                key: range.kind.tag(),
                kind: Some(range.kind),
                element: range.kind.element(),
                name: range.label.clone(),
                cidr: range.cidr.to_string(),
                addresses: thousands(range.cidr.size()),
                range: range_text(u64::from(range.cidr.network()), range.cidr.end()),
                note: if avoid {
                    "clear of the VNet".to_string()
                } else {
                    "outside the VNet address space".to_string()
                },
                alarm: !avoid,
                overlap: false,
            });
        }
        for invalid in &self.input.invalid {
            let text = if invalid.text.is_empty() {
                "(empty)".to_string()
            } else {
                format!("\u{201c}{}\u{201d}", invalid.text)
            };
            rows.push(Row {
                key: match invalid.element {
                    Element::Avoid(i) => Kind::Avoid(i).tag(),
                    _ => String::new(),
                },
                kind: None,
                element: Some(invalid.element),
                name: format!("Invalid {}", invalid.what),
                cidr: text,
                addresses: String::new(),
                range: String::new(),
                note: format!("not a CIDR: it {}", invalid.error),
                alarm: true,
                overlap: false,
            });
        }
        for prefix in &self.input.ipv6_prefixes {
            rows.push(Row {
                key: String::new(),
                kind: None,
                element: Some(prefix.element),
                name: "IPv6 address space".to_string(),
                cidr: prefix.text.clone(),
                addresses: String::new(),
                range: String::new(),
                note: "left aside: the workspace subnets are IPv4".to_string(),
                alarm: false,
                overlap: false,
            });
        }
        if self.input.avoid_not_drawn > 0 {
            rows.push(Row {
                key: String::new(),
                kind: None,
                element: None,
                name: format!("{} more avoid ranges", self.input.avoid_not_drawn),
                cidr: String::new(),
                addresses: String::new(),
                range: String::new(),
                note: format!("only the first {MAX_AVOID_DRAWN} are drawn"),
                alarm: false,
                overlap: false,
            });
        }
        rows
    }

    fn table_header(&self, doc: &mut Doc, y: f64) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let y = y + g.row_h * 0.7;
        let c = |i: usize| g.margin + g.cols.get(i).copied().unwrap_or(0.0);
        doc.svg.open("g", attrs!["class" => "npip-table-head"]);
        doc.text_exact(c(0), y, ty.kicker, Face::Kicker, "", Anchor::Start, "#", None);
        doc.text_exact(c(2), y, ty.kicker, Face::Kicker, "", Anchor::Start, "RANGE", None);
        doc.text_exact(c(3), y, ty.kicker, Face::Kicker, "", Anchor::Start, "CIDR", None);
        doc.text_exact(c(4), y, ty.kicker, Face::Kicker, "", Anchor::End, "ADDRESSES", None);
        if g.show_range {
            doc.text_exact(
                c(5),
                y,
                ty.kicker,
                Face::Kicker,
                "",
                Anchor::Start,
                "FIRST – LAST",
                None,
            );
            doc.text_exact(c(6), y, ty.kicker, Face::Kicker, "", Anchor::Start, "NOTES", None);
        }
        doc.svg.close("g");
        let line_y = y + g.row_h * 0.3;
        doc.svg.leaf(
            "line",
            attrs!["class" => "npip-rule", "x1" => g.margin, "y1" => line_y, "x2" => g.width - g.margin, "y2" => line_y],
        );
        line_y
    }

    /// One table row; the name, the CIDRs and the note wrap, and the row grows to fit them. Returns its bottom.
    fn row(&self, doc: &mut Doc, row: &Row, top: f64) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let y = top + g.row_h * 0.68;
        let c = |i: usize| g.margin + g.cols.get(i).copied().unwrap_or(0.0);
        let mark = row.element.and_then(|e| self.marks.of(&[e]));
        let mut class = "npip-row".to_string();
        if let Some(mark) = &mark {
            class.push(' ');
            class.push_str(mark.class());
        }
        match row.element {
            Some(e) => doc.svg.open("g", attrs!["class" => &class, "data-el" => &e.slug()]),
            None => doc.svg.open("g", attrs!["class" => &class]),
        }
        // Without a notes column, an alarm's note is the row's tooltip.
        let tooltip: Vec<String> = mark
            .iter()
            .map(|m| m.tooltip())
            .chain((row.alarm && !g.show_range).then(|| row.note.clone()))
            .collect();
        if !tooltip.is_empty() {
            doc.svg.text_el("title", &[], &tooltip.join("\n"));
        }
        let mid = y - ty.small * 0.35;
        // The key, then the finding's badge.
        if !row.key.is_empty() {
            let room = c(1) - c(0) - ty.kicker * 1.7;
            doc.text(c(0), y, ty.small, Face::SansBold, "", Anchor::Start, &row.key, room);
        }
        let badged = mark.as_ref().filter(|m| m.severity != Severity::Info);
        if let Some(mark) = badged {
            doc.badge(c(1) - ty.kicker, mid, mark.severity, ty.kicker * 0.9);
        }
        // The swatch: the range's colours, the overlap hatching, or "!" for a value that is not a range at all.
        let s = ty.small * 0.95;
        if let Some(kind) = row.kind {
            // Its own group, so that a mark on the row does not restyle the swatch.
            doc.svg
                .open("g", attrs!["class" => &format!("npip-k-{}", kind.class())]);
            doc.svg.leaf(
                "rect",
                attrs!["class" => "npip-shape npip-swatch", "x" => c(1), "y" => mid - s / 2.0, "width" => s, "height" => s, "rx" => 2.0],
            );
            doc.svg.close("g");
        } else if row.overlap {
            let hatch = format!("url(#{})", doc.id("hatch"));
            doc.svg.leaf(
                "rect",
                attrs!["class" => "npip-overlap", "fill" => &hatch, "x" => c(1), "y" => mid - s / 2.0, "width" => s, "height" => s],
            );
        } else if row.alarm && badged.is_none() {
            doc.badge(c(1) + s / 2.0, mid, Severity::Error, ty.kicker * 0.9);
        }
        let name_w = c(3) - c(2) - 12.0;
        let mut bottom = if row.alarm && !g.show_range {
            // No notes column: the name says "!" in the error colour, and the tooltip says why.
            let name = format!("! {}", row.name);
            doc.wrapped(c(2), y, ty.small, Face::SansBold, "npip-et", &name, name_w, 6)
        } else {
            doc.wrapped(c(2), y, ty.small, Face::Sans, "", &row.name, name_w, 6)
        };
        // The CIDRs may run up to the addresses, right-aligned at the column's end.
        let cidr_w = (c(4) - c(3) - text::width(&row.addresses, ty.small, Face::Mono) - 16.0).max(40.0);
        bottom = bottom.max(doc.wrapped(c(3), y, ty.small, Face::Mono, "", &row.cidr, cidr_w, 3));
        doc.text_exact(c(4), y, ty.small, Face::Mono, "", Anchor::End, &row.addresses, None);
        if g.show_range {
            doc.text(
                c(5),
                y,
                ty.small,
                Face::Mono,
                "npip-m",
                Anchor::Start,
                &row.range,
                c(6) - c(5) - 12.0,
            );
            // With no range to show, the note may use the range column too.
            let note_x = if row.range.is_empty() { c(5) } else { c(6) };
            if !row.note.is_empty() {
                let (class, note) = if row.alarm {
                    ("npip-et", format!("! {}", row.note))
                } else {
                    ("npip-m", row.note.clone())
                };
                let face = if row.alarm { Face::SansBold } else { Face::Sans };
                let note_w = g.width - g.margin - note_x;
                bottom = bottom.max(doc.wrapped(note_x, y, ty.small, face, class, &note, note_w, 3));
            }
        }
        doc.svg.close("g");
        top + g.row_h + (bottom - y)
    }

    /// A key to the colours and the hatching, for what this map shows, wrapping onto more rows when needed, and
    /// the note that widths are not to scale when they are not. Returns the bottom.
    fn legend(&self, doc: &mut Doc, top: f64, bars: &[Bar]) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let mut y = top + leading(ty.small);
        doc.svg.open("g", attrs!["class" => "npip-legend"]);
        let mut x = g.margin;
        let s = ty.small * 0.95;
        let shown: Vec<&str> = bars
            .iter()
            .flat_map(|b| b.section.pieces.iter().map(|p| p.kind.class()))
            .chain(self.input.outside().iter().map(|r| r.kind.class()))
            .collect();
        let mut entries: Vec<(Option<&str>, &str)> = [
            ("managed", "Databricks-managed"),
            ("host", "host subnet"),
            ("cont", "container subnet"),
            ("avoid", "avoid range"),
            ("free", "free"),
        ]
        .into_iter()
        .filter(|(class, _)| shown.contains(class))
        .map(|(class, label)| (Some(class), label))
        .collect();
        if bars.iter().any(|b| !b.section.overlaps.is_empty()) {
            entries.push((None, "overlap"));
        }
        let hatch = format!("url(#{})", doc.id("hatch"));
        for (kind, label) in entries {
            let label_w = text::width(label, ty.small, Face::Sans);
            if x > g.margin && x + s + 6.0 + label_w > g.width - g.margin {
                x = g.margin;
                y += leading(ty.small) + 4.0;
            }
            let mid = y - ty.small * 0.35;
            match kind {
                Some(kind) => {
                    doc.svg.open("g", attrs!["class" => &format!("npip-k-{kind}")]);
                    doc.svg.leaf(
                        "rect",
                        attrs!["class" => "npip-shape npip-swatch", "x" => x, "y" => mid - s / 2.0, "width" => s, "height" => s, "rx" => 2.0],
                    );
                    doc.svg.close("g");
                }
                None => doc.svg.leaf(
                    "rect",
                    attrs!["class" => "npip-overlap", "fill" => &hatch, "x" => x, "y" => mid - s / 2.0, "width" => s, "height" => s],
                ),
            }
            x += s + 6.0;
            doc.text_exact(x, y, ty.small, Face::Sans, "", Anchor::Start, label, None);
            x += label_w + 18.0;
        }
        if bars.iter().any(|bar| !bar.scale.to_scale) {
            y = doc.wrapped(
                g.margin,
                y + leading(ty.small) + 4.0,
                ty.small,
                Face::Sans,
                "npip-m",
                NOT_TO_SCALE,
                g.bar_width(),
                3,
            );
        }
        doc.svg.close("g");
        y + ty.small * 0.3
    }
}
