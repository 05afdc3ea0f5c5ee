//! The network diagram painted: the header, the boxes where `layout.rs` placed them, the arrows for who opens which
//! connection, and the key along the bottom, as SVG.

use super::layout::{Compact, Full, ARROW_GAP, COL_A, COL_B, COL_C, CW, CX, FOOTER_H, MARGIN, W};
use super::model::{egress_title, routes, Facts, Net, Target};
use crate::diagram::draw::{leading, open_marked, Anchor, Doc, Laid, Type};
use crate::diagram::marks::{Element, Marks};
use crate::diagram::options::{DiagramOptions, DiagramSize};
use crate::diagram::svg::attrs;
use crate::diagram::text::{self, Face};
use crate::finding::Severity;
use crate::text::plural;

fn flow_classes(target: Target) -> (&'static str, &'static str) {
    if target == Target::Relay {
        ("npip-flow-scc", "npip-head-scc")
    } else {
        ("", "")
    }
}

/// Header: the workspace name (marked by workspace findings) and a summary line, each wrapping to a second line
/// when long, and at full size the findings count at the right. Returns the bottom of the last line.
fn header(doc: &mut Doc, facts: &Facts, marks: &Marks, ty: &Type, width: f64, compact: bool) -> f64 {
    let x = if compact { CX } else { MARGIN };
    let top = (x + ty.heading * 0.8).round();
    // Right of the name: "[!] 3 errors  [▲] 2 warnings", laid right to left so it ends at the margin.
    let mut right = width - x;
    if !compact {
        let counts = [
            (Severity::Warning, marks.warnings, "warning", "warnings"),
            (Severity::Error, marks.errors, "error", "errors"),
        ];
        for (severity, count, one, many) in counts {
            if count == 0 {
                continue;
            }
            let label = plural(count, one, many);
            doc.text_exact(right, top, ty.body, Face::SansBold, "", Anchor::End, &label, None);
            let label_width = text::width(&label, ty.body, Face::SansBold);
            doc.badge(
                right - label_width - ty.kicker * 1.1,
                top - ty.body * 0.35,
                severity,
                ty.kicker,
            );
            right -= label_width + ty.kicker * 2.2 + 18.0;
        }
    }
    let mark = marks.of(&[Element::Workspace]);
    open_marked(doc, "npip-head-group", Element::Workspace, mark.as_ref());
    let badge_room = if mark.is_some() { ty.heading * 1.6 } else { 0.0 };
    let (lines, cut) = text::wrap(&facts.workspace, right - x - badge_room, ty.heading, Face::SansBold, 4);
    let mut y = top;
    let mut last_width = 0.0;
    for (i, shown) in lines.iter().enumerate() {
        y = top + i as f64 * leading(ty.heading);
        let tooltip = (cut && i + 1 == lines.len()).then_some(facts.workspace.as_str());
        doc.text_exact(x, y, ty.heading, Face::SansBold, "", Anchor::Start, shown, tooltip);
        last_width = text::width(shown, ty.heading, Face::SansBold);
    }
    if let Some(mark) = &mark {
        doc.badge(
            x + last_width + ty.heading * 0.8,
            y - ty.heading * 0.35,
            mark.severity,
            ty.kicker,
        );
    }
    doc.svg.close("g");
    let model = match &facts.net {
        Net::Managed { .. } => "managed VNet",
        Net::Injected { existing: true, .. } => "VNet injection (existing VNet)",
        Net::Injected { .. } => "VNet injection (new VNet)",
    };
    let egress = format!("egress: {}", egress_title(facts.egress));
    let scc = format!("secure cluster connectivity {}", if facts.scc { "on" } else { "off" });
    let items: &[&str] = if compact {
        &[&facts.region, egress_title(facts.egress)]
    } else {
        &[&facts.region, model, &egress, &scc]
    };
    // Lines break between the items, not inside them.
    let sub = items
        .iter()
        .map(|item| item.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let sub_y = y + leading(ty.small) + 4.0;
    let last = doc.wrapped(x, sub_y, ty.small, Face::Sans, "npip-m", &sub, width - 2.0 * x, 2);
    last + ty.small * 0.3
}

/// The full size: three columns, left to right.
pub(super) fn full(facts: &Facts, marks: &Marks, options: &DiagramOptions, title: &str, desc: &str) -> String {
    let ty = Type::of(DiagramSize::Full);
    let pad = ty.pad;
    let mut doc = Doc::new(options, "net");
    let rule_y = (header(&mut doc, facts, marks, &ty, W, false) + 10.0).round();
    doc.svg.leaf(
        "line",
        attrs!["class" => "npip-rule", "x1" => MARGIN, "y1" => rule_y, "x2" => W - MARGIN, "y2" => rule_y],
    );
    let l = Full::of(facts, marks, &ty, rule_y);
    let (a_x, a_w) = COL_A;
    let (b_x, b_w) = COL_B;
    let (c_x, c_w) = COL_C;

    // The VNet and everything in it.
    l.vnet.draw_sized(&mut doc, a_x, l.vnet_y, l.vnet_h, &ty, |doc| {
        let gx = a_x + pad;
        l.group
            .draw_sized(doc, gx, l.group_y, l.group_h - pad * 0.5, &ty, |doc| {
                let sx = gx + pad;
                l.first.draw(doc, sx, l.first_y, &ty);
                l.second.draw(doc, sx, l.second_y, &ty);
            });
        let cap_y = l.group_y + l.group_h;
        l.capacity.draw(doc, gx, cap_y, &ty);
        l.inbound.draw(doc, gx, cap_y + l.capacity.height, &ty);
    });

    // Egress.
    l.entry.draw_sized(&mut doc, b_x, l.entry_y, l.entry_h, &ty, |doc| {
        if let Some(chip) = &l.chip {
            chip.draw(doc, b_x + pad, l.entry_y + l.entry.height, &ty);
        }
    });
    if let Some(appliance) = &l.appliance {
        match &l.peered {
            Some(peered) => {
                let height = peered.height + appliance.height + pad;
                peered.draw_sized(&mut doc, b_x, l.appliance_y, height, &ty, |doc| {
                    appliance.draw(doc, b_x + pad, l.appliance_top, &ty);
                });
            }
            None => appliance.draw(&mut doc, b_x, l.appliance_y, &ty),
        }
    }

    // Destinations.
    l.cp.draw(&mut doc, c_x, l.cp_y, &ty);
    l.services.draw(&mut doc, c_x, l.services_y, &ty);
    l.internet.draw(&mut doc, c_x, l.internet_y, &ty);

    // Arrows: who opens which connection.
    let row_y = |laid: &Laid, row: usize| laid.rows.get(row).map_or(laid.height / 2.0, |b| b - ty.mono * 0.35);
    let target_point = |target: Target| match target {
        Target::WebApp => (c_x, l.cp_y + row_y(&l.cp, 3)),
        Target::Relay => (c_x, l.cp_y + row_y(&l.cp, 6)),
        Target::Services => (c_x, l.services_y + l.services.height / 2.0),
        Target::Internet => (c_x, l.internet_y + l.internet.height / 2.0),
    };
    open_marked(
        &mut doc,
        "npip-flows",
        Element::Connections,
        marks.of(&[Element::Connections]).as_ref(),
    );
    let origin = l.origin;
    let entry_mid = l.entry_y + l.entry_h / 2.0;
    let mid_ab = (a_x + a_w + b_x) / 2.0;
    doc.arrow(
        &[origin, (mid_ab, origin.1), (mid_ab, entry_mid), (b_x, entry_mid)],
        "",
        "",
    );
    let (direct, through) = routes(facts);
    let b_right = b_x + b_w;
    let trunk = |offset: f64| b_right + offset;
    let direct_trunk = if l.appliance.is_some() {
        trunk(32.0)
    } else {
        trunk(24.0)
    };
    for target in &direct {
        let (class, head) = flow_classes(*target);
        let end = target_point(*target);
        doc.arrow(
            &[
                (b_right, entry_mid),
                (direct_trunk, entry_mid),
                (direct_trunk, end.1),
                end,
            ],
            class,
            head,
        );
    }
    if let Some(appliance) = &l.appliance {
        let x = b_x + b_w / 2.0;
        doc.arrow(&[(x, l.entry_y + l.entry_h), (x, l.appliance_y)], "", "");
        let exit = (l.appliance_top + appliance.height / 2.0).round();
        for target in &through {
            let (class, head) = flow_classes(*target);
            let end = target_point(*target);
            doc.arrow(
                &[(b_right, exit), (trunk(16.0), exit), (trunk(16.0), end.1), end],
                class,
                head,
            );
        }
    }
    if !facts.scc {
        // Inbound: from the control plane over the top into the VNet.
        let lane = l.body_top - 16.0;
        let from = (c_x + c_w / 2.0, l.cp_y);
        let to = (a_x + a_w / 2.0, l.vnet_y);
        doc.arrow(
            &[from, (from.0, lane), (to.0, lane), to],
            "npip-flow-in",
            "npip-head-in",
        );
        doc.text(
            (from.0 + to.0) / 2.0,
            lane - 7.0,
            ty.small,
            Face::SansBold,
            "npip-wt",
            Anchor::Middle,
            "▲ inbound: the control plane connects to node public IPs",
            from.0 - to.0 - 40.0,
        );
    }
    doc.svg.close("g");

    legend(&mut doc, &ty, l.height, facts.scc, marks);
    doc.finish((W, l.height), title, desc)
}

/// The key along the bottom: what arrows, "!" and "▲" mean ("!" only in the severities the picture shows).
fn legend(doc: &mut Doc, ty: &Type, height: f64, scc: bool, marks: &Marks) {
    let y = height - FOOTER_H / 2.0 + 5.0;
    let mid = y - ty.small * 0.35;
    doc.svg.leaf(
        "line",
        attrs!["class" => "npip-rule", "x1" => MARGIN, "y1" => height - FOOTER_H, "x2" => W - MARGIN, "y2" => height - FOOTER_H],
    );
    doc.svg.open("g", attrs!["class" => "npip-legend"]);
    let mut x = MARGIN;
    let (flow, flow_head, flow_label) = if scc {
        (
            "npip-flow-scc",
            "npip-head-scc",
            "secure cluster connectivity (TCP 443)",
        )
    } else {
        ("npip-flow-in", "npip-head-in", "inbound from the control plane")
    };
    for (class, head, label) in [("", "", "connection, opened this way"), (flow, flow_head, flow_label)] {
        doc.arrow(&[(x, mid), (x + 30.0, mid)], class, head);
        x += 38.0;
        doc.text_exact(x, y, ty.small, Face::Sans, "", Anchor::Start, label, None);
        x += text::width(label, ty.small, Face::Sans) + 24.0;
    }
    let mut right = W - MARGIN;
    for (severity, label) in [(Severity::Warning, "warning"), (Severity::Error, "error")] {
        if !marks.iter().any(|(_, mark)| mark.severity == severity) {
            continue;
        }
        right -= text::width(label, ty.small, Face::Sans);
        doc.text_exact(right, y, ty.small, Face::Sans, "", Anchor::Start, label, None);
        doc.badge(right - 16.0, mid, severity, ty.kicker);
        right -= 44.0;
    }
    doc.svg.close("g");
}

/// The compact size: the same story top to bottom, for the egress step's side column.
pub(super) fn compact(facts: &Facts, marks: &Marks, options: &DiagramOptions, title: &str, desc: &str) -> String {
    let ty = Type::of(DiagramSize::Compact);
    let pad = ty.pad;
    let mut doc = Doc::new(options, "net");
    let top = (header(&mut doc, facts, marks, &ty, CW, true) + 14.0).round();
    let l = Compact::of(facts, marks, &ty, top);
    let (x, w) = (l.x, l.w);

    l.vnet.draw_sized(&mut doc, x, l.vnet_y, l.vnet_h, &ty, |doc| {
        let sy = l.vnet_y + l.vnet.height;
        l.first.draw_sized(doc, x + pad, sy, l.subnets_h, &ty, |_| {});
        l.second.draw_sized(doc, l.second_x(pad), sy, l.subnets_h, &ty, |_| {});
        l.nsg.draw(doc, x, sy + l.subnets_h, &ty);
    });
    l.entry.draw_sized(&mut doc, x, l.entry_y, l.entry_h, &ty, |doc| {
        if let Some(inner) = &l.inner {
            inner.draw(doc, x + pad, l.entry_y + l.entry.height, &ty);
        }
    });
    l.cp.draw_sized(&mut doc, x, l.dest_y, l.dest_h, &ty, |_| {});
    l.net.draw_sized(&mut doc, l.net_x(), l.dest_y, l.dest_h, &ty, |_| {});

    open_marked(
        &mut doc,
        "npip-flows",
        Element::Connections,
        marks.of(&[Element::Connections]).as_ref(),
    );
    let mid = x + w / 2.0;
    doc.arrow(&[(mid, l.vnet_y + l.vnet_h), (mid, l.entry_y)], "", "");
    let out_y = l.entry_y + l.entry_h;
    let fork = out_y + ARROW_GAP / 2.0;
    let cp_mid = x + l.cp_w / 2.0;
    let net_mid = l.net_x() + l.net_w / 2.0;
    let (scc_class, scc_head) = if facts.scc {
        ("npip-flow-scc", "npip-head-scc")
    } else {
        ("", "")
    };
    doc.arrow(
        &[(mid, out_y), (mid, fork), (net_mid, fork), (net_mid, l.dest_y)],
        "",
        "",
    );
    doc.arrow(
        &[(mid, out_y), (mid, fork), (cp_mid, fork), (cp_mid, l.dest_y)],
        scc_class,
        scc_head,
    );
    if !facts.scc {
        // Inbound: up the left margin from the control plane into the VNet.
        let from = (x, l.dest_y + l.dest_h / 2.0);
        let side = x / 2.0;
        doc.arrow(
            &[from, (side, from.1), (side, l.vnet_y + 20.0), (x, l.vnet_y + 20.0)],
            "npip-flow-in",
            "npip-head-in",
        );
    }
    doc.svg.close("g");
    let note = if facts.scc {
        ("", "Clusters dial out; nothing connects in.")
    } else {
        ("npip-wt", "▲ SCC off: the control plane connects in.")
    };
    let face = if facts.scc { Face::Sans } else { Face::SansBold };
    let last = doc.wrapped(x, l.note_y, ty.small, face, note.0, note.1, w, 2);
    doc.finish((CW, (last + 12.0).round()), title, desc)
}
