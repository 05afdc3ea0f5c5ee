//! Where the network diagram's boxes go: each card laid out at its column's width, and the place of each. The
//! full size reads left to right in three columns; the compact size stacks the same story top to bottom. Nothing
//! here writes SVG: `paint.rs` draws what this places.

use super::cards::{
    capacity_card, compact_subnet_card, control_plane_card, egress_cards, inbound_card, internet_card,
    managed_subnet_card, peered_vnet_card, services_card, subnet_card, vnet_card,
};
use super::model::{Facts, Net};
use crate::diagram::draw::{Card, Laid, Line, Type};
use crate::diagram::marks::{Element, Marks};

/// The full size is about as wide as the review step shows it on a 1280 x 720 projector (870 px), so its text is
/// read at the size it is set in; the height follows the content.
pub(super) const W: f64 = 864.0;
pub(super) const MARGIN: f64 = 16.0;
/// Columns (x, width): the VNet, the egress path, the destinations. The gaps carry the arrows and their trunks.
pub(super) const COL_A: (f64, f64) = (MARGIN, 300.0);
pub(super) const COL_B: (f64, f64) = (344.0, 246.0);
pub(super) const COL_C: (f64, f64) = (634.0, 214.0);
pub(super) const FOOTER_H: f64 = 44.0;
const GAP: f64 = 10.0;
/// Between the destination cards, and between the route table and its appliance.
const STACK_GAP: f64 = 18.0;
const APPLIANCE_GAP: f64 = 40.0;

/// The compact size fits the egress step's side column (about 358 px) at its natural size.
pub(super) const CW: f64 = 352.0;
pub(super) const CX: f64 = 12.0;
/// The compact size's room between the VNet, the egress path and the destinations, where the arrows run.
pub(super) const ARROW_GAP: f64 = 30.0;

/// The full size's boxes, laid out and placed. Each column's x comes from its constant; the ys are here.
pub(super) struct Full {
    /// The top of the columns, below the header (and the inbound lane when secure cluster connectivity is off).
    pub(super) body_top: f64,
    pub(super) height: f64,
    /// Column A: the VNet, the NSG group (or the managed subnets) with the two subnets, capacity and inbound rows.
    pub(super) vnet: Laid,
    pub(super) vnet_y: f64,
    pub(super) vnet_h: f64,
    pub(super) group: Laid,
    pub(super) group_y: f64,
    pub(super) group_h: f64,
    pub(super) first: Laid,
    pub(super) first_y: f64,
    pub(super) second: Laid,
    pub(super) second_y: f64,
    pub(super) capacity: Laid,
    pub(super) inbound: Laid,
    /// Where the arrow leaves the VNet.
    pub(super) origin: (f64, f64),
    /// Column B: the egress path's entry card with its chip, and the appliance (inside a peered VNet when it lies
    /// outside the workspace VNet).
    pub(super) entry: Laid,
    pub(super) entry_y: f64,
    pub(super) entry_h: f64,
    pub(super) chip: Option<Laid>,
    pub(super) peered: Option<Laid>,
    pub(super) appliance: Option<Laid>,
    pub(super) appliance_y: f64,
    /// The appliance's own top: below the peered VNet's header when it sits in one.
    pub(super) appliance_top: f64,
    /// Column C: the destinations.
    pub(super) cp: Laid,
    pub(super) cp_y: f64,
    pub(super) services: Laid,
    pub(super) services_y: f64,
    pub(super) internet: Laid,
    pub(super) internet_y: f64,
}

