//! The address-space map. Each VNet prefix (one for a new or managed VNet, one or more for an existing VNet) is a
//! bar from its first to its last address. The subnets, the avoid-list ranges that fall inside and the free space
//! are drawn in proportion, except that every range gets a minimum width so that tiny ones stay visible and
//! labelled, and a bigger range is never drawn narrower than a smaller one. Ranges that overlap go on separate lanes
//! and the shared addresses are hatched on an overlap lane, so an overlap is never hidden. The table below each bar
//! lists every range in words; avoid ranges carry the number the app and the findings give them ("Avoid range 3").

use super::draw::{leading, open_marked, Anchor, Doc, Type};
use super::marks::{severity_word, Element, Marks};
use super::svg::attrs;
use super::text::{self, Face};
use super::{DiagramOptions, DiagramSize};
use crate::cidr::{format_ipv4, Cidr, CidrError};
use crate::finding::{Finding, Severity};
use crate::plan::{Network, Plan, Vnet};
use crate::sizing;
use crate::text::{plural, thousands};

/// More avoid ranges than this are listed as a count only: real plans have a handful, and the drawing must stay
/// quick on any input.
const MAX_AVOID_DRAWN: usize = 100;
const MANAGED_PREFIX_DEFAULT: &str = "10.139";

pub fn draw(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    let marks = Marks::for_address_map(findings);
    let input = Input::of(plan);
    let layout = Geometry::of(options.size);
    let sections: Vec<Section> = input
        .prefixes
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.cidr.map(|cidr| Section::build(i, cidr, &input, &layout)))
        .collect();
    let title = format!("Address map: {}", input.vnet_name);
    let desc = describe(&input, &sections, &marks);
    Painter {
        input: &input,
        marks: &marks,
        layout,
        ty: Type::of(options.size),
    }
    .paint(options, &sections, &title, &desc)
}

/// What kind of range a piece of the map is; decides its colours and wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Managed,
    Host,
    Container,
    Avoid(usize),
    Free,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Managed => "managed",
            Kind::Host => "host",
            Kind::Container => "cont",
            Kind::Avoid(_) => "avoid",
            Kind::Free => "free",
        }
    }

    /// What the range is called in notes and in the bar when its label does not fit: "avoid range 3" is what the
    /// findings call `avoid[2]` (and the app's "Range 3").
    fn name(self) -> String {
        match self {
            Kind::Managed => "managed VNet".to_string(),
            Kind::Host => "host subnet".to_string(),
            Kind::Container => "container subnet".to_string(),
            Kind::Avoid(i) => format!("avoid range {}", i.saturating_add(1)),
            Kind::Free => "free".to_string(),
        }
    }

    /// The key in the table's first column and under the bar for a range too narrow for words.
    fn tag(self) -> String {
        match self {
            Kind::Managed => "M".to_string(),
            Kind::Host => "H".to_string(),
            Kind::Container => "C".to_string(),
            Kind::Avoid(i) => i.saturating_add(1).to_string(),
            Kind::Free => String::new(),
        }
    }

    fn element(self) -> Option<Element> {
        match self {
            Kind::Host => Some(Element::HostSubnet),
            Kind::Container => Some(Element::ContainerSubnet),
            Kind::Avoid(i) => Some(Element::Avoid(i)),
            Kind::Managed | Kind::Free => None,
        }
    }
}

/// A named range from the plan.
#[derive(Clone, Debug)]
struct Range {
    kind: Kind,
    /// Short label for the bar: "Host · adb-host".
    label: String,
    /// Noun for sentences and overlap notes: "host subnet adb-host".
    noun: String,
    cidr: Cidr,
}

/// A CIDR field that did not parse.
struct Invalid {
    what: String,
    text: String,
    error: CidrError,
    element: Element,
}

/// An IPv6 prefix of an existing dual-stack VNet: listed, not drawn, and not an error (NPIP-I012).
struct Ipv6Prefix {
    text: String,
    element: Element,
}

struct Prefix {
    cidr: Option<Cidr>,
}

