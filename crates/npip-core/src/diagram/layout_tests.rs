//! Layout checks on every picture of every example and hand-made plan, and of stress plans with names at Azure's
//! length limits, at both sizes: no text leaves the canvas, its box or its bar, no two texts collide, boxes either
//! nest or keep apart, nothing is shortened, and text is legible at the width the app shows it. Widths come from the
//! same estimate the layout uses, which is calibrated on a wide fallback font.

use super::text::{self, Face};
use super::{address_map_svg, network_svg, DiagramOptions, DiagramSize};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{AvoidRange, Egress, Injection, Network, Plan, Subnet, Vnet};
use std::path::PathBuf;

/// How wide the app shows the pictures: the review step's diagram on a 1280 x 720 projector, the egress step's
/// side column, and the address step's map (its card is at most 46rem).
const REVIEW_WIDTH: f64 = 870.0;
const EGRESS_WIDTH: f64 = 358.0;
const ADDRESS_STEP_WIDTH: f64 = 700.0;

/// The example plans, then the hand-made ones.
fn plans() -> Vec<(String, Plan)> {
    let mut out = plans_in("../../examples");
    out.extend(plans_in("tests/golden/diagrams/plans"));
    out
}

fn plans_in(dir: &str) -> Vec<(String, Plan)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    {
        let dir = root.join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let plan = crate::read_plan(&std::fs::read_to_string(&path).unwrap()).unwrap();
                out.push((path.file_stem().unwrap().to_string_lossy().into_owned(), plan));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A hyphenated name of exactly `len` characters, as people build them from a convention.
fn long_name(len: usize) -> String {
    "adb-contoso-analytics-prod-westeurope-"
        .chars()
        .cycle()
        .take(len)
        .collect()
}

/// Plans at the limits of what Azure accepts: a 64-character workspace and VNet name, 80-character subnet, NSG,
/// gateway, public IP, load balancer and route table names, a 90-character resource group, the longest region
/// name, an existing VNet with many prefixes, many labelled avoid ranges (some outside the VNet, one invalid) and a
/// long FQDN list; one of them names things without any separator.
fn stress_plans() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    let base = plans()
        .into_iter()
        .find(|(n, _)| n == "nat-gateway")
        .map(|(_, p)| p)
        .unwrap();
    let avoid: Vec<AvoidRange> = (0..14u32)
        .map(|i| AvoidRange {
            cidr: match i {
                9 => "not-a-cidr-pasted-from-a-spreadsheet".to_string(),
                i if i < 6 => format!("10.179.{}.0/24", 128 + i * 8),
                i => format!("172.{}.0.0/16", 16 + i),
            },
            label: format!("peered hub VNet for the {} landing zone {i}", long_name(24)),
        })
        .collect();
    let injection = |separator: bool| {
        let name = |len: usize| if separator { long_name(len) } else { "x".repeat(len) };
        Injection {
            vnet: Vnet::New {
                name: name(64),
                address_space: "10.179.0.0/16".to_string(),
            },
            host_subnet: Subnet {
                name: name(80),
                cidr: "10.179.0.0/18".to_string(),
            },
            container_subnet: Subnet {
                name: name(80),
                cidr: "10.179.64.0/18".to_string(),
            },
            nsg_name: name(80),
        }
    };
    let mut nat = base.clone();
    nat.workspace.name = long_name(64);
    nat.workspace.region = "germanywestcentral".to_string();
    nat.network = Network::VnetInjection(injection(true));
    nat.egress = Egress::NatGateway {
        nat_gateway_name: long_name(80),
        public_ip_name: long_name(80),
        idle_timeout_minutes: 120,
    };
    nat.avoid = avoid.clone();
    out.push(("stress-nat-gateway".to_string(), nat.clone()));

    let mut unbroken = nat.clone();
    unbroken.workspace.name = "w".repeat(64);
    unbroken.network = Network::VnetInjection(injection(false));
    out.push(("stress-no-separators".to_string(), unbroken));

    let mut firewall = nat.clone();
    let mut existing = injection(true);
    existing.vnet = Vnet::Existing {
        resource_id: format!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}",
            long_name(90),
            long_name(64)
        ),
        address_prefixes: (0..8).map(|i| format!("10.{}.0.0/16", 179 + i)).collect(),
    };
    firewall.network = Network::VnetInjection(existing);
    firewall.connectivity.secure_cluster_connectivity = false;
    firewall.egress = Egress::Firewall {
        route_table_name: long_name(80),
        firewall_private_ip: "10.200.255.254".to_string(),
        scc_relay_bypass: true,
        service_tag_routes: true,
        extra_fqdns: (0..12)
            .map(|i| format!("mirror{i}.packages.{}.example.com", long_name(30)))
            .collect(),
    };
    out.push(("stress-firewall-existing-vnet".to_string(), firewall.clone()));

    let mut lb = nat.clone();
    lb.egress = Egress::LoadBalancer {
        load_balancer_name: long_name(80),
        backend_pool_name: long_name(80),
        frontend_config_name: long_name(80),
        public_ip_name: long_name(80),
    };
    out.push(("stress-load-balancer".to_string(), lb));

    let mut managed = nat;
    managed.connectivity.secure_cluster_connectivity = false;
    managed.network = Network::Managed {
        address_prefix: Some("10.250".to_string()),
        nat_gateway_name: Some(long_name(80)),
        public_ip_name: Some(long_name(80)),
    };
    managed.workspace.managed_resource_group = Some(long_name(90));
    managed.egress = Egress::ManagedNatGateway;
    out.push(("stress-managed".to_string(), managed));
    out
}

