//! Subnet sizing for VNet injection: how big the host and container subnets must be for a number of nodes, and where
//! to put them in a VNet that already has other ranges in use.
//!
//! Every cluster node takes one address in the host subnet and one in the container subnet, and Azure keeps five
//! addresses of every subnet, so a subnet of prefix `p` holds `2^(32-p) - 5` nodes.

use crate::cidr::Cidr;
use crate::plan::{Plan, Vnet};
use crate::text::thousands;
use std::fmt;

/// The smallest subnet Azure Databricks accepts for either workspace subnet.
pub const MIN_SUBNET_PREFIX: u8 = 26;
/// The largest VNet (shortest prefix) VNet injection accepts.
pub const MIN_VNET_PREFIX: u8 = 16;
/// The smallest VNet (longest prefix) VNet injection accepts.
pub const MAX_VNET_PREFIX: u8 = 24;

/// Addresses Azure reserves in every subnet: the network address, three for Azure services, and the last address.
pub const AZURE_RESERVED_PER_SUBNET: u64 = 5;

/// Nodes a subnet of this prefix holds: its addresses less the five Azure keeps (0 for blocks smaller than /29).
pub const fn nodes_for_prefix(prefix: u8) -> u64 {
    if prefix > 32 {
        return 0;
    }
    (1u64 << (32 - prefix as u32)).saturating_sub(AZURE_RESERVED_PER_SUBNET)
}

/// Nodes one subnet holds.
pub const fn subnet_nodes(subnet: Cidr) -> u64 {
    nodes_for_prefix(subnet.prefix())
}

/// Nodes a workspace with these two subnets runs: each node takes one address in each, so the smaller one sets it.
pub const fn node_capacity(host: Cidr, container: Cidr) -> u64 {
    let (host, container) = (subnet_nodes(host), subnet_nodes(container));
    if host < container {
        host
    } else {
        container
    }
}

/// The node capacity of a VNet-injected plan whose two subnet ranges read; `None` for the managed VNet.
pub fn plan_capacity(plan: &Plan) -> Option<u64> {
    let injection = plan.network.injection()?;
    let host: Cidr = injection.host_subnet.cidr.parse().ok()?;
    let container: Cidr = injection.container_subnet.cidr.parse().ok()?;
    Some(node_capacity(host, container))
}

/// The most nodes any plan can hold: two /17 subnets fill the largest VNet (/16).
pub const MAX_NODES: u64 = nodes_for_prefix(MIN_VNET_PREFIX + 1);

/// The answer to "how big for N nodes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSizing {
    pub nodes: u64,
    /// Prefix of each of the two subnets.
    pub subnet_prefix: u8,
    /// Nodes that subnet size holds (at least `nodes`).
    pub capacity: u64,
    /// Prefix of the smallest VNet that holds both subnets (never smaller than /24).
    pub vnet_prefix: u8,
}

/// Why no sizing or placement was possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizingError {
    /// Zero nodes asked for.
    NoNodes,
    /// More nodes than two /17 subnets in a /16 VNet hold.
    TooManyNodes { nodes: u64 },
    /// The VNet is outside the /16–/24 range VNet injection accepts.
    VnetOutOfRange { vnet: Cidr },
    /// The VNet cannot hold two subnets of the size needed at all.
    VnetTooSmall { vnet: Cidr, subnet_prefix: u8 },
    /// The VNet is big enough, but the avoid ranges leave no room for two subnets of the size needed.
    NoRoom { vnet: Cidr, subnet_prefix: u8 },
}

impl fmt::Display for SizingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SizingError::NoNodes => write!(f, "the number of nodes must be at least 1"),
            SizingError::TooManyNodes { nodes } => write!(
                f,
                "{nodes} nodes do not fit: the largest VNet for VNet injection (/16) holds two /17 subnets, which is \
                 {MAX_NODES} nodes"
            ),
            SizingError::VnetOutOfRange { vnet } => write!(
                f,
                "the VNet {vnet} is /{}; VNet injection needs a VNet from /{MIN_VNET_PREFIX} to /{MAX_VNET_PREFIX}",
                vnet.prefix()
            ),
            SizingError::VnetTooSmall { vnet, subnet_prefix } => write!(
                f,
                "the VNet {vnet} cannot hold two /{subnet_prefix} subnets; it needs to be /{} or larger",
                subnet_prefix.saturating_sub(1)
            ),
            SizingError::NoRoom { vnet, subnet_prefix } => write!(
                f,
                "the avoid ranges leave no room in {vnet} for two /{subnet_prefix} subnets ({} nodes each)",
                nodes_for_prefix(*subnet_prefix)
            ),
        }
    }
}