/// Everything the map needs from the plan.
struct Input {
    vnet_name: String,
    model: &'static str,
    managed: bool,
    prefixes: Vec<Prefix>,
    ranges: Vec<Range>,
    invalid: Vec<Invalid>,
    ipv6_prefixes: Vec<Ipv6Prefix>,
    avoid_not_drawn: usize,
}

/// With an ASCII capital first letter (the names it is given are ASCII; Unicode case tables would cost the bundle).
fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn shown(name: &str, missing: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        missing.to_string()
    } else {
        name.to_string()
    }
}

impl Input {
    fn of(plan: &Plan) -> Input {
        let mut input = Input {
            vnet_name: String::new(),
            model: "",
            managed: false,
            prefixes: Vec::new(),
            ranges: Vec::new(),
            invalid: Vec::new(),
            ipv6_prefixes: Vec::new(),
            avoid_not_drawn: 0,
        };
        match &plan.network {
            Network::Managed { address_prefix, .. } => {
                input.managed = true;
                input.model = "managed VNet";
                input.vnet_name = "managed VNet".to_string();
                let two = address_prefix.as_deref().map(str::trim).filter(|p| !p.is_empty());
                let two = two.unwrap_or(MANAGED_PREFIX_DEFAULT);
                let parsed: Result<Cidr, CidrError> = if two.split('.').count() == 2 {
                    format!("{two}.0.0/16").parse()
                } else {
                    Err(CidrError::BadAddress)
                };
                match parsed {
                    Ok(cidr) => {
                        input.prefixes.push(Prefix { cidr: Some(cidr) });
                        input.ranges.push(Range {
                            kind: Kind::Managed,
                            label: "Databricks-managed subnets".to_string(),
                            noun: "the managed VNet".to_string(),
                            cidr,
                        });
                    }
                    Err(error) => {
                        input.prefixes.push(Prefix { cidr: None });
                        input.invalid.push(Invalid {
                            what: "managed VNet prefix (first two octets, like 10.139)".to_string(),
                            text: two.to_string(),
                            error,
                            element: Element::VnetPrefix(0),
                        });
                    }
                }
            }
            Network::VnetInjection(injection) => {
                let texts: Vec<&String> = match &injection.vnet {
                    Vnet::New { name, address_space } => {
                        input.vnet_name = shown(name, "(no name)");
                        input.model = "new VNet";
                        vec![address_space]
                    }
                    Vnet::Existing {
                        resource_id,
                        address_prefixes,
                    } => {
                        input.vnet_name = resource_id
                            .rsplit('/')
                            .find(|s| !s.trim().is_empty())
                            .map(|s| s.trim().to_string())
                            .unwrap_or_else(|| "existing VNet".to_string());
                        input.model = "existing VNet";
                        address_prefixes.iter().collect()
                    }
                };
                let existing = matches!(injection.vnet, Vnet::Existing { .. });
                for (i, text) in texts.into_iter().enumerate() {
                    match text.parse::<Cidr>() {
                        Ok(cidr) => input.prefixes.push(Prefix { cidr: Some(cidr) }),
                        Err(CidrError::Ipv6) if existing => input.ipv6_prefixes.push(Ipv6Prefix {
                            text: text.trim().to_string(),
                            element: Element::VnetPrefix(i),
                        }),
                        Err(error) => {
                            input.prefixes.push(Prefix { cidr: None });
                            input.invalid.push(Invalid {
                                what: "VNet address space".to_string(),
                                text: text.trim().to_string(),
                                error,
                                element: Element::VnetPrefix(i),
                            });
                        }
                    }
                }
                for (kind, role, subnet) in [
                    (Kind::Host, "Host", &injection.host_subnet),
                    (Kind::Container, "Container", &injection.container_subnet),
                ] {
                    let name = shown(&subnet.name, "(no name)");
                    match subnet.cidr.parse::<Cidr>() {
                        Ok(cidr) => input.ranges.push(Range {
                            kind,
                            label: format!("{role} · {name}"),
                            noun: format!("{} subnet {name}", role.to_ascii_lowercase()),
                            cidr,
                        }),
                        Err(error) => input.invalid.push(Invalid {
                            what: format!("{} subnet {name}", role.to_ascii_lowercase()),
                            text: subnet.cidr.trim().to_string(),
                            error,
                            element: kind.element().unwrap_or(Element::Vnet),
                        }),
                    }
                }
            }
        }
        for (i, avoid) in plan.avoid.iter().enumerate() {
            if i >= MAX_AVOID_DRAWN {
                input.avoid_not_drawn = plan.avoid.len() - MAX_AVOID_DRAWN;
                break;
            }
            let kind = Kind::Avoid(i);
            let (label, noun) = match avoid.label.trim() {
                "" => (capitalised(&kind.name()), kind.name()),
                label => (
                    format!("{} · {label}", capitalised(&kind.name())),
                    format!("{} ({label})", kind.name()),
                ),
            };
            match avoid.cidr.parse::<Cidr>() {
                Ok(cidr) => input.ranges.push(Range {
                    kind,
                    label,
                    noun,
                    cidr,
                }),
                Err(error) => input.invalid.push(Invalid {
                    what: noun,
                    text: avoid.cidr.trim().to_string(),
                    error,
                    element: Element::Avoid(i),
                }),
            }
        }
        input
    }