fn options(size: DiagramSize) -> DiagramOptions {
    DiagramOptions {
        size,
        ..DiagramOptions::default()
    }
}

#[derive(Debug, Clone, Copy)]
struct Box2 {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
}

impl Box2 {
    fn overlaps(&self, other: &Box2) -> bool {
        self.x1 < other.x2 - 0.5 && other.x1 < self.x2 - 0.5 && self.y1 < other.y2 - 0.5 && other.y1 < self.y2 - 0.5
    }

    fn contains(&self, other: &Box2) -> bool {
        self.x1 <= other.x1 + 0.5 && self.y1 <= other.y1 + 0.5 && other.x2 <= self.x2 + 0.5 && other.y2 <= self.y2 + 0.5
    }
}

fn num(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// The estimated box of a `<text>` element.
fn text_box(node: roxmltree::Node) -> Option<(Box2, String)> {
    let content = node.text()?.to_string();
    let class = node.attribute("class").unwrap_or("");
    let has = |c: &str| class.split(' ').any(|x| x == c);
    let face = if has("npip-mono") {
        Face::Mono
    } else if has("npip-kick") {
        Face::Kicker
    } else if has("npip-b") || has("npip-et") || has("npip-wt") || has("npip-badge-t") {
        Face::SansBold
    } else {
        Face::Sans
    };
    let size = num(node, "font-size");
    let width = text::width(&content, size, face);
    let x = num(node, "x");
    let y = num(node, "y");
    if has("npip-badge-t") {
        // A badge's glyph stands for the whole disc or triangle around it.
        let r = (size * 0.72).round() * 1.15;
        let cy = y - size * 0.36;
        return Some((
            Box2 {
                x1: x - r,
                y1: cy - r,
                x2: x + r,
                y2: cy + r,
            },
            content,
        ));
    }
    let x1 = match node.attribute("text-anchor") {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    // Glyphs sit from about 0.8 em above the baseline to 0.2 em below it.
    Some((
        Box2 {
            x1,
            y1: y - size * 0.8,
            x2: x1 + width,
            y2: y + size * 0.2,
        },
        content,
    ))
}

fn rect_box(node: roxmltree::Node) -> Box2 {
    let (x, y) = (num(node, "x"), num(node, "y"));
    Box2 {
        x1: x,
        y1: y,
        x2: x + num(node, "width"),
        y2: y + num(node, "height"),
    }
}

fn check(name: &str, svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let canvas = Box2 {
        x1: 0.0,
        y1: 0.0,
        x2: num(root, "width"),
        y2: num(root, "height"),
    };
    let mut problems = Vec::new();
    let texts: Vec<(Box2, String, roxmltree::Node)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| text_box(n).map(|(b, t)| (b, t, n)))
        .collect();
    for (b, t, _) in &texts {
        if !canvas.contains(b) {
            problems.push(format!("{name}: '{t}' leaves the canvas {b:?}"));
        }
    }
    for (i, (a, at, _)) in texts.iter().enumerate() {
        for (b, bt, _) in texts.iter().skip(i + 1) {
            if a.overlaps(b) {
                problems.push(format!("{name}: '{at}' collides with '{bt}'"));
            }
        }
    }
    // Boxes: every card's own texts stay inside it, and cards nest or keep apart.
    let cards: Vec<(Box2, roxmltree::Node)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.contains("npip-card")))
        .filter_map(|g| {
            g.children()
                .find(|c| c.has_tag_name("rect") && c.attribute("class") == Some("npip-shape"))
                .map(|r| (rect_box(r), g))
        })
        .collect();
    // So do the labels in the address map's bars.
    let pieces = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.contains("npip-piece")))
        .filter_map(|g| g.children().find(|c| c.has_tag_name("rect")).map(|r| (rect_box(r), g)));
    for (card, g) in cards.iter().cloned().chain(pieces) {
        for t in g.children().filter(|c| c.has_tag_name("text")) {
            if let Some((b, content)) = text_box(t) {
                if !card.contains(&b) {
                    problems.push(format!("{name}: '{content}' sticks out of its box"));
                }
            }
        }
    }
    for (i, (a, ga)) in cards.iter().enumerate() {
        for (b, gb) in cards.iter().skip(i + 1) {
            if a.overlaps(b) && !a.contains(b) && !b.contains(a) {
                problems.push(format!(
                    "{name}: boxes {:?} and {:?} overlap",
                    ga.attribute("data-el"),
                    gb.attribute("data-el")
                ));
            }
        }
    }
    problems
}

