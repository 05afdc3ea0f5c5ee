//! The address-space map's model: every range of the plan with what it is called, and per VNet prefix the pieces
//! of its bar (subnets, avoid ranges, free space) with their lanes and the addresses ranges share.

use crate::cidr::{format_ipv4, Cidr, CidrError};
use crate::diagram::marks::Element;
use crate::diagram::shown::{shown, ManagedPrefix};
use crate::plan::{Network, Plan, Vnet};

/// More avoid ranges than this are listed as a count only: real plans have a handful, and the drawing must stay
/// quick on any input.
pub(super) const MAX_AVOID_DRAWN: usize = 100;

/// What kind of range a piece of the map is; decides its colours and wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Managed,
    Host,
    Container,
    Avoid(usize),
    Free,
}

impl Kind {
    pub(super) fn class(self) -> &'static str {
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
    pub(super) fn name(self) -> String {
        match self {
            Kind::Managed => "managed VNet".to_string(),
            Kind::Host => "host subnet".to_string(),
            Kind::Container => "container subnet".to_string(),
            Kind::Avoid(i) => format!("avoid range {}", i.saturating_add(1)),
            Kind::Free => "free".to_string(),
        }
    }

    /// The key in the table's first column and under the bar for a range too narrow for words.
    pub(super) fn tag(self) -> String {
        match self {
            Kind::Managed => "M".to_string(),
            Kind::Host => "H".to_string(),
            Kind::Container => "C".to_string(),
            Kind::Avoid(i) => i.saturating_add(1).to_string(),
            Kind::Free => String::new(),
        }
    }

    pub(super) fn element(self) -> Option<Element> {
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
pub(super) struct Range {
    pub(super) kind: Kind,
    /// Short label for the bar: "Host · adb-host".
    pub(super) label: String,
    /// Noun for sentences and overlap notes: "host subnet adb-host".
    pub(super) noun: String,
    pub(super) cidr: Cidr,
}

/// A CIDR field that did not parse.
pub(super) struct Invalid {
    pub(super) what: String,
    pub(super) text: String,
    pub(super) error: CidrError,
    pub(super) element: Element,
}

/// An IPv6 prefix of an existing dual-stack VNet: listed, not drawn, and not an error (NPIP-I012).
pub(super) struct Ipv6Prefix {
    pub(super) text: String,
    pub(super) element: Element,
}

pub(super) struct Prefix {
    pub(super) cidr: Option<Cidr>,
}

/// Everything the map needs from the plan.
pub(super) struct Input {
    pub(super) vnet_name: String,
    pub(super) model: &'static str,
    pub(super) managed: bool,
    pub(super) prefixes: Vec<Prefix>,
    pub(super) ranges: Vec<Range>,
    pub(super) invalid: Vec<Invalid>,
    pub(super) ipv6_prefixes: Vec<Ipv6Prefix>,
    pub(super) avoid_not_drawn: usize,
}

/// With an ASCII capital first letter (the names it is given are ASCII; Unicode case tables would cost the bundle).
pub(super) fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

impl Input {
    pub(super) fn of(plan: &Plan) -> Input {
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
                let prefix = ManagedPrefix::of(address_prefix.as_deref());
                match prefix.block {
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
                            text: prefix.two_octets.to_string(),
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
    pub(super) fn outside(&self) -> Vec<&Range> {
        self.ranges
            .iter()
            .filter(|r| !self.prefixes.iter().filter_map(|p| p.cidr).any(|p| p.overlaps(r.cidr)))
            .collect()
    }
}

/// A range as drawn in one prefix's bar: clipped to the prefix, with its lane and table key.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    pub(super) kind: Kind,
    pub(super) label: String,
    pub(super) noun: String,
    /// The whole range (may be larger than the prefix).
    pub(super) cidr: Option<Cidr>,
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) lane: usize,
    /// The ranges it shares addresses with.
    pub(super) overlaps: Vec<Kind>,
}

impl Piece {
    pub(super) fn size(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }
}

/// Left to right; at the same start, the larger range first (it takes the upper lane).
fn address_order(a: &Piece, b: &Piece) -> std::cmp::Ordering {
    (a.start, b.end, a.kind).cmp(&(b.start, a.end, b.kind))
}

/// Addresses two or more ranges share.
#[derive(Clone, Debug)]
pub(super) struct Overlap {
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) nouns: Vec<String>,
    pub(super) kinds: Vec<Kind>,
    pub(super) lane: usize,
}

pub(super) struct Section {
    pub(super) index: usize,
    pub(super) prefix: Cidr,
    /// Subnets, avoid ranges and free gaps, in address order.
    pub(super) pieces: Vec<Piece>,
    pub(super) lanes: usize,
    pub(super) overlaps: Vec<Overlap>,
    pub(super) overlap_lanes: usize,
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
    pub(super) fn build(index: usize, prefix: Cidr, input: &Input) -> Section {
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
        Section {
            index,
            prefix,
            pieces,
            lanes,
            overlaps,
            overlap_lanes,
        }
    }
}

/// The largest CIDR blocks that exactly cover [start, end).
pub(super) fn blocks_of(start: u64, end: u64) -> Vec<Cidr> {
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
pub(super) fn largest_block(start: u64, end: u64) -> Option<Cidr> {
    blocks_of(start, end)
        .into_iter()
        .min_by_key(|b| (b.prefix(), b.network()))
}

pub(super) fn range_text(start: u64, end: u64) -> String {
    let first = u32::try_from(start).unwrap_or(u32::MAX);
    let last = u32::try_from(end.saturating_sub(1)).unwrap_or(u32::MAX);
    format!("{} – {}", format_ipv4(first), format_ipv4(last))
}

/// How a free gap is written: one CIDR, or its blocks.
pub(super) fn free_cidrs(start: u64, end: u64) -> String {
    let blocks = blocks_of(start, end);
    let parts: Vec<String> = blocks.iter().take(3).map(Cidr::to_string).collect();
    let text = parts.join(" + ");
    match blocks.len().saturating_sub(3) {
        0 => text,
        1 => format!("{text} and 1 more block"),
        more => format!("{text} and {more} more blocks"),
    }
}