    /// Ranges that fall in no valid prefix: subnets outside the VNet, avoid ranges elsewhere.
    fn outside(&self) -> Vec<&Range> {
        self.ranges
            .iter()
            .filter(|r| !self.prefixes.iter().filter_map(|p| p.cidr).any(|p| p.overlaps(r.cidr)))
            .collect()
    }
}

/// A range as drawn in one prefix's bar: clipped to the prefix, with its lane and table key.
#[derive(Clone, Debug)]
struct Piece {
    kind: Kind,
    label: String,
    noun: String,
    /// The whole range (may be larger than the prefix).
    cidr: Option<Cidr>,
    start: u64,
    end: u64,
    lane: usize,
    /// The ranges it shares addresses with.
    overlaps: Vec<Kind>,
}

impl Piece {
    fn size(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }
}

/// Left to right; at the same start, the larger range first (it takes the upper lane).
fn address_order(a: &Piece, b: &Piece) -> std::cmp::Ordering {
    (a.start, b.end, a.kind).cmp(&(b.start, a.end, b.kind))
}

/// Addresses two or more ranges share.
#[derive(Clone, Debug)]
struct Overlap {
    start: u64,
    end: u64,
    nouns: Vec<String>,
    kinds: Vec<Kind>,
    lane: usize,
}

struct Section {
    index: usize,
    prefix: Cidr,
    /// Subnets, avoid ranges and free gaps, in address order.
    pieces: Vec<Piece>,
    lanes: usize,
    overlaps: Vec<Overlap>,
    overlap_lanes: usize,
    scale: Scale,
}

/// Gives each (start, end) range the first lane where it overlaps nothing; returns the lane count.
fn assign_lanes(ranges: &mut [(u64, u64, usize)]) -> usize {
    let mut lane_ends: Vec<u64> = Vec::new();
    for range in ranges.iter_mut() {
        match lane_ends.iter().position(|&end| end <= range.0) {
            Some(lane) => {
                range.2 = lane;
                if let Some(end) = lane_ends.get_mut(lane) {
                    *end = range.1;
                }
            }
            None => {
                range.2 = lane_ends.len();
                lane_ends.push(range.1);
            }
        }
    }
    lane_ends.len()
}

