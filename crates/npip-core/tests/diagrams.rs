//! The pictures: golden SVGs for every example plan and a few hand-made ones, each a well-formed, self-contained
//! SVG document; findings mark the element they concern; the egress option and SCC change the drawing.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test -p npip-core --test diagrams`.

use npip_core::diagram::{address_map_svg, network_svg, DiagramOptions, DiagramSize, Theme};
use npip_core::plan::{Egress, Network, Vnet};
use npip_core::{Field, Finding, Plan, Severity};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden/diagrams")
}

fn read_plan(path: &Path) -> Plan {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    npip_core::read_plan(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(name, plan)` for every `*.json` in `dir`, sorted by name.
fn plans_in(dir: &Path) -> Vec<(String, Plan)> {
    let mut plans: Vec<(String, Plan)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), read_plan(&p)))
        .collect();
    plans.sort_by(|a, b| a.0.cmp(&b.0));
    plans
}

fn examples() -> Vec<(String, Plan)> {
    plans_in(&root().join("../../examples"))
}

fn finding(field: Field, severity: Severity, message: &str) -> Finding {
    Finding {
        code: match severity {
            Severity::Error => "NPIP-E900",
            Severity::Warning => "NPIP-W900",
            Severity::Info => "NPIP-I900",
        },
        severity,
        field,
        message: message.to_string(),
        remedy: "",
        source: "",
    }
}

/// Hand-made findings for the hand-made plans, so the golden files show marking without depending on the rules.
fn findings_for(name: &str) -> Vec<Finding> {
    match name {
        "overlaps-marked" => vec![
            finding(
                Field::HostSubnetCidr,
                Severity::Error,
                "10.10.0.0/24 overlaps the container subnet",
            ),
            finding(
                Field::ContainerSubnetCidr,
                Severity::Error,
                "10.10.0.128/25 overlaps the host subnet",
            ),
            finding(
                Field::AvoidCidr(2),
                Severity::Warning,
                "the avoid range covers the whole VNet",
            ),
            finding(
                Field::PeakNodes,
                Severity::Warning,
                "300 nodes is more than the subnets hold (123)",
            ),
            finding(
                Field::LoadBalancerPublicIpName,
                Severity::Info,
                "the public IP is created by the template",
            ),
            finding(
                Field::Plan,
                Severity::Error,
                "a finding about the whole plan marks nothing",
            ),
        ],
        "invalid-values" => vec![
            finding(Field::WorkspaceName, Severity::Error, "the workspace name is empty"),
            finding(
                Field::VnetAddressPrefix(1),
                Severity::Error,
                "\u{201c}banana\u{201d} is not a CIDR",
            ),
            finding(
                Field::EgressType,
                Severity::Error,
                "the managed NAT gateway needs the managed VNet",
            ),
            finding(
                Field::SecureClusterConnectivity,
                Severity::Warning,
                "secure cluster connectivity is off",
            ),
            finding(Field::NsgName, Severity::Error, "the NSG name is empty"),
        ],
        "managed-scc-off" => vec![
            finding(
                Field::ManagedAddressPrefix,
                Severity::Error,
                "10.300 is not two octets of an address",
            ),
            finding(
                Field::EgressType,
                Severity::Error,
                "an outbound load balancer needs VNet injection",
            ),
            finding(
                Field::SecureClusterConnectivity,
                Severity::Warning,
                "secure cluster connectivity is off",
            ),
            finding(
                Field::Region,
                Severity::Info,
                "centralus shares a control plane with eastus2",
            ),
        ],
        _ => Vec::new(),
    }
}

fn hand_made() -> Vec<(String, Plan)> {
    plans_in(&golden_dir().join("plans"))
}

/// Plans whose compact pictures also have golden files: one per layout family, plus the hand-made ones.
const COMPACT_GOLDEN: &[&str] = &["nat-gateway", "firewall", "managed-default"];

/// Every picture that has a golden file: (file name, SVG).
fn pictures() -> Vec<(String, String)> {
    let hand_made_names: Vec<String> = hand_made().into_iter().map(|(name, _)| name).collect();
    let full = DiagramOptions::default();
    let compact = DiagramOptions {
        size: DiagramSize::Compact,
        ..DiagramOptions::default()
    };
    let mut out = Vec::new();
    for (name, plan) in examples().into_iter().chain(hand_made()) {
        let findings = findings_for(&name);
        out.push((format!("network-{name}.svg"), network_svg(&plan, &findings, &full)));
        out.push((
            format!("address-map-{name}.svg"),
            address_map_svg(&plan, &findings, &full),
        ));
        if COMPACT_GOLDEN.contains(&name.as_str()) || hand_made_names.contains(&name) {
            out.push((
                format!("network-compact-{name}.svg"),
                network_svg(&plan, &findings, &compact),
            ));
            out.push((
                format!("address-map-compact-{name}.svg"),
                address_map_svg(&plan, &findings, &compact),
            ));
        }
    }
    out
}

#[test]
fn every_example_and_hand_made_plan_matches_its_golden_files() {
    assert_eq!(examples().len(), 7, "the seven example plans");
    let dir = golden_dir();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    let pictures = pictures();
    for (file, svg) in &pictures {
        let path = dir.join(file);
        if update {
            std::fs::write(&path, svg).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if &expected == svg => {}
            Ok(_) => stale.push(format!("{file} differs")),
            Err(_) => stale.push(format!("{file} is missing")),
        }
    }
    // Golden files nobody draws any more are stale too.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".svg") && !pictures.iter().any(|(f, _)| *f == name) {
            stale.push(format!("{name} is not drawn by any test"));
        }
    }
    assert!(stale.is_empty(), "run UPDATE_GOLDEN=1 to accept: {stale:#?}");
}

/// Checks that `svg` is a well-formed, self-contained, accessible SVG document, and returns its parsed tree.
fn check_document(name: &str, svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg"),
        "{name}"
    );
    assert_eq!(root.attribute("role"), Some("img"), "{name}");
    assert!(root.attribute("viewBox").is_some(), "{name}");

    // aria-labelledby names the <title> and the <desc>, both with text.
    let labelled_by: Vec<&str> = root.attribute("aria-labelledby").unwrap_or("").split(' ').collect();
    assert_eq!(labelled_by.len(), 2, "{name}");
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id));
    let title = by_id(labelled_by[0]).unwrap_or_else(|| panic!("{name}: no element {}", labelled_by[0]));
    let desc = by_id(labelled_by[1]).unwrap_or_else(|| panic!("{name}: no element {}", labelled_by[1]));
    assert_eq!(title.tag_name().name(), "title", "{name}");
    assert_eq!(desc.tag_name().name(), "desc", "{name}");
    assert!(
        title.text().is_some_and(|t| !t.trim().is_empty()),
        "{name}: empty title"
    );
    assert!(
        desc.text().is_some_and(|t| t.len() > 60),
        "{name}: the description should say what is shown"
    );
    assert_eq!(title.parent(), Some(root), "{name}: the title belongs to the root");

    // Ids are unique.
    let mut ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "{name}: duplicate ids");

    // Self-contained: no scripts, no foreign content, no external references, no web fonts.
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(
            !["script", "foreignObject", "image", "use", "a"].contains(&tag),
            "{name}: <{tag}>"
        );
        for attribute in node.attributes() {
            assert!(
                !attribute.name().starts_with("on"),
                "{name}: event handler {}",
                attribute.name()
            );
            assert!(attribute.name() != "href", "{name}: href");
            if attribute.value().contains("url(") {
                assert!(
                    attribute.value().starts_with("url(#"),
                    "{name}: external url {}",
                    attribute.value()
                );
            }
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("{name}: no style"));
    assert!(
        !style.contains("@import") && !style.contains("@font-face") && !style.contains("url("),
        "{name}"
    );
    assert!(style.contains("prefers-color-scheme:dark"), "{name}: no dark theme");
}

#[test]
fn every_picture_is_a_well_formed_accessible_svg() {
    for (name, svg) in pictures() {
        check_document(&name, &svg);
    }
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    for (name, plan) in examples() {
        let options = DiagramOptions::default();
        assert_eq!(
            network_svg(&plan, &[], &options),
            network_svg(&plan, &[], &options),
            "{name}"
        );
        assert_eq!(
            address_map_svg(&plan, &[], &options),
            address_map_svg(&plan, &[], &options),
            "{name}"
        );
    }
}

fn example(name: &str) -> Plan {
    read_plan(&root().join(format!("../../examples/{name}.json")))
}

/// The `class` of every element whose `data-el` is `slug`.
fn classes_of(svg: &str, slug: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("data-el") == Some(slug))
        .map(|n| n.attribute("class").unwrap_or("").to_string())
        .collect()
}

/// The tooltip (`<title>` child) of every element whose `data-el` is `slug`.
fn tooltips_of(svg: &str, slug: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("data-el") == Some(slug))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")))
        .map(|t| t.text().unwrap_or("").to_string())
        .collect()
}

/// The text of every address-map table row whose name starts with `name`, its wrapped lines joined with spaces.
fn row_texts(svg: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| has_class(c, "npip-row")))
        .map(|row| {
            row.children()
                .filter(|c| c.has_tag_name("text"))
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|text| text.contains(name))
        .collect()
}

fn has_class(class: &str, wanted: &str) -> bool {
    class.split(' ').any(|c| c == wanted)
}

#[test]
fn an_error_on_the_host_subnet_marks_the_host_subnet() {
    let plan = example("nat-gateway");
    let findings = [finding(
        Field::HostSubnetCidr,
        Severity::Error,
        "the host subnet is too small",
    )];
    for size in [DiagramSize::Full, DiagramSize::Compact] {
        let options = DiagramOptions {
            size,
            ..DiagramOptions::default()
        };
        for svg in [
            network_svg(&plan, &findings, &options),
            address_map_svg(&plan, &findings, &options),
        ] {
            let host = classes_of(&svg, "host-subnet");
            assert!(!host.is_empty(), "{size:?}: the host subnet is drawn");
            assert!(host.iter().all(|c| has_class(c, "npip-error")), "{size:?}: {host:?}");
            let tips = tooltips_of(&svg, "host-subnet");
            assert!(
                tips.iter().all(|t| t.contains("the host subnet is too small")),
                "{tips:?}"
            );
            // Nothing else is marked, and the mark is not colour alone: a badge says "!".
            for other in ["container-subnet", "vnet", "egress", "nsg"] {
                assert!(
                    classes_of(&svg, other).iter().all(|c| !has_class(c, "npip-error")),
                    "{other}"
                );
            }
            assert!(svg.contains("class=\"npip-badge-e\""));
        }
        // Without findings nothing carries the error class.
        let clean = network_svg(&plan, &[], &options);
        assert!(!clean.contains("npip-error\""), "{size:?}");
        assert!(classes_of(&clean, "host-subnet")
            .iter()
            .all(|c| !has_class(c, "npip-error")));
    }
}

#[test]
fn warnings_get_the_warning_style_and_the_worst_severity_wins() {
    let plan = example("nat-gateway");
    let options = DiagramOptions::default();
    let warning = [finding(Field::NatGatewayName, Severity::Warning, "name is long")];
    let svg = network_svg(&plan, &warning, &options);
    assert!(classes_of(&svg, "egress").iter().all(|c| has_class(c, "npip-warning")));
    assert!(svg.contains("class=\"npip-badge-w\""));

    let both = [
        finding(Field::ContainerSubnetName, Severity::Warning, "odd name"),
        finding(Field::ContainerSubnetCidr, Severity::Error, "overlaps"),
    ];
    let svg = network_svg(&plan, &both, &options);
    let classes = classes_of(&svg, "container-subnet");
    assert!(classes
        .iter()
        .all(|c| has_class(c, "npip-error") && !has_class(c, "npip-warning")));
    let tips = tooltips_of(&svg, "container-subnet").join("\n");
    assert!(tips.contains("odd name") && tips.contains("overlaps"), "{tips}");
}

#[test]
fn findings_about_no_drawn_element_mark_nothing() {
    let plan = example("firewall");
    let options = DiagramOptions::default();
    let findings = [finding(Field::Plan, Severity::Error, "about the plan")];
    let svg = network_svg(&plan, &findings, &options);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let marked = doc
        .descendants()
        .filter(|n| n.attribute("data-el").is_some())
        .filter(|n| has_class(n.attribute("class").unwrap_or(""), "npip-error"))
        .count();
    assert_eq!(marked, 0);
    // The header still counts it, and the description says it.
    assert!(svg.contains("Findings: 1 error"));
}

#[test]
fn avoid_range_and_prefix_findings_mark_their_bars_in_the_address_map() {
    let plan = example("existing-vnet");
    let findings = [
        finding(Field::AvoidCidr(1), Severity::Warning, "too close"),
        finding(Field::VnetAddressPrefix(0), Severity::Error, "prefix problem"),
    ];
    let svg = address_map_svg(&plan, &findings, &DiagramOptions::default());
    let avoid = classes_of(&svg, "avoid-1");
    assert!(avoid.len() >= 2, "the bar and the table row: {avoid:?}");
    assert!(avoid.iter().all(|c| has_class(c, "npip-warning")));
    assert!(classes_of(&svg, "avoid-0")
        .iter()
        .all(|c| !has_class(c, "npip-warning")));
    assert!(classes_of(&svg, "vnet-prefix-0")
        .iter()
        .all(|c| has_class(c, "npip-error")));
    // In the network diagram the prefix finding marks the VNet box.
    let net = network_svg(&plan, &findings, &DiagramOptions::default());
    assert!(classes_of(&net, "vnet").iter().all(|c| has_class(c, "npip-error")));
}

fn with_egress(mut plan: Plan, egress: Egress) -> Plan {
    plan.egress = egress;
    plan
}

#[test]
fn changing_the_egress_option_changes_the_drawing() {
    let nat = example("nat-gateway");
    let options = DiagramOptions::default();
    let lb = with_egress(
        nat.clone(),
        Egress::LoadBalancer {
            load_balancer_name: "adb-lb".into(),
            backend_pool_name: "adb-pool".into(),
            frontend_config_name: "adb-fe".into(),
            public_ip_name: "adb-lb-ip".into(),
        },
    );
    let firewall = with_egress(
        nat.clone(),
        Egress::Firewall {
            route_table_name: "adb-udr".into(),
            firewall_private_ip: "10.0.1.4".into(),
            scc_relay_bypass: false,
            service_tag_routes: false,
            extra_fqdns: Vec::new(),
        },
    );
    let tags = with_egress(
        nat.clone(),
        Egress::ServiceTagRoutes {
            route_table_name: "adb-udr".into(),
        },
    );
    let drawn: Vec<String> = [&nat, &lb, &firewall, &tags]
        .iter()
        .map(|p| network_svg(p, &[], &options))
        .collect();
    for (i, a) in drawn.iter().enumerate() {
        for b in drawn.iter().skip(i + 1) {
            assert_ne!(a, b);
        }
    }
    assert!(drawn[0].contains("NAT GATEWAY") && drawn[0].contains("adb-prod-weu-nat-ip"));
    assert!(drawn[1].contains("OUTBOUND LOAD BALANCER") && drawn[1].contains("adb-lb-ip"));
    assert!(!drawn[1].contains("adb-prod-weu-nat"));
    // The firewall option adds the appliance and the default route to it.
    assert!(classes_of(&drawn[2], "firewall").len() == 1 && classes_of(&drawn[0], "firewall").is_empty());
    assert!(drawn[2].contains("0.0.0.0/0 → 10.0.1.4"));
    assert!(drawn[3].contains("service tags → Internet:") && !drawn[3].contains("0.0.0.0/0"));
    assert!(drawn[3].contains("AzureDatabricks, Sql,") && drawn[3].contains("EventHub"));
    // The compact picture changes too.
    let compact = DiagramOptions {
        size: DiagramSize::Compact,
        ..DiagramOptions::default()
    };
    assert_ne!(network_svg(&nat, &[], &compact), network_svg(&lb, &[], &compact));
    // The address map does not depend on the egress option.
    assert_eq!(
        address_map_svg(&nat, &[], &options),
        address_map_svg(&lb, &[], &options)
    );
}

/// The text of the picture's description (what screen readers read).
fn description(svg: &str) -> &str {
    let start = svg
        .find("<desc")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .unwrap();
    let end = svg[start..].find("</desc>").unwrap();
    &svg[start..start + end]
}

#[test]
fn an_appliance_outside_the_vnet_is_drawn_inside_the_vnet_that_holds_it() {
    let options = DiagramOptions::default();
    let compact = DiagramOptions {
        size: DiagramSize::Compact,
        ..DiagramOptions::default()
    };
    // The firewall example: 10.0.1.4 lies in the range to avoid 10.0.0.0/16, labelled as the hub.
    let hub = example("firewall");
    let svg = network_svg(&hub, &[], &options);
    assert_eq!(svg.matches("npip-k-peer").count(), 2, "the card and its style rule");
    assert!(svg.contains("OUTSIDE THIS VNET") && svg.contains("hub VNet with the firewall"));
    assert!(svg.contains(">10.0.0.0/16<"));
    assert!(
        description(&svg).contains(
            "the appliance is outside the workspace VNet (in 10.0.0.0/16, hub VNet with the firewall) and is reached \
             through a peering"
        ),
        "{}",
        description(&svg)
    );
    assert!(network_svg(&hub, &[], &compact).contains("outside this VNet"));

    // Outside, but in no range the plan lists: the box is drawn without a range.
    let mut unlisted = hub.clone();
    unlisted.avoid.clear();
    let svg = network_svg(&unlisted, &[], &options);
    assert!(svg.contains("OUTSIDE THIS VNET") && !svg.contains(">10.0.0.0/16<"));
    assert!(description(&svg).contains("outside the workspace VNet and is reached"));

    // Inside the VNet (an error of its own), an invalid IP, or an invalid VNet range: no outside box.
    for ip in ["10.30.4.4", "10.0.1", ""] {
        let mut plan = hub.clone();
        if let Egress::Firewall {
            firewall_private_ip, ..
        } = &mut plan.egress
        {
            *firewall_private_ip = ip.into();
        }
        let svg = network_svg(&plan, &[], &options);
        assert_eq!(svg.matches("npip-k-peer").count(), 1, "{ip}: only the style rule");
        assert!(!network_svg(&plan, &[], &compact).contains("outside this VNet"), "{ip}");
    }
    let mut bad_range = hub.clone();
    if let Network::VnetInjection(injection) = &mut bad_range.network {
        injection.vnet = Vnet::New {
            name: "adb-vnet".into(),
            address_space: "10.30.0.0/33".into(),
        };
    }
    assert_eq!(network_svg(&bad_range, &[], &options).matches("npip-k-peer").count(), 1);

    // Other egress options have no appliance, so no outside box either.
    assert_eq!(
        network_svg(&example("nat-gateway"), &[], &options)
            .matches("npip-k-peer")
            .count(),
        1
    );
}

#[test]
fn secure_cluster_connectivity_decides_which_way_the_arrows_point() {
    let on = example("nat-gateway");
    let mut off = on.clone();
    off.connectivity.secure_cluster_connectivity = false;
    let options = DiagramOptions::default();
    let on_svg = network_svg(&on, &[], &options);
    let off_svg = network_svg(&off, &[], &options);
    // Arrows inside the flows group (the legend has samples too).
    let flows = |svg: &str, class: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let group = doc
            .descendants()
            .find(|n| n.attribute("data-el") == Some("connections"))
            .unwrap();
        group
            .descendants()
            .filter(|n| n.has_tag_name("path") && has_class(n.attribute("class").unwrap_or(""), class))
            .count()
    };
    assert_eq!(
        (flows(&on_svg, "npip-flow-scc"), flows(&on_svg, "npip-flow-in")),
        (1, 0)
    );
    assert_eq!(
        (flows(&off_svg, "npip-flow-scc"), flows(&off_svg, "npip-flow-in")),
        (0, 1)
    );
    assert!(off_svg.contains("inbound: the control plane connects to node public IPs"));
    assert!(on_svg.contains("Nothing connects in"));
    assert!(off_svg.contains("secure cluster connectivity is off"));
}

#[test]
fn overlaps_are_drawn_and_listed_never_hidden() {
    let plan = read_plan(&golden_dir().join("plans/overlaps-marked.json"));
    let svg = address_map_svg(&plan, &[], &DiagramOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let hatched = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("npip-overlap"))
        .count();
    // Four shared ranges in the bar (plus the legend swatch and one table swatch each).
    assert!(hatched >= 4, "{hatched}");
    let overlap_rows = row_texts(&svg, "Overlap");
    assert!(
        overlap_rows
            .iter()
            .any(|r| r.contains("shared by host subnet, container subnet")),
        "{overlap_rows:?}"
    );
    // Both overlapping subnets are drawn, each on its own lane.
    let lanes: Vec<f64> = ["host-subnet", "container-subnet"]
        .iter()
        .map(|slug| {
            let g = doc
                .descendants()
                .find(|n| n.attribute("data-el") == Some(slug))
                .unwrap();
            let rect = g.children().find(|c| c.has_tag_name("rect")).unwrap();
            rect.attribute("y").unwrap().parse().unwrap()
        })
        .collect();
    assert_ne!(lanes[0], lanes[1]);
    // The range outside the VNet is listed, not drawn in the bar.
    assert!(svg.contains("192.168.10.0/24") && svg.contains("clear of the VNet"));
}

#[test]
fn invalid_values_are_named_not_hidden() {
    let plan = read_plan(&golden_dir().join("plans/invalid-values.json"));
    let options = DiagramOptions::default();
    let map = address_map_svg(&plan, &[], &options);
    for text in ["banana", "10.0.0.0/33", "fd00::/8", "(empty)", "is IPv6"] {
        assert!(map.contains(text), "the map names {text}");
    }
    let net = network_svg(&plan, &[], &options);
    assert!(net.contains("invalid CIDR") && net.contains("no CIDR"));
    // An invalid CIDR draws its subnet in the error style even without a finding.
    assert!(classes_of(&net, "host-subnet")
        .iter()
        .all(|c| has_class(c, "npip-error")));
}

/// A dual-stack VNet's IPv6 prefix is listed as left aside, in the plain style: the rules take it (NPIP-I012), so
/// the map does not call it invalid.
#[test]
fn an_existing_vnets_ipv6_prefix_is_listed_not_called_invalid() {
    let mut plan = example("existing-vnet");
    if let Network::VnetInjection(injection) = &mut plan.network {
        if let Vnet::Existing { address_prefixes, .. } = &mut injection.vnet {
            address_prefixes.push(" fd00:1234::/48 ".into());
        }
    }
    let findings = npip_core::rules::validate(&plan);
    assert!(!npip_core::has_errors(&findings), "{findings:?}");
    let map = address_map_svg(&plan, &findings, &DiagramOptions::default());
    check_document("dual-stack", &map);
    assert!(map.contains("Left aside: the IPv6 address space \u{201c}fd00:1234::/48\u{201d}"));
    let row = row_texts(&map, "IPv6 address space").join(" ");
    assert!(row.contains("fd00:1234::/48") && row.contains("left aside"), "{row}");
    assert!(!map.contains("Invalid VNet address space"));
}

#[test]
fn themes_and_id_prefixes() {
    let plan = example("managed-default");
    let dark = DiagramOptions {
        theme: Theme::Dark,
        id_prefix: "review".into(),
        ..DiagramOptions::default()
    };
    let svg = network_svg(&plan, &[], &dark);
    assert!(svg.contains("class=\"npip-svg npip-net npip-full npip-dark\""));
    assert!(
        svg.contains("id=\"review-net-title\"") && svg.contains("aria-labelledby=\"review-net-title review-net-desc\"")
    );
    assert!(
        !svg.contains("prefers-color-scheme"),
        "a fixed theme needs no media query"
    );
    // An unsafe prefix falls back to the default rather than breaking ids or CSS.
    let odd = DiagramOptions {
        id_prefix: "1 \"><x".into(),
        ..DiagramOptions::default()
    };
    let svg = address_map_svg(&plan, &[], &odd);
    assert!(svg.contains("id=\"npip-map-title\""));
    check_document("odd prefix", &svg);
}

/// A small deterministic generator, so the robustness test covers many odd plans without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn coin(&mut self) -> bool {
        self.next().is_multiple_of(2)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

#[test]
fn odd_plans_never_panic_and_always_give_well_formed_svg() {
    let cidrs = [
        "10.0.0.0/16",
        "10.0.0.0/24",
        "10.0.0.0/26",
        "10.0.0.64/26",
        "10.0.1.0/24",
        "0.0.0.0/0",
        "255.255.255.255/32",
        "10.0.0.0/8",
        "10.0.0.0/32",
        "10.0.0.7/32",
        "",
        " ",
        "banana",
        "10.0.0.1/24",
        "fd00::/8",
        "10.0.0.0/33",
        "999.1.1.1/8",
        "10.0.0.0/16\u{0}",
        "<&>\"'",
        "10.0.0.0/-1",
    ];
    let names = [
        "",
        " ",
        "a",
        "adb-host",
        "<script>&amp;\"'",
        "\u{1b}[31m",
        "名前",
        "x".repeat(300).leak(),
    ];
    let prefixes = ["10.139", "10.300", "", "abc", "10.1.2", "0.0", "255.255"];
    let mut rng = Lcg(0x5eed);
    let base = example("nat-gateway");
    for case in 0..300 {
        let mut plan = base.clone();
        plan.workspace.name = rng.pick(&names).to_string();
        plan.workspace.region = rng.pick(&names).to_string();
        plan.connectivity.secure_cluster_connectivity = rng.coin();
        plan.peak_nodes = [0, 1, u32::MAX][(rng.next() % 3) as usize];
        plan.network = if rng.next().is_multiple_of(4) {
            npip_core::plan::Network::Managed {
                address_prefix: Some(rng.pick(&prefixes).to_string()),
                nat_gateway_name: Some(rng.pick(&names).to_string()),
                public_ip_name: None,
            }
        } else {
            let vnet = if rng.coin() {
                npip_core::plan::Vnet::New {
                    name: rng.pick(&names).to_string(),
                    address_space: rng.pick(&cidrs).to_string(),
                }
            } else {
                let count = (rng.next() % 4) as usize;
                npip_core::plan::Vnet::Existing {
                    resource_id: rng.pick(&names).to_string(),
                    address_prefixes: (0..count).map(|_| rng.pick(&cidrs).to_string()).collect(),
                }
            };
            npip_core::plan::Network::VnetInjection(npip_core::plan::Injection {
                vnet,
                host_subnet: npip_core::plan::Subnet {
                    name: rng.pick(&names).to_string(),
                    cidr: rng.pick(&cidrs).to_string(),
                },
                container_subnet: npip_core::plan::Subnet {
                    name: rng.pick(&names).to_string(),
                    cidr: rng.pick(&cidrs).to_string(),
                },
                nsg_name: rng.pick(&names).to_string(),
            })
        };
        plan.egress = match rng.next() % 5 {
            0 => Egress::ManagedNatGateway,
            1 => Egress::ServiceTagRoutes {
                route_table_name: rng.pick(&names).to_string(),
            },
            2 => Egress::Firewall {
                route_table_name: rng.pick(&names).to_string(),
                firewall_private_ip: rng.pick(&cidrs).to_string(),
                scc_relay_bypass: rng.coin(),
                service_tag_routes: rng.coin(),
                extra_fqdns: (0..(rng.next() % 4)).map(|_| rng.pick(&names).to_string()).collect(),
            },
            3 => Egress::NatGateway {
                nat_gateway_name: rng.pick(&names).to_string(),
                public_ip_name: rng.pick(&names).to_string(),
                idle_timeout_minutes: u32::MAX,
            },
            _ => Egress::LoadBalancer {
                load_balancer_name: rng.pick(&names).to_string(),
                backend_pool_name: rng.pick(&names).to_string(),
                frontend_config_name: rng.pick(&names).to_string(),
                public_ip_name: rng.pick(&names).to_string(),
            },
        };
        plan.avoid = (0..(rng.next() % 12))
            .map(|_| npip_core::plan::AvoidRange {
                cidr: rng.pick(&cidrs).to_string(),
                label: rng.pick(&names).to_string(),
            })
            .collect();
        let findings: Vec<Finding> = (0..(rng.next() % 4))
            .map(|i| {
                let field = [
                    Field::HostSubnetCidr,
                    Field::AvoidCidr(i as usize),
                    Field::VnetAddressPrefix(7),
                ][(rng.next() % 3) as usize];
                finding(field, Severity::Error, rng.pick(&names))
            })
            .collect();
        let size = if case % 2 == 0 {
            DiagramSize::Full
        } else {
            DiagramSize::Compact
        };
        let options = DiagramOptions {
            size,
            ..DiagramOptions::default()
        };
        check_document(
            &format!("case {case} network"),
            &network_svg(&plan, &findings, &options),
        );
        check_document(
            &format!("case {case} map"),
            &address_map_svg(&plan, &findings, &options),
        );
    }
}

#[test]
fn many_avoid_ranges_are_capped_and_counted() {
    let mut plan = example("nat-gateway");
    plan.avoid = (0..400u32)
        .map(|i| npip_core::plan::AvoidRange {
            cidr: format!("10.179.{}.{}/30", 128 + i / 64, (i % 64) * 4),
            label: String::new(),
        })
        .collect();
    let svg = address_map_svg(&plan, &[], &DiagramOptions::default());
    check_document("many avoid ranges", &svg);
    assert!(svg.contains("300 more avoid ranges"));
}

#[test]
fn the_map_numbers_avoid_ranges_as_the_findings_do_and_counts_only_its_own_findings() {
    let mut plan = example("nat-gateway");
    plan.avoid = vec![
        npip_core::plan::AvoidRange {
            cidr: "10.0.0.0/16".into(),
            label: "hub VNet".into(),
        },
        npip_core::plan::AvoidRange {
            cidr: "garbage".into(),
            label: String::new(),
        },
    ];
    let findings = npip_core::rules::validate(&plan);
    let avoid_finding = findings
        .iter()
        .find(|f| f.field == Field::AvoidCidr(1))
        .expect("the invalid avoid range has a finding");
    // The rules call avoid[1] "Avoid range 2", and so does the map, in its table and its tooltip.
    assert!(
        avoid_finding.message.contains("Avoid range 2"),
        "{}",
        avoid_finding.message
    );
    let svg = address_map_svg(&plan, &findings, &DiagramOptions::default());
    assert!(row_texts(&svg, "Avoid range 1 · hub VNet").len() == 1, "{svg}");
    assert!(row_texts(&svg, "Invalid avoid range 2").len() == 1);
    // The workspace and egress findings of other steps are not the map's to count.
    let mut other = findings.clone();
    other.push(finding(
        Field::WorkspaceName,
        Severity::Error,
        "the workspace name is empty",
    ));
    other.push(finding(
        Field::NatGatewayName,
        Severity::Error,
        "the NAT gateway name is empty",
    ));
    let map = address_map_svg(&plan, &other, &DiagramOptions::default());
    let header = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let text = doc
            .descendants()
            .filter_map(|n| n.text())
            .find(|t| t.contains("findings:"))
            .map(str::to_string);
        text
    };
    assert_eq!(header(&map), header(&svg));
    assert!(
        header(&svg).is_some_and(|h| h.contains("1 error")),
        "{:?}",
        header(&svg)
    );
}

/// The x extent of each range in the map's bars, with its size in addresses.
fn bar_widths(svg: &str) -> Vec<(u64, f64, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| has_class(c, "npip-piece")))
        .filter_map(|g| {
            let title = g.children().find(|c| c.has_tag_name("title"))?.text()?.to_string();
            let rect = g.children().find(|c| c.has_tag_name("rect"))?;
            let width: f64 = rect.attribute("width")?.parse().ok()?;
            // The tooltip ends "…, 1,024 addresses".
            let size = title
                .rsplit(", ")
                .next()?
                .split(' ')
                .next()?
                .replace(',', "")
                .parse()
                .ok()?;
            Some((size, width, title))
        })
        .collect()
}

#[test]
fn a_bigger_range_is_never_drawn_narrower_than_a_smaller_one() {
    let mut plans: Vec<(String, Plan)> = examples().into_iter().chain(hand_made()).collect();
    // The reviewer's case: a /19 of free space beside two /24 subnets and a small avoid range.
    let mut wide = example("nat-gateway");
    if let npip_core::plan::Network::VnetInjection(injection) = &mut wide.network {
        injection.vnet = npip_core::plan::Vnet::New {
            name: "wide".into(),
            address_space: "10.1.0.0/18".into(),
        };
        injection.host_subnet.cidr = "10.1.0.0/24".into();
        injection.container_subnet.cidr = "10.1.1.0/24".into();
    }
    wide.avoid = vec![npip_core::plan::AvoidRange {
        cidr: "10.1.2.0/28".into(),
        label: "gateway".into(),
    }];
    plans.push(("wide".into(), wide.clone()));
    for (name, plan) in plans {
        for size in [DiagramSize::Full, DiagramSize::Compact] {
            let options = DiagramOptions {
                size,
                ..DiagramOptions::default()
            };
            let widths = bar_widths(&address_map_svg(&plan, &[], &options));
            for (a_size, a_width, a) in &widths {
                for (b_size, b_width, b) in &widths {
                    assert!(
                        !(a_size > b_size && a_width + 0.5 < *b_width),
                        "{name} {size:?}: {a} is drawn narrower than {b}"
                    );
                }
            }
        }
    }
    // Widened ranges are said to be, in the legend and the description; bars drawn to scale say nothing.
    let svg = address_map_svg(&wide, &[], &DiagramOptions::default());
    assert_eq!(svg.matches("Widths are not to scale").count(), 2, "{svg}");
    let svg = address_map_svg(&example("nat-gateway"), &[], &DiagramOptions::default());
    assert!(!svg.contains("not to scale"));
}

fn field_table() -> String {
    let mut table = "| Field | Element (`data-el`) |\n|---|---|\n".to_string();
    for field in &Field::ONE_OF_EACH {
        let indexed = matches!(
            field,
            Field::VnetAddressPrefix(_) | Field::ExtraFqdn(_) | Field::AvoidCidr(_)
        );
        let mut name = format!("{field:?}");
        let mut slug =
            npip_core::diagram::element_of(*field).map_or("(none)".to_string(), |e| format!("`{}`", e.slug()));
        if indexed {
            name = name.replace("(0)", "(i)");
            slug = slug.replace("-0`", "-i`");
        }
        table.push_str(&format!("| `{name}` | {slug} |\n"));
    }
    table
}

fn palette_table() -> String {
    let mut table = "| Property | Light | Dark |\n|---|---|---|\n".to_string();
    for token in npip_core::diagram::PALETTE {
        table.push_str(&format!(
            "| `--npip-{}` | `{}` | `{}` |\n",
            token.name, token.light, token.dark
        ));
    }
    table
}

/// docs/diagrams.md shows the field mapping and the palette as the code has them.
#[test]
fn the_documentation_tables_match_the_code() {
    let path = root().join("../../docs/diagrams.md");
    let mut doc = std::fs::read_to_string(&path).unwrap();
    let mut stale = Vec::new();
    for (marker, table) in [("fields", field_table()), ("palette", palette_table())] {
        let start = format!("<!-- {marker}:start -->\n");
        let end = format!("<!-- {marker}:end -->");
        let from = doc.find(&start).unwrap_or_else(|| panic!("no {start}")) + start.len();
        let to = doc.find(&end).unwrap_or_else(|| panic!("no {end}"));
        if doc[from..to] != table {
            stale.push(marker);
            doc.replace_range(from..to, &table);
        }
    }
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, doc).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "docs/diagrams.md is stale ({stale:?}); run UPDATE_GOLDEN=1"
        );
    }
}

#[test]
fn the_legend_keys_only_the_severities_the_picture_shows() {
    let plan = example("nat-gateway");
    let options = DiagramOptions::default();
    let keys = |svg: &str| {
        (
            svg.matches(">warning</text>").count(),
            svg.matches(">error</text>").count(),
        )
    };
    assert_eq!(
        keys(&network_svg(&plan, &[], &options)),
        (0, 0),
        "a clean plan has no key for marks"
    );
    let mut broken = plan.clone();
    if let Network::VnetInjection(injection) = &mut broken.network {
        injection.host_subnet.cidr = "10.99.0.0/26".into(); // outside the VNet: an error on the host subnet
    }
    let findings = npip_core::rules::validate(&broken);
    assert!(findings.iter().any(|f| f.severity == Severity::Error));
    assert_eq!(
        keys(&network_svg(&broken, &findings, &options)).1,
        1,
        "an error mark gets its key"
    );
}