impl Full {
    /// Lays the full size out below a header that ends at `rule_y`.
    pub(super) fn of(facts: &Facts, marks: &Marks, ty: &Type, rule_y: f64) -> Full {
        let pad = ty.pad;
        // Without secure cluster connectivity, a lane above the columns carries the inbound arrow and its label.
        let body_top = rule_y + if facts.scc { 16.0 } else { 48.0 };

        // Column A: the VNet, with the NSG group (or the managed subnets) nested inside.
        let (_, a_w) = COL_A;
        let vnet = Laid::new(vnet_card(facts, false), a_w, ty, marks.of(&[Element::Vnet]));
        let group_w = a_w - 2.0 * pad;
        let inner_w = group_w - 2.0 * pad;
        let (group, first, second) = match &facts.net {
            Net::Injected {
                host,
                container,
                nsg,
                nsg_rules,
                ..
            } => (
                Laid::new(
                    Card::new("nsg", vec![Element::Nsg])
                        .line(Line::Kicker("Network security group".to_string()))
                        .line(Line::Title(nsg.clone()))
                        .line(Line::Muted(format!("on both subnets · {nsg_rules}"))),
                    group_w,
                    ty,
                    marks.of(&[Element::Nsg]),
                ),
                Laid::new(
                    subnet_card("Host", "ARM:\u{a0}public", host, Element::HostSubnet, "host"),
                    inner_w,
                    ty,
                    marks.of(&[Element::HostSubnet]),
                ),
                Laid::new(
                    subnet_card(
                        "Container",
                        "ARM:\u{a0}private",
                        container,
                        Element::ContainerSubnet,
                        "cont",
                    ),
                    inner_w,
                    ty,
                    marks.of(&[Element::ContainerSubnet]),
                ),
            ),
            Net::Managed { .. } => (
                Laid::new(
                    Card::new("nsg", Vec::new())
                        .line(Line::Kicker("Databricks-managed subnets".to_string()))
                        .line(Line::Muted("no NSG rules, routes or firewall of your own".to_string())),
                    group_w,
                    ty,
                    None,
                ),
                Laid::new(
                    managed_subnet_card("Host", Element::HostSubnet),
                    inner_w,
                    ty,
                    marks.of(&[Element::HostSubnet]),
                ),
                Laid::new(
                    managed_subnet_card("Container", Element::ContainerSubnet),
                    inner_w,
                    ty,
                    marks.of(&[Element::ContainerSubnet]),
                ),
            ),
        };
        let capacity = Laid::new(capacity_card(facts), group_w, ty, marks.of(&[Element::Capacity]));
        let inbound = Laid::new(inbound_card(facts), group_w, ty, None);
        let group_h = group.height + first.height + GAP + second.height + pad;
        let vnet_h = vnet.height + group_h + capacity.height + inbound.height + pad * 0.5;

        // Column B: the egress path.
        let (_, b_w) = COL_B;
        let cards = egress_cards(facts, false);
        let entry = Laid::new(cards.entry, b_w, ty, marks.of(&[Element::Egress, Element::RouteTable]));
        let chip = cards
            .chip
            .map(|c| Laid::new(c, b_w - 2.0 * pad, ty, marks.of(&[Element::PublicIp])));
        let entry_h = entry.height + chip.as_ref().map_or(0.0, |c| c.height + pad);
        // An appliance outside the workspace VNet is drawn inside the VNet that holds it (a peered hub).
        let peered = cards
            .appliance
            .as_ref()
            .and(facts.firewall_outside.as_ref())
            .map(|holder| Laid::new(peered_vnet_card(holder.as_ref()), b_w, ty, None));
        let appliance_w = if peered.is_some() { b_w - 2.0 * pad } else { b_w };
        let appliance = cards
            .appliance
            .map(|c| Laid::new(c, appliance_w, ty, marks.of(&[Element::Firewall])));
        let peered_h = peered.as_ref().map_or(0.0, |p| p.height + pad);

        // Column C: the destinations.
        let (_, c_w) = COL_C;
        let cp = Laid::new(
            control_plane_card(facts, false),
            c_w,
            ty,
            marks.of(&[Element::ControlPlane]),
        );
        let services = Laid::new(services_card(), c_w, ty, None);
        let internet = Laid::new(internet_card(), c_w, ty, None);
        let c_h = cp.height + services.height + internet.height + 2.0 * STACK_GAP;

        // The tallest column decides the canvas; the others are centred beside it.
        let b_h = entry_h + appliance.as_ref().map_or(0.0, |a| APPLIANCE_GAP + peered_h + a.height);
        let body_h = vnet_h.max(b_h).max(c_h);
        let height = (body_top + body_h + 16.0 + FOOTER_H).round();
        let body_mid = body_top + body_h / 2.0;

        let vnet_y = (body_mid - vnet_h / 2.0).round();
        let group_y = vnet_y + vnet.height;
        let first_y = group_y + group.height;
        let second_y = first_y + first.height + GAP;
        let origin = (COL_A.0 + a_w, (group_y + group_h / 2.0).round());
        // Centred on the VNet's exit so the first arrow runs straight, unless that pushes it off the body.
        let entry_y = (origin.1 - entry_h / 2.0)
            .min(body_top + body_h - b_h)
            .max(body_top)
            .round();
        let appliance_y = entry_y + entry_h + APPLIANCE_GAP;
        let appliance_top = appliance_y + peered.as_ref().map_or(0.0, |p| p.height);
        let cp_y = (body_mid - c_h / 2.0).round();
        let services_y = cp_y + cp.height + STACK_GAP;
        let internet_y = services_y + services.height + STACK_GAP;
        Full {
            body_top,
            height,
            vnet,
            vnet_y,
            vnet_h,
            group,
            group_y,
            group_h,
            first,
            first_y,
            second,
            second_y,
            capacity,
            inbound,
            origin,
            entry,
            entry_y,
            entry_h,
            chip,
            peered,
            appliance,
            appliance_y,
            appliance_top,
            cp,
            cp_y,
            services,
            services_y,
            internet,
            internet_y,
        }
    }
}