impl Section {
    fn build(index: usize, prefix: Cidr, input: &Input, g: &Geometry) -> Section {
        let (p_start, p_end) = (u64::from(prefix.network()), prefix.end());
        let mut pieces: Vec<Piece> = input
            .ranges
            .iter()
            .filter(|r| r.cidr.overlaps(prefix))
            .map(|r| Piece {
                kind: r.kind,
                label: r.label.clone(),
                noun: r.noun.clone(),
                cidr: Some(r.cidr),
                start: u64::from(r.cidr.network()).max(p_start),
                end: r.cidr.end().min(p_end),
                lane: 0,
                overlaps: Vec::new(),
            })
            .collect();
        crate::order::sort_by(&mut pieces, address_order);

        // Overlaps between drawn ranges, merged by the addresses they share.
        let mut shared: crate::order::SortedMap<(u64, u64), (Vec<String>, Vec<Kind>)> = Default::default();
        let count = pieces.len();
        for i in 0..count {
            for j in (i + 1)..count {
                let (Some(a), Some(b)) = (pieces.get(i), pieces.get(j)) else {
                    continue;
                };
                let (start, end) = (a.start.max(b.start), a.end.min(b.end));
                // Two avoid ranges may nest freely (their lanes show it); a conflict needs a Databricks range.
                let databricks = |k: Kind| matches!(k, Kind::Host | Kind::Container | Kind::Managed);
                if start >= end || !(databricks(a.kind) || databricks(b.kind)) {
                    continue;
                }
                let (a_kind, b_kind) = (a.kind, b.kind);
                if let Some((nouns, kinds)) = shared.entry_or_insert_with((start, end), Default::default) {
                    for (noun, kind) in [(&a.noun, a_kind), (&b.noun, b_kind)] {
                        if !kinds.contains(&kind) {
                            nouns.push(noun.clone());
                            kinds.push(kind);
                        }
                    }
                }
                if let Some(a) = pieces.get_mut(i) {
                    a.overlaps.push(b_kind);
                }
                if let Some(b) = pieces.get_mut(j) {
                    b.overlaps.push(a_kind);
                }
            }
        }

        let mut spans: Vec<(u64, u64, usize)> = pieces.iter().map(|p| (p.start, p.end, 0)).collect();
        let lanes = assign_lanes(&mut spans).max(1);
        for (piece, span) in pieces.iter_mut().zip(&spans) {
            piece.lane = span.2;
        }

        // Free space: the prefix minus every drawn range, on the first lane (empty there by construction).
        let mut free = Vec::new();
        let mut cursor = p_start;
        for piece in &pieces {
            if piece.start > cursor {
                free.push((cursor, piece.start));
            }
            cursor = cursor.max(piece.end);
        }
        if cursor < p_end {
            free.push((cursor, p_end));
        }
        for (start, end) in free {
            let blocks = blocks_of(start, end);
            let cidr = match blocks.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
            pieces.push(Piece {
                kind: Kind::Free,
                label: "Free".to_string(),
                noun: "free space".to_string(),
                cidr,
                start,
                end,
                lane: 0,
                overlaps: Vec::new(),
            });
        }
        crate::order::sort_by(&mut pieces, address_order);

        let mut overlap_spans: Vec<(u64, u64, usize)> = shared.iter().map(|(&(s, e), _)| (s, e, 0)).collect();
        let overlap_lanes = assign_lanes(&mut overlap_spans);
        let overlaps = shared
            .into_vec()
            .into_iter()
            .zip(overlap_spans)
            .map(|(((start, end), (nouns, kinds)), span)| Overlap {
                start,
                end,
                nouns,
                kinds,
                lane: span.2,
            })
            .collect();
        let mut section = Section {
            index,
            prefix,
            pieces,
            lanes,
            overlaps,
            overlap_lanes,
            scale: Scale::default(),
        };
        section.scale = Scale::new(&section, g.margin, g.bar_width(), g.min_piece, g.named_min);
        section
    }
}

/// The largest CIDR blocks that exactly cover [start, end).
fn blocks_of(start: u64, end: u64) -> Vec<Cidr> {
    let mut blocks = Vec::new();
    let mut at = start;
    while at < end && blocks.len() < 64 {
        // The biggest aligned block starting at `at` that does not pass `end`.
        let align = if at == 0 { 32 } else { at.trailing_zeros().min(32) };
        let mut bits = align;
        while bits > 0 && at + (1u64 << bits) > end {
            bits -= 1;
        }
        let prefix = 32u8.saturating_sub(bits as u8);
        let Some(block) = u32::try_from(at).ok().and_then(|n| Cidr::new(n, prefix)) else {
            break;
        };
        blocks.push(block);
        at += 1u64 << bits;
    }
    blocks
}