impl std::error::Error for SizingError {}

/// The longest subnet prefix (smallest subnet, never below /26) that holds `nodes`, or `None` above what a /17 holds.
pub fn subnet_prefix_for_nodes(nodes: u64) -> Option<u8> {
    (MIN_VNET_PREFIX + 1..=MIN_SUBNET_PREFIX)
        .rev()
        .find(|&prefix| nodes_for_prefix(prefix) >= nodes)
}

/// `npip size --nodes N`: the smallest subnets for `nodes`, and the smallest VNet that holds both.
pub fn size_for_nodes(nodes: u64) -> Result<NodeSizing, SizingError> {
    if nodes == 0 {
        return Err(SizingError::NoNodes);
    }
    let subnet_prefix = subnet_prefix_for_nodes(nodes).ok_or(SizingError::TooManyNodes { nodes })?;
    Ok(NodeSizing {
        nodes,
        subnet_prefix,
        capacity: nodes_for_prefix(subnet_prefix),
        // Two equal subnets fill a VNet one bit larger; a VNet is never smaller than /24.
        vnet_prefix: subnet_prefix.saturating_sub(1).min(MAX_VNET_PREFIX),
    })
}

impl NodeSizing {
    /// The subnets in words: "/22 each (1019 nodes)", or for the largest, which nothing exceeds, "/17 each (32763
    /// nodes, the most a workspace holds)".
    pub fn subnets_text(&self) -> String {
        if self.subnet_prefix == MIN_VNET_PREFIX + 1 {
            format!(
                "/{} each ({} nodes, the most a workspace holds)",
                self.subnet_prefix, self.capacity
            )
        } else {
            format!("/{} each ({} nodes)", self.subnet_prefix, self.capacity)
        }
    }

    /// The VNet in words: "/21 or larger, up to /16", or "/16, the largest VNet injection allows" when only the
    /// largest holds both subnets.
    pub fn vnet_text(&self) -> String {
        if self.vnet_prefix <= MIN_VNET_PREFIX {
            format!("/{MIN_VNET_PREFIX}, the largest VNet injection allows")
        } else {
            format!("/{} or larger, up to /{MIN_VNET_PREFIX}", self.vnet_prefix)
        }
    }
}

/// Host and container subnets suggested inside a VNet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub vnet: Cidr,
    pub host: Cidr,
    pub container: Cidr,
    /// Nodes the pair holds.
    pub capacity: u64,
    /// Whether the two subnets sit side by side (they do whenever the free space allows it).
    pub adjacent: bool,
    /// Addresses of the VNet left free (outside the avoid ranges and the two subnets).
    pub free_addresses_after: u64,
}

impl Suggestion {
    /// What the suggestion gives, in one sentence for people: the two ranges and the room they leave above `peak`
    /// nodes. The sizing is the smallest that holds the peak, so a peak that fills it exactly is said plainly.
    pub fn sentence(&self, peak: u64) -> String {
        let ranges = format!(
            "Suggested host subnet {} and container subnet {}",
            self.host, self.container
        );
        let holds = thousands(self.capacity);
        match self.capacity.checked_sub(peak) {
            Some(0) => format!(
                "{ranges}: they hold exactly the peak of {holds} nodes, with no room to grow; raise the peak nodes \
                 to leave some."
            ),
            Some(spare) => format!(
                "{ranges}: they hold {holds} nodes, {} more than the peak (the smallest size that fits it; raise the \
                 peak nodes for more room).",
                thousands(spare)
            ),
            None => format!("{ranges}."),
        }
    }
}

/// A run of free addresses `[start, end)`; `u64` so that the top of the address space does not overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Gap {
    start: u64,
    end: u64,
}