/// The compact size's boxes, laid out and placed, one under the other in a column `w` wide from `x`.
pub(super) struct Compact {
    pub(super) x: f64,
    pub(super) w: f64,
    /// The VNet with the two subnets side by side (each `half` wide) and the NSG row.
    pub(super) vnet: Laid,
    pub(super) vnet_y: f64,
    pub(super) vnet_h: f64,
    pub(super) first: Laid,
    pub(super) second: Laid,
    pub(super) half: f64,
    pub(super) subnets_h: f64,
    pub(super) nsg: Laid,
    /// The egress path: its entry card holding the public IP chip or the appliance.
    pub(super) entry: Laid,
    pub(super) entry_y: f64,
    pub(super) entry_h: f64,
    pub(super) inner: Option<Laid>,
    /// The destinations side by side: the control plane (`cp_w` wide) and the internet (`net_w` wide).
    pub(super) cp: Laid,
    pub(super) cp_w: f64,
    pub(super) net: Laid,
    pub(super) net_w: f64,
    pub(super) dest_y: f64,
    pub(super) dest_h: f64,
    /// Where the closing note starts.
    pub(super) note_y: f64,
}

impl Compact {
    /// Lays the compact size out from `top`, below its header.
    pub(super) fn of(facts: &Facts, marks: &Marks, ty: &Type, top: f64) -> Compact {
        let pad = ty.pad;
        let x = CX;
        let w = CW - 2.0 * x;

        // No capacity row here: capacity findings mark the VNet box.
        let vnet = Laid::new(
            vnet_card(facts, true),
            w,
            ty,
            marks.of(&[Element::Vnet, Element::Capacity]),
        );
        let half = (w - 2.0 * pad - GAP) / 2.0;
        let (first, second) = match &facts.net {
            Net::Injected { host, container, .. } => (
                Laid::new(
                    compact_subnet_card("Host", host, Element::HostSubnet, "host"),
                    half,
                    ty,
                    marks.of(&[Element::HostSubnet]),
                ),
                Laid::new(
                    compact_subnet_card("Container", container, Element::ContainerSubnet, "cont"),
                    half,
                    ty,
                    marks.of(&[Element::ContainerSubnet]),
                ),
            ),
            Net::Managed { .. } => (
                Laid::new(
                    Card::new("managed", vec![Element::HostSubnet])
                        .line(Line::Kicker("Host".to_string()))
                        .line(Line::Muted("managed".to_string())),
                    half,
                    ty,
                    marks.of(&[Element::HostSubnet]),
                ),
                Laid::new(
                    Card::new("managed", vec![Element::ContainerSubnet])
                        .line(Line::Kicker("Container".to_string()))
                        .line(Line::Muted("managed".to_string())),
                    half,
                    ty,
                    marks.of(&[Element::ContainerSubnet]),
                ),
            ),
        };
        let nsg_line = match &facts.net {
            Net::Injected { nsg, .. } => {
                Card::new("row", vec![Element::Nsg]).line(Line::Muted(format!("NSG {nsg} on both subnets")))
            }
            Net::Managed { .. } => {
                Card::new("row", Vec::new()).line(Line::Muted("no NSG, routes or firewall of your own".to_string()))
            }
        };
        let nsg = Laid::new(nsg_line, w, ty, marks.of(&[Element::Nsg]));
        let subnets_h = first.height.max(second.height);
        let vnet_h = vnet.height + subnets_h + nsg.height;

        let cards = egress_cards(facts, true);
        let entry = Laid::new(cards.entry, w, ty, marks.of(&[Element::Egress, Element::RouteTable]));
        let chip = cards
            .chip
            .map(|c| Laid::new(c, w - 2.0 * pad, ty, marks.of(&[Element::PublicIp])));
        let appliance = cards
            .appliance
            .map(|c| Laid::new(c, w - 2.0 * pad, ty, marks.of(&[Element::Firewall])));
        let inner = chip.or(appliance);
        let entry_h = entry.height + inner.as_ref().map_or(0.0, |c| c.height + pad);

        // The control plane takes the wider share: it names the region (up to 18 letters, "germanywestcentral").
        let net_w = 124.0;
        let cp_w = w - GAP - net_w;
        let cp = Laid::new(
            control_plane_card(facts, true),
            cp_w,
            ty,
            marks.of(&[Element::ControlPlane]),
        );
        let net = Laid::new(
            Card::new("net", Vec::new())
                .line(Line::Kicker("Internet".to_string()))
                .line(Line::Muted("and Azure services".to_string())),
            net_w,
            ty,
            None,
        );
        let dest_h = cp.height.max(net.height);

        let vnet_y = top;
        let entry_y = vnet_y + vnet_h + ARROW_GAP;
        let dest_y = entry_y + entry_h + ARROW_GAP;
        let note_y = dest_y + dest_h + 22.0;
        Compact {
            x,
            w,
            vnet,
            vnet_y,
            vnet_h,
            first,
            second,
            half,
            subnets_h,
            nsg,
            entry,
            entry_y,
            entry_h,
            inner,
            cp,
            cp_w,
            net,
            net_w,
            dest_y,
            dest_h,
            note_y,
        }
    }

    /// Where the second subnet starts, beside the first.
    pub(super) fn second_x(&self, pad: f64) -> f64 {
        self.x + pad + self.half + GAP
    }

    /// Where the internet box starts, beside the control plane.
    pub(super) fn net_x(&self) -> f64 {
        self.x + self.cp_w + GAP
    }
}