/// The biggest CIDR block inside [start, end): where the next subnet fits best.
fn largest_block(start: u64, end: u64) -> Option<Cidr> {
    blocks_of(start, end)
        .into_iter()
        .min_by_key(|b| (b.prefix(), b.network()))
}

fn range_text(start: u64, end: u64) -> String {
    let first = u32::try_from(start).unwrap_or(u32::MAX);
    let last = u32::try_from(end.saturating_sub(1)).unwrap_or(u32::MAX);
    format!("{} – {}", format_ipv4(first), format_ipv4(last))
}

/// How a free gap is written: one CIDR, or its blocks.
fn free_cidrs(start: u64, end: u64) -> String {
    let blocks = blocks_of(start, end);
    let parts: Vec<String> = blocks.iter().take(3).map(Cidr::to_string).collect();
    let text = parts.join(" + ");
    match blocks.len().saturating_sub(3) {
        0 => text,
        1 => format!("{text} and 1 more block"),
        more => format!("{text} and {more} more blocks"),
    }
}

fn describe(input: &Input, sections: &[Section], marks: &Marks) -> String {
    let mut s = format!("Address map of the {} {}. ", input.model, input.vnet_name);
    if input.prefixes.is_empty() {
        s.push_str("The VNet has no address prefixes. ");
    }
    for section in sections {
        s.push_str(&format!(
            "Prefix {}, {} addresses: ",
            section.prefix,
            thousands(section.prefix.size())
        ));
        let parts: Vec<String> = section
            .pieces
            .iter()
            .map(|p| {
                let what = match (p.kind, p.cidr) {
                    (Kind::Free, _) => format!("free {}", free_cidrs(p.start, p.end)),
                    (_, Some(cidr)) => format!("{} {cidr}", p.noun),
                    (_, None) => p.noun.clone(),
                };
                format!("{what} ({} addresses)", thousands(p.size()))
            })
            .collect();
        s.push_str(&parts.join("; "));
        s.push_str(". ");
        if section.overlaps.is_empty() {
            s.push_str("No overlaps. ");
        }
        for overlap in &section.overlaps {
            s.push_str(&format!(
                "Overlap: {} share {} ({} addresses). ",
                overlap.nouns.join(" and "),
                free_cidrs(overlap.start, overlap.end),
                thousands(overlap.end.saturating_sub(overlap.start))
            ));
        }
    }
    let outside = input.outside();
    if !outside.is_empty() {
        let parts: Vec<String> = outside.iter().map(|r| format!("{} {}", r.noun, r.cidr)).collect();
        s.push_str(&format!("Outside the VNet address space: {}. ", parts.join("; ")));
    }
    for invalid in &input.invalid {
        s.push_str(&format!(
            "Not drawn: the {} \u{201c}{}\u{201d} {}. ",
            invalid.what, invalid.text, invalid.error
        ));
    }
    for prefix in &input.ipv6_prefixes {
        s.push_str(&format!(
            "Left aside: the IPv6 address space \u{201c}{}\u{201d} (the workspace subnets are IPv4). ",
            prefix.text
        ));
    }
    if input.avoid_not_drawn > 0 {
        s.push_str(&format!("{} more avoid ranges are not drawn. ", input.avoid_not_drawn));
    }
    if sections.iter().any(|section| !section.scale.to_scale) {
        s.push_str(NOT_TO_SCALE);
        s.push(' ');
    }
    if let Some(summary) = marks.summary() {
        s.push_str(&format!("Findings: {summary}."));
        for (element, mark) in marks.iter() {
            for line in &mark.lines {
                s.push_str(&format!(
                    " {} ({}): {line}.",
                    element.noun(),
                    severity_word(mark.severity).to_ascii_lowercase()
                ));
            }
        }
    }
    s.trim_end().to_string()
}

/// Sizes that differ between the full and the compact map.
#[derive(Clone, Copy)]
struct Geometry {
    width: f64,
    margin: f64,
    lane_h: f64,
    lane_gap: f64,
    overlap_h: f64,
    min_piece: f64,
    /// Width a subnet or avoid range gets at least, so its label fits in the bar.
    named_min: f64,
    row_h: f64,
    /// Table column starts, relative to the margin: key, swatch, name, CIDR, addresses (right edge), range, notes.
    cols: [f64; 7],
    show_range: bool,
}