impl Gap {
    fn len(self) -> u64 {
        self.end.saturating_sub(self.start)
    }
}

/// One place a block could go, with what it costs the free space around it.
#[derive(Clone, Copy, Debug)]
struct Placement {
    start: u64,
    /// Free pieces the placement leaves in its gap (0, 1 or 2); fewer keeps the free space contiguous.
    pieces_left: u8,
    /// Size of the gap it goes in; the smallest gap that fits keeps large free runs whole.
    gap_len: u64,
}

impl Placement {
    fn key(&self) -> (u8, u64, u64) {
        (self.pieces_left, self.gap_len, self.start)
    }
}

/// `npip size --vnet CIDR --nodes N --avoid CIDR…`: the smallest host and container subnets for `nodes` inside
/// `vnet`, clear of every avoid range, placed so that the rest of the free space stays as contiguous as possible.
///
/// The avoid ranges are sorted and swept once (O(n log n)); nothing is compared pairwise.
pub fn suggest_subnets(vnet: Cidr, nodes: u64, avoid: &[Cidr]) -> Result<Suggestion, SizingError> {
    if !(MIN_VNET_PREFIX..=MAX_VNET_PREFIX).contains(&vnet.prefix()) {
        return Err(SizingError::VnetOutOfRange { vnet });
    }
    let sizing = size_for_nodes(nodes)?;
    let subnet_prefix = sizing.subnet_prefix;
    if subnet_prefix <= vnet.prefix() {
        return Err(SizingError::VnetTooSmall { vnet, subnet_prefix });
    }
    let block = 1u64 << (32 - u32::from(subnet_prefix));
    let gaps = free_gaps(vnet, avoid);

    // First choice: both subnets side by side in one aligned block twice their size.
    let pair = gaps
        .iter()
        .filter_map(|gap| place(*gap, block * 2))
        .min_by_key(Placement::key);
    let (host_start, container_start, adjacent) = match pair {
        Some(p) => (p.start, p.start + block, true),
        None => {
            // Otherwise two separate blocks, each placed the same way.
            let first = gaps
                .iter()
                .filter_map(|gap| place(*gap, block))
                .min_by_key(Placement::key)
                .ok_or(SizingError::NoRoom { vnet, subnet_prefix })?;
            let rest = gaps.iter().flat_map(|gap| split_gap(*gap, first.start, block));
            let second = rest
                .filter_map(|gap| place(gap, block))
                .min_by_key(Placement::key)
                .ok_or(SizingError::NoRoom { vnet, subnet_prefix })?;
            let (low, high) = (first.start.min(second.start), first.start.max(second.start));
            (low, high, false)
        }
    };
    let host = cidr_at(host_start, subnet_prefix).ok_or(SizingError::NoRoom { vnet, subnet_prefix })?;
    let container = cidr_at(container_start, subnet_prefix).ok_or(SizingError::NoRoom { vnet, subnet_prefix })?;
    let free: u64 = gaps.iter().map(|g| g.len()).sum();
    Ok(Suggestion {
        vnet,
        host,
        container,
        capacity: sizing.capacity,
        adjacent,
        free_addresses_after: free.saturating_sub(block * 2),
    })
}

fn cidr_at(start: u64, prefix: u8) -> Option<Cidr> {
    Cidr::new(u32::try_from(start).ok()?, prefix)
}

/// The free runs of `vnet` once the avoid ranges are taken out, in address order.
fn free_gaps(vnet: Cidr, avoid: &[Cidr]) -> Vec<Gap> {
    let (vnet_start, vnet_end) = (u64::from(vnet.network()), vnet.end());
    let mut taken: Vec<Gap> = avoid
        .iter()
        .filter(|a| a.overlaps(vnet))
        .map(|a| Gap {
            start: u64::from(a.network()).max(vnet_start),
            end: a.end().min(vnet_end),
        })
        .collect();
    // Ranges that start together may come in any order: the sweep below keeps the furthest end either way.
    crate::order::sort_by_key(&mut taken, |g| g.start);
    let mut gaps = Vec::new();
    let mut cursor = vnet_start;
    for range in taken {
        if range.start > cursor {
            gaps.push(Gap {
                start: cursor,
                end: range.start,
            });
        }
        cursor = cursor.max(range.end);
    }
    if cursor < vnet_end {
        gaps.push(Gap {
            start: cursor,
            end: vnet_end,
        });
    }
    gaps
}