/// An error or a warning on every field a picture can mark, so that every badge is drawn.
fn everything_marked() -> Vec<Finding> {
    let fields = [
        Field::WorkspaceName,
        Field::Region,
        Field::SecureClusterConnectivity,
        Field::VnetName,
        Field::VnetAddressPrefix(0),
        Field::VnetAddressPrefix(1),
        Field::HostSubnetCidr,
        Field::ContainerSubnetCidr,
        Field::NsgName,
        Field::PeakNodes,
        Field::EgressType,
        Field::NatGatewayPublicIpName,
        Field::RouteTableName,
        Field::FirewallPrivateIp,
        Field::AvoidCidr(0),
        Field::AvoidCidr(1),
        Field::AvoidCidr(2),
    ];
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| Finding {
            code: "NPIP-E999",
            severity: if i % 2 == 0 { Severity::Error } else { Severity::Warning },
            field: *field,
            message: "marked".to_string(),
            remedy: "",
            source: "",
        })
        .collect()
}

#[test]
fn nothing_leaves_the_canvas_collides_or_sticks_out() {
    let mut problems = Vec::new();
    let marked = everything_marked();
    for (name, plan) in plans().into_iter().chain(stress_plans()) {
        for size in [DiagramSize::Full, DiagramSize::Compact] {
            let options = options(size);
            for (findings, note) in [(&[][..], ""), (&marked[..], " marked")] {
                let label = format!("{name} {size:?}{note}");
                problems.extend(check(
                    &format!("network {label}"),
                    &network_svg(&plan, findings, &options),
                ));
                problems.extend(check(
                    &format!("map {label}"),
                    &address_map_svg(&plan, findings, &options),
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every shortened text: labels are wrapped to fit, and "…" is the last resort for input longer than any Azure name.
fn shortened(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .filter(|t| t.ends_with('…'))
        .map(str::to_string)
        .collect()
}

#[test]
fn nothing_is_shortened_in_the_examples_or_at_azure_name_limits() {
    let marked = everything_marked();
    let mut problems = Vec::new();
    for (name, plan) in plans().into_iter().chain(stress_plans()) {
        // The hand-made invalid plan has a 67-character subnet name, within the limits too.
        for size in [DiagramSize::Full, DiagramSize::Compact] {
            for findings in [&[][..], &marked[..]] {
                for svg in [
                    network_svg(&plan, findings, &options(size)),
                    address_map_svg(&plan, findings, &options(size)),
                ] {
                    problems.extend(shortened(&svg).into_iter().map(|t| format!("{name} {size:?}: {t}")));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The smallest text in a picture, in CSS pixels, when the app shows it `shown_at` pixels wide; kickers and badge
/// glyphs apart, and then all of them.
fn smallest_text(svg: &str, shown_at: f64) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let scale = shown_at / num(doc.root_element(), "width");
    let mut text = f64::MAX;
    let mut any = f64::MAX;
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let px = num(node, "font-size") * scale;
        any = any.min(px);
        let class = node.attribute("class").unwrap_or("");
        if !class.contains("npip-kick") && !class.contains("npip-badge-t") {
            text = text.min(px);
        }
    }
    (text, any)
}

#[test]
fn text_is_legible_where_the_app_shows_it() {
    let marked = everything_marked();
    for (name, plan) in plans().into_iter().chain(stress_plans()) {
        let review = smallest_text(&network_svg(&plan, &marked, &options(DiagramSize::Full)), REVIEW_WIDTH);
        assert!(review.0 >= 14.0 && review.1 >= 12.0, "{name} review step: {review:?}");
        let egress = smallest_text(
            &network_svg(&plan, &marked, &options(DiagramSize::Compact)),
            EGRESS_WIDTH,
        );
        assert!(egress.1 >= 12.0, "{name} egress step: {egress:?}");
        let map = smallest_text(
            &address_map_svg(&plan, &marked, &options(DiagramSize::Compact)),
            ADDRESS_STEP_WIDTH,
        );
        assert!(map.1 >= 12.0, "{name} address step: {map:?}");
    }
    // The examples stay about one 1280 x 720 projector screen tall on the review step.
    for (name, plan) in plans_in("../../examples") {
        let svg = network_svg(&plan, &[], &DiagramOptions::default());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        let shown_height = num(root, "height") * REVIEW_WIDTH / num(root, "width");
        assert!(
            shown_height <= 740.0,
            "{name}: {shown_height} px tall on the review step"
        );
    }
}
