//! Layout checks on every picture of every example and hand-made plan, at both sizes: no text leaves the canvas or
//! its box, no two texts collide, and boxes either nest or keep apart. Widths come from the same estimate the
//! layout uses, which is calibrated on a wide fallback font.

use super::text::{self, Face};
use super::{address_map_svg, network_svg, DiagramOptions, DiagramSize};
use crate::finding::{Field, Finding, Severity};
use crate::plan::Plan;
use std::path::PathBuf;

fn plans() -> Vec<(String, Plan)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("../../examples"), root.join("tests/golden/diagrams/plans")] {
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
    for (card, g) in &cards {
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
    for (name, plan) in plans() {
        for size in [DiagramSize::Full, DiagramSize::Compact] {
            let options = DiagramOptions {
                size,
                ..DiagramOptions::default()
            };
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

#[test]
fn full_size_text_is_at_least_13px_and_fits_a_projector() {
    for (name, plan) in plans() {
        let svg = network_svg(&plan, &[], &DiagramOptions::default());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
            assert!(num(node, "font-size") >= 13.0, "{name}: {:?}", node.text());
        }
        assert_eq!(num(doc.root_element(), "width"), 1280.0, "{name}");
        assert_eq!(num(doc.root_element(), "height"), 720.0, "{name}: 16:9 at 1280 wide");
    }
}