/// The better end of `gap` for an aligned block of `size` addresses, if one fits.
fn place(gap: Gap, size: u64) -> Option<Placement> {
    let low = gap.start.div_ceil(size).checked_mul(size)?;
    if low.checked_add(size)? > gap.end {
        return None;
    }
    let high = (gap.end - size) / size * size;
    let pieces = |start: u64| u8::from(start > gap.start) + u8::from(start + size < gap.end);
    let (low_pieces, high_pieces) = (pieces(low), pieces(high));
    let start = if high_pieces < low_pieces { high } else { low };
    Some(Placement {
        start,
        pieces_left: low_pieces.min(high_pieces),
        gap_len: gap.len(),
    })
}

/// `gap` without the block `[start, start + size)`: zero, one or two gaps.
fn split_gap(gap: Gap, start: u64, size: u64) -> impl Iterator<Item = Gap> {
    let end = start + size;
    let inside = start >= gap.start && end <= gap.end;
    let (before, after) = if inside {
        (
            Gap {
                start: gap.start,
                end: start,
            },
            Gap {
                start: end,
                end: gap.end,
            },
        )
    } else {
        (gap, Gap { start: 0, end: 0 })
    };
    [before, after].into_iter().filter(|g| g.len() > 0)
}

/// Why no subnets can be suggested for a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanSuggestionError {
    /// None of the VNet's address ranges is a valid CIDR yet.
    NoVnetRange,
    /// No VNet range has room; the error of the last one tried.
    Sizing(SizingError),
}