impl Geometry {
    fn of(size: DiagramSize) -> Geometry {
        match size {
            DiagramSize::Full => Geometry {
                width: 1280.0,
                margin: 24.0,
                lane_h: 54.0,
                lane_gap: 6.0,
                overlap_h: 24.0,
                min_piece: 6.0,
                named_min: 150.0,
                row_h: 27.0,
                cols: [0.0, 56.0, 80.0, 340.0, 620.0, 644.0, 944.0],
                show_range: true,
            },
            DiagramSize::Compact => Geometry {
                width: 560.0,
                margin: 16.0,
                lane_h: 44.0,
                lane_gap: 4.0,
                overlap_h: 18.0,
                min_piece: 4.0,
                named_min: 96.0,
                row_h: 22.0,
                cols: [0.0, 50.0, 70.0, 256.0, 528.0, 528.0, 528.0],
                show_range: false,
            },
        }
    }

    fn bar_width(&self) -> f64 {
        self.width - 2.0 * self.margin
    }
}

/// Maps addresses to x: proportional, except that every range gets a minimum width.
#[derive(Default)]
struct Scale {
    bounds: Vec<u64>,
    xs: Vec<f64>,
    /// Whether widths are in proportion to sizes (no minimum had to widen anything).
    to_scale: bool,
}

impl Scale {
    /// Every range, free space included, gets at least `floor` pixels so that its label fits, as long as those
    /// floors take no more than 60% of the bar, and every sliver at least `min`. The floor is the same whatever the
    /// range is, so a bigger range is never drawn narrower than a smaller one; should nested ranges (each floored in
    /// parts) still invert two, the bar is drawn strictly to scale instead.
    fn new(section: &Section, x0: f64, width: f64, min: f64, floor: f64) -> Scale {
        let mut bounds: Vec<u64> = vec![u64::from(section.prefix.network()), section.prefix.end()];
        for p in &section.pieces {
            bounds.extend([p.start, p.end]);
        }
        for o in &section.overlaps {
            bounds.extend([o.start, o.end]);
        }
        crate::order::sort(&mut bounds);
        bounds.dedup();
        let lengths: Vec<f64> = bounds.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
        let n = lengths.len().max(1) as f64;
        let mut floors = vec![min.min(width / n); lengths.len()];
        let floor = floor.min(width * 0.6 / section.pieces.len().max(1) as f64);
        let part = |address: u64| bounds.partition_point(|b| *b < address);
        for piece in &section.pieces {
            let (first, last) = (part(piece.start), part(piece.end));
            let share = floor / last.saturating_sub(first).max(1) as f64;
            for slot in floors.iter_mut().take(last).skip(first) {
                *slot = slot.max(share);
            }
        }
        let mut scale = Scale::from_widths(bounds.clone(), x0, &fill(&lengths, &floors, width));
        if scale.inverts(&section.pieces) {
            scale = Scale::from_widths(bounds, x0, &fill(&lengths, &vec![0.0; lengths.len()], width));
        }
        let total: f64 = lengths.iter().sum();
        scale.to_scale = scale
            .xs
            .windows(2)
            .zip(&lengths)
            .all(|(x, length)| ((x[1] - x[0]) - width * length / total.max(1.0)).abs() < 0.5);
        scale
    }

    fn from_widths(bounds: Vec<u64>, x0: f64, widths: &[f64]) -> Scale {
        let mut xs = Vec::with_capacity(bounds.len());
        let mut x = x0;
        xs.push(x);
        for w in widths {
            x += w;
            xs.push(x);
        }
        Scale {
            bounds,
            xs,
            to_scale: false,
        }
    }

    fn x(&self, address: u64) -> f64 {
        let i = self.bounds.partition_point(|b| *b < address);
        self.xs.get(i).or(self.xs.last()).copied().unwrap_or(0.0)
    }

    fn width(&self, piece: &Piece) -> f64 {
        self.x(piece.end) - self.x(piece.start)
    }