impl fmt::Display for PlanSuggestionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanSuggestionError::NoVnetRange => {
                write!(
                    f,
                    "enter a valid VNet address range first; the subnets are placed inside it"
                )
            }
            PlanSuggestionError::Sizing(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for PlanSuggestionError {}

/// The "suggest subnets" answer for a plan: the smallest host and container subnets for its peak nodes inside its
/// VNet, clear of its avoid ranges. An existing VNet may have several address ranges; the first with room wins.
/// `None` for the managed VNet, where Databricks places the subnets. Ranges that do not parse are skipped: the
/// rules report them.
pub fn suggest_for_plan(plan: &Plan) -> Option<Result<Suggestion, PlanSuggestionError>> {
    let injection = plan.network.injection()?;
    let prefixes: Vec<&String> = match &injection.vnet {
        Vnet::New { address_space, .. } => vec![address_space],
        Vnet::Existing { address_prefixes, .. } => address_prefixes.iter().collect(),
    };
    let vnets: Vec<Cidr> = prefixes.iter().filter_map(|p| p.trim().parse().ok()).collect();
    let avoid: Vec<Cidr> = plan.avoid.iter().filter_map(|a| a.cidr.trim().parse().ok()).collect();
    let nodes = u64::from(plan.peak_nodes);
    let mut last_error = PlanSuggestionError::NoVnetRange;
    for vnet in vnets {
        match suggest_subnets(vnet, nodes, &avoid) {
            Ok(suggestion) => return Some(Ok(suggestion)),
            Err(error) => last_error = PlanSuggestionError::Sizing(error),
        }
    }
    Some(Err(last_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_words_never_offer_more_than_allowed() {
        let largest = size_for_nodes(MAX_NODES).unwrap();
        assert_eq!(largest.vnet_text(), "/16, the largest VNet injection allows");
        assert_eq!(
            largest.subnets_text(),
            "/17 each (32763 nodes, the most a workspace holds)"
        );
        let small = size_for_nodes(50).unwrap();
        assert_eq!(small.vnet_text(), "/24 or larger, up to /16");
        assert_eq!(small.subnets_text(), "/26 each (59 nodes)");
    }
    use crate::plan::{AvoidRange, Network};

    fn c(text: &str) -> Cidr {
        text.parse().unwrap()
    }

    #[test]
    fn capacity_per_prefix_matches_the_azure_table() {
        assert_eq!(nodes_for_prefix(26), 59);
        assert_eq!(nodes_for_prefix(24), 251);
        assert_eq!(nodes_for_prefix(17), 32763);
        assert_eq!(MAX_NODES, 32763);
        assert_eq!(subnet_nodes(c("10.0.0.0/26")), 59);
        assert_eq!(subnet_nodes(c("10.0.0.0/30")), 0);
        assert_eq!(node_capacity(c("10.0.0.0/17"), c("10.0.128.0/26")), 59);
        assert_eq!(node_capacity(c("10.0.0.0/24"), c("10.0.1.0/24")), 251);
    }

    #[test]
    fn a_plan_has_a_capacity_once_both_subnets_read() {
        let mut plan = example_plan("nat-gateway");
        assert_eq!(plan_capacity(&plan), Some(16379));
        if let Network::VnetInjection(injection) = &mut plan.network {
            injection.container_subnet.cidr = "10.179.64.0/26 ".into();
        }
        assert_eq!(plan_capacity(&plan), Some(59));
        if let Network::VnetInjection(injection) = &mut plan.network {
            injection.host_subnet.cidr = "10.179.0.0".into();
        }
        assert_eq!(plan_capacity(&plan), None);
        assert_eq!(plan_capacity(&example_plan("managed-default")), None);
    }

    #[test]
    fn sizes_for_nodes() {
        let s = size_for_nodes(59).unwrap();
        assert_eq!((s.subnet_prefix, s.capacity, s.vnet_prefix), (26, 59, 24));
        let s = size_for_nodes(60).unwrap();
        assert_eq!((s.subnet_prefix, s.capacity, s.vnet_prefix), (25, 123, 24));
        let s = size_for_nodes(1000).unwrap();
        assert_eq!((s.subnet_prefix, s.vnet_prefix), (22, 21));
        let s = size_for_nodes(32763).unwrap();
        assert_eq!((s.subnet_prefix, s.vnet_prefix), (17, 16));
        assert_eq!(size_for_nodes(1).unwrap().subnet_prefix, 26);
        assert_eq!(size_for_nodes(0), Err(SizingError::NoNodes));
        assert_eq!(size_for_nodes(32764), Err(SizingError::TooManyNodes { nodes: 32764 }));
    }

    #[test]
    fn suggests_a_pair_at_the_start_of_an_empty_vnet() {
        let s = suggest_subnets(c("10.1.0.0/16"), 1000, &[]).unwrap();
        assert_eq!((s.host, s.container), (c("10.1.0.0/22"), c("10.1.4.0/22")));
        assert!(s.adjacent);
        assert_eq!(s.free_addresses_after, 65536 - 2048);
    }

    #[test]
    fn keeps_clear_of_avoid_ranges_and_keeps_the_rest_contiguous() {
        // 10.50.0.0/24 and 10.50.1.0/26 are taken at the start: the pair goes to the far end of the free run,
        // which leaves one free piece instead of two.
        let s = suggest_subnets(c("10.50.0.0/16"), 800, &[c("10.50.0.0/24"), c("10.50.1.0/26")]).unwrap();
        assert_eq!((s.host, s.container), (c("10.50.248.0/22"), c("10.50.252.0/22")));
        // A hole that fits exactly is preferred over splitting a large run.
        let s = suggest_subnets(c("10.0.0.0/16"), 50, &[c("10.0.0.0/25"), c("10.0.1.0/24")]).unwrap();
        assert_eq!((s.host, s.container), (c("10.0.0.128/26"), c("10.0.0.192/26")));
        let s = suggest_subnets(c("10.0.0.0/24"), 50, &[c("10.0.0.64/26")]).unwrap();
        assert_eq!((s.host, s.container), (c("10.0.0.128/26"), c("10.0.0.192/26")));
    }

    #[test]
    fn falls_back_to_separate_blocks() {
        let s = suggest_subnets(c("10.0.0.0/24"), 50, &[c("10.0.0.64/26"), c("10.0.0.192/26")]).unwrap();
        assert_eq!((s.host, s.container), (c("10.0.0.0/26"), c("10.0.0.128/26")));
        assert!(!s.adjacent);
    }

    #[test]
    fn explains_when_nothing_fits() {
        assert_eq!(
            suggest_subnets(c("10.0.0.0/24"), 200, &[]),
            Err(SizingError::VnetTooSmall {
                vnet: c("10.0.0.0/24"),
                subnet_prefix: 24
            })
        );
        assert_eq!(
            suggest_subnets(
                c("10.0.0.0/24"),
                50,
                &[
                    c("10.0.0.32/27"),
                    c("10.0.0.96/27"),
                    c("10.0.0.160/27"),
                    c("10.0.0.224/27")
                ]
            ),
            Err(SizingError::NoRoom {
                vnet: c("10.0.0.0/24"),
                subnet_prefix: 26
            })
        );
        assert_eq!(
            suggest_subnets(c("10.0.0.0/8"), 50, &[]),
            Err(SizingError::VnetOutOfRange { vnet: c("10.0.0.0/8") })
        );
    }

    fn example_plan(name: &str) -> Plan {
        let example = crate::examples::example(name).unwrap();
        crate::read_plan(example.text).unwrap()
    }

    #[test]
    fn plan_suggestion_uses_the_plan_vnet_nodes_and_avoid_ranges() {
        assert_eq!(suggest_for_plan(&example_plan("managed-default")), None);
        let mut plan = example_plan("nat-gateway");
        plan.peak_nodes = 50;
        if let Network::VnetInjection(injection) = &mut plan.network {
            injection.vnet = Vnet::New {
                name: "vnet".into(),
                address_space: " 10.0.0.0/24 ".into(),
            };
        }
        plan.avoid = vec![AvoidRange {
            cidr: "10.0.0.0/26".into(),
            label: String::new(),
        }];
        let s = suggest_for_plan(&plan).unwrap().unwrap();
        assert_eq!((s.host, s.container), (c("10.0.0.128/26"), c("10.0.0.192/26")));
    }

    #[test]
    fn plan_suggestion_tries_each_existing_vnet_range_in_turn() {
        let mut plan = example_plan("existing-vnet");
        plan.peak_nodes = 50;
        if let Network::VnetInjection(injection) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut injection.vnet {
                *address_prefixes = vec!["not a range".into(), "10.9.0.0/25".into(), "10.8.0.0/24".into()];
            }
        }
        plan.avoid.clear();
        // The first range is not a CIDR and the /25 is too small for VNet injection; the /24 after them has room.
        let s = suggest_for_plan(&plan).unwrap().unwrap();
        assert_eq!(s.vnet, c("10.8.0.0/24"));
        if let Network::VnetInjection(injection) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut injection.vnet {
                *address_prefixes = vec!["10.9.0.0/25".into()];
            }
        }
        assert!(matches!(
            suggest_for_plan(&plan),
            Some(Err(PlanSuggestionError::Sizing(SizingError::VnetOutOfRange { .. })))
        ));
        if let Network::VnetInjection(injection) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut injection.vnet {
                *address_prefixes = vec!["10.9.0.0/33".into()];
            }
        }
        let error = suggest_for_plan(&plan).unwrap().unwrap_err();
        assert_eq!(error, PlanSuggestionError::NoVnetRange);
        assert!(error.to_string().contains("valid VNet address range"));
    }

    #[test]
    fn the_sentence_says_how_much_room_the_suggestion_leaves() {
        let vnet: Cidr = "10.0.0.0/16".parse().unwrap();
        let exact = suggest_subnets(vnet, 59, &[]).unwrap();
        assert_eq!(exact.capacity, 59);
        assert!(
            exact.sentence(59).ends_with(
                "they hold exactly the peak of 59 nodes, with no room to grow; raise the peak nodes to leave some."
            ),
            "{}",
            exact.sentence(59)
        );
        let roomy = suggest_subnets(vnet, 50, &[]).unwrap();
        assert!(
            roomy.sentence(50).contains("they hold 59 nodes, 9 more than the peak"),
            "{}",
            roomy.sentence(50)
        );
        assert!(roomy.sentence(50).starts_with(&format!(
            "Suggested host subnet {} and container subnet {}",
            roomy.host, roomy.container
        )));
    }
}