    /// Whether some range is drawn narrower than a smaller one.
    fn inverts(&self, pieces: &[Piece]) -> bool {
        pieces.iter().any(|a| {
            pieces
                .iter()
                .any(|b| a.size() > b.size() && self.width(a) + 0.5 < self.width(b))
        })
    }
}

/// Widths in proportion to `lengths` that add up to `width`, none below its floor: intervals that would fall below
/// are held at their floor and the rest share what is left, repeated until no new interval falls below.
fn fill(lengths: &[f64], floors: &[f64], width: f64) -> Vec<f64> {
    let floor_sum: f64 = floors.iter().sum();
    if floor_sum >= width {
        // Not even the floors fit: scale them down together.
        let factor = if floor_sum > 0.0 { width / floor_sum } else { 0.0 };
        return floors.iter().map(|f| f * factor).collect();
    }
    let mut held = vec![false; lengths.len()];
    let mut widths = floors.to_vec();
    for _ in 0..=lengths.len() {
        let held_width: f64 = floors.iter().zip(&held).filter(|(_, h)| **h).map(|(f, _)| *f).sum();
        let free_len: f64 = lengths.iter().zip(&held).filter(|(_, h)| !**h).map(|(l, _)| *l).sum();
        let room = (width - held_width).max(0.0);
        let mut changed = false;
        for (i, (length, floor)) in lengths.iter().zip(floors).enumerate() {
            if held.get(i).copied().unwrap_or(true) {
                continue;
            }
            let w = if free_len > 0.0 {
                room * length / free_len
            } else {
                room / lengths.len() as f64
            };
            if w < *floor {
                if let Some(h) = held.get_mut(i) {
                    *h = true;
                }
                changed = true;
            }
            if let Some(slot) = widths.get_mut(i) {
                *slot = w.max(*floor);
            }
        }
        if !changed {
            break;
        }
    }
    widths
}

/// Said in the legend and the description when a minimum width made a bar not to scale.
const NOT_TO_SCALE: &str = "Widths are not to scale: small ranges are widened to stay readable, and a bigger range is \
                            never drawn narrower than a smaller one.";

struct Painter<'a> {
    input: &'a Input,
    marks: &'a Marks,
    layout: Geometry,
    ty: Type,
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
    fn paint(&self, options: &DiagramOptions, sections: &[Section], title: &str, desc: &str) -> String {
        let g = self.layout;
        let ty = self.ty;
        let mut doc = Doc::new(options, "map");
        self.hatch(&mut doc);
        let mut y = self.header(&mut doc);
        for section in sections {
            y = self.section(&mut doc, section, y);
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
        if sections.is_empty() && extra.is_empty() {
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
        let bottom = self.legend(&mut doc, y, sections);
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
    fn marker_rows(&self, section: &Section) -> (Vec<(usize, usize)>, usize) {
        let mut rows_end: Vec<f64> = Vec::new();
        let mut placed = Vec::new();
        for (i, piece) in section.pieces.iter().enumerate() {
            let w = section.scale.width(piece);
            if piece.kind.tag().is_empty() || self.in_bar_label(piece, w).is_some() {
                continue;
            }
            let center = (section.scale.x(piece.start) + section.scale.x(piece.end)) / 2.0;
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

    fn section(&self, doc: &mut Doc, section: &Section, top: f64) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let x0 = g.margin;
        let bar_w = g.bar_width();
        let scale = &section.scale;
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
        let (markers, marker_rows) = self.marker_rows(section);
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
    fn legend(&self, doc: &mut Doc, top: f64, sections: &[Section]) -> f64 {
        let g = self.layout;
        let ty = self.ty;
        let mut y = top + leading(ty.small);
        doc.svg.open("g", attrs!["class" => "npip-legend"]);
        let mut x = g.margin;
        let s = ty.small * 0.95;
        let shown: Vec<&str> = sections
            .iter()
            .flat_map(|s| s.pieces.iter().map(|p| p.kind.class()))
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
        if sections.iter().any(|s| !s.overlaps.is_empty()) {
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
        if sections.iter().any(|section| !section.scale.to_scale) {
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
