//! Checklists as Markdown, CSV (RFC 4180) and JSON.

use super::checklist::{Checklist, FirewallChecklist, Header, NotApplicable, UdrChecklist};
use super::json::{Json, Object};
use super::Format;

impl Checklist {
    /// The checklist in `format`. A checklist that does not apply still renders, saying why.
    pub fn render(&self, format: Format) -> String {
        match (self, format) {
            (Checklist::Udr(c), Format::Markdown) => udr_markdown(c),
            (Checklist::Udr(c), Format::Csv) => udr_csv(c),
            (Checklist::Udr(c), Format::Json) => udr_json(c),
            (Checklist::Firewall(c), Format::Markdown) => firewall_markdown(c),
            (Checklist::Firewall(c), Format::Csv) => firewall_csv(c),
            (Checklist::Firewall(c), Format::Json) => firewall_json(c),
            (Checklist::NotApplicable(c), Format::Markdown) => not_applicable_markdown(c),
            (Checklist::NotApplicable(c), Format::Csv) => not_applicable_csv(c),
            (Checklist::NotApplicable(c), Format::Json) => not_applicable_json(c),
        }
    }
}

// ---- Markdown ------------------------------------------------------------------------------------------------------

/// Text made safe for a Markdown paragraph or table cell: characters with Markdown meaning are escaped, line breaks
/// become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn md_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(cell);
        out.push_str(" |");
    }
    out.push('\n');
}

fn md_table(out: &mut String, headings: &[&str], rows: Vec<Vec<String>>) {
    md_row(out, &headings.iter().map(|h| (*h).to_string()).collect::<Vec<_>>());
    md_row(out, &headings.iter().map(|_| "---".to_string()).collect::<Vec<_>>());
    for row in rows {
        md_row(out, &row);
    }
}

fn md_header(out: &mut String, header: &Header) {
    out.push_str(&format!("# {}: {}\n\n", header.kind.title(), md(&header.workspace)));
    out.push_str(&format!("- Workspace: {}\n", md(&header.workspace)));
    out.push_str(&format!(
        "- Region: {} ({})\n",
        md(&header.region),
        md(&header.region_display_name)
    ));
    out.push_str(&format!(
        "- Region data as of {}, from {}; check the values against {}\n\n",
        md(header.catalog_as_of),
        md(header.catalog_source),
        md(header.official_page)
    ));
}

fn md_list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n## {heading}\n\n"));
    for item in items {
        out.push_str(&format!("- {}\n", md(item)));
    }
}

/// A list of values for a table cell, or the gap marker.
fn md_values(values: &[String]) -> String {
    if values.is_empty() {
        "(see note)".to_string()
    } else {
        values.iter().map(|v| md(v)).collect::<Vec<_>>().join("<br>")
    }
}

fn udr_markdown(c: &UdrChecklist) -> String {
    let mut out = String::new();
    md_header(&mut out, &c.header);
    out.push_str(&format!("## Route table {}\n\n", md(&c.route_table)));
    let rows = c
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                md(&r.name),
                if r.is_service_tag {
                    format!("{} (service tag)", md(&r.address_prefix))
                } else {
                    md(&r.address_prefix)
                },
                r.next_hop_type.as_str().to_string(),
                r.next_hop_ip.as_deref().map(md).unwrap_or_default(),
                md(&r.purpose),
            ]
        })
        .collect();
    md_table(
        &mut out,
        &[
            "#",
            "Route name",
            "Address prefix",
            "Next hop type",
            "Next hop IP",
            "Purpose",
        ],
        rows,
    );
    out.push_str("\n## Associate the route table with\n\n");
    for subnet in &c.associate_with {
        out.push_str(&format!(
            "- [ ] {} subnet {} ({})\n",
            subnet.role,
            md(&subnet.name),
            md(&subnet.cidr)
        ));
    }
    md_list(&mut out, "Notes", &c.notes);
    out
}

fn firewall_markdown(c: &FirewallChecklist) -> String {
    let mut out = String::new();
    md_header(&mut out, &c.header);
    out.push_str(&format!(
        "Source addresses for every rule: {}\n\n",
        c.source_addresses.iter().map(|a| md(a)).collect::<Vec<_>>().join(", ")
    ));
    out.push_str("## Application rules (FQDNs)\n\n");
    let rows = c
        .application_rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                md(&r.name),
                md(&r.purpose),
                md_values(&r.fqdns),
                format!("{}:{}", r.protocol, r.port),
                r.note.as_deref().map(md).unwrap_or_default(),
            ]
        })
        .collect();
    md_table(
        &mut out,
        &["#", "Rule", "Purpose", "FQDNs", "Protocol:port", "Note"],
        rows,
    );
    out.push_str("\n## Network rules\n\n");
    let rows = c
        .network_rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                md(&r.name),
                md(&r.purpose),
                r.destination_kind.title().to_string(),
                md_values(&r.destinations),
                r.protocol.to_string(),
                r.ports.join(", "),
                r.note.as_deref().map(md).unwrap_or_default(),
            ]
        })
        .collect();
    md_table(
        &mut out,
        &[
            "#",
            "Rule",
            "Purpose",
            "Destination type",
            "Destinations",
            "Protocol",
            "Ports",
            "Note",
        ],
        rows,
    );
    md_list(&mut out, "Routed past the firewall (no rule needed)", &c.bypassing);
    out.push_str(&format!(
        "\n## SCC relay and the firewall\n\n{}\n",
        md(&c.scc_relay_bypass)
    ));
    md_list(&mut out, "Notes", &c.notes);
    out
}

fn not_applicable_markdown(c: &NotApplicable) -> String {
    let mut out = String::new();
    md_header(&mut out, &c.header);
    out.push_str(&format!("**Not applicable to this plan.** {}\n", md(&c.reason)));
    out
}

// ---- CSV (RFC 4180) ------------------------------------------------------------------------------------------------

/// One CSV field: quoted when it holds a comma, quote or line break (quotes doubled). A leading `=`, `+`, `-` or `@`
/// gets a `'` so that spreadsheets do not run the text as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(out: &mut String, fields: &[&str]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn udr_csv(c: &UdrChecklist) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "workspace",
            "region",
            "catalog_as_of",
            "route_table",
            "route_name",
            "address_prefix",
            "address_prefix_type",
            "next_hop_type",
            "next_hop_ip",
            "associate_with",
            "purpose",
        ],
    );
    let subnets: Vec<String> = c
        .associate_with
        .iter()
        .map(|s| format!("{} ({})", s.name, s.cidr))
        .collect();
    let subnets = subnets.join("; ");
    for r in &c.routes {
        csv_line(
            &mut out,
            &[
                &c.header.workspace,
                &c.header.region,
                c.header.catalog_as_of,
                &c.route_table,
                &r.name,
                &r.address_prefix,
                if r.is_service_tag { "service tag" } else { "CIDR" },
                r.next_hop_type.as_str(),
                r.next_hop_ip.as_deref().unwrap_or(""),
                &subnets,
                &r.purpose,
            ],
        );
    }
    out
}

fn firewall_csv(c: &FirewallChecklist) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "workspace",
            "region",
            "catalog_as_of",
            "rule_type",
            "rule_name",
            "purpose",
            "source_addresses",
            "destination_type",
            "destinations",
            "protocol",
            "ports",
            "note",
        ],
    );
    let sources = c.source_addresses.join(" ");
    for r in &c.application_rules {
        csv_line(
            &mut out,
            &[
                &c.header.workspace,
                &c.header.region,
                c.header.catalog_as_of,
                "application",
                &r.name,
                &r.purpose,
                &sources,
                "FQDNs",
                &r.fqdns.join(" "),
                r.protocol,
                r.port,
                r.note.as_deref().unwrap_or(""),
            ],
        );
    }
    for r in &c.network_rules {
        csv_line(
            &mut out,
            &[
                &c.header.workspace,
                &c.header.region,
                c.header.catalog_as_of,
                "network",
                &r.name,
                &r.purpose,
                &sources,
                r.destination_kind.title(),
                &r.destinations.join(" "),
                r.protocol,
                &r.ports.join(" "),
                r.note.as_deref().unwrap_or(""),
            ],
        );
    }
    out
}

fn not_applicable_csv(c: &NotApplicable) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &["workspace", "region", "catalog_as_of", "checklist", "applies", "reason"],
    );
    csv_line(
        &mut out,
        &[
            &c.header.workspace,
            &c.header.region,
            c.header.catalog_as_of,
            c.header.kind.file_stem(),
            "false",
            &c.reason,
        ],
    );
    out
}

// ---- JSON ----------------------------------------------------------------------------------------------------------

fn json_header(header: &Header, applies: bool) -> Object {
    let mut o = Object::new();
    o.push(
        "checklist",
        match header.kind {
            super::ChecklistKind::Udr => "udr",
            super::ChecklistKind::Firewall => "firewall",
        },
    );
    o.push("applies", applies);
    o.push("workspace", header.workspace.as_str());
    o.push("region", header.region.as_str());
    o.push("regionDisplayName", header.region_display_name.as_str());
    o.push("catalogAsOf", header.catalog_as_of);
    o.push("catalogSource", header.catalog_source);
    o.push("officialPage", header.official_page);
    o
}

fn strings(values: &[String]) -> Json {
    Json::Arr(values.iter().map(|v| Json::str(v.as_str())).collect())
}

fn optional(value: Option<&str>) -> Json {
    value.map_or(Json::Null, Json::str)
}

fn udr_json(c: &UdrChecklist) -> String {
    let mut o = json_header(&c.header, true);
    o.push("routeTable", c.route_table.as_str());
    o.push(
        "routes",
        Json::Arr(
            c.routes
                .iter()
                .map(|r| {
                    Json::obj([
                        ("name", Json::str(r.name.as_str())),
                        ("addressPrefix", Json::str(r.address_prefix.as_str())),
                        (
                            "addressPrefixType",
                            Json::str(if r.is_service_tag { "serviceTag" } else { "cidr" }),
                        ),
                        ("nextHopType", Json::str(r.next_hop_type.as_str())),
                        ("nextHopIpAddress", optional(r.next_hop_ip.as_deref())),
                        ("purpose", Json::str(r.purpose.as_str())),
                    ])
                })
                .collect(),
        ),
    );
    o.push(
        "associateWith",
        Json::Arr(
            c.associate_with
                .iter()
                .map(|s| {
                    Json::obj([
                        ("role", Json::str(s.role)),
                        ("name", Json::str(s.name.as_str())),
                        ("cidr", Json::str(s.cidr.as_str())),
                    ])
                })
                .collect(),
        ),
    );
    o.push("notes", strings(&c.notes));
    Json::from(o).to_pretty()
}

fn firewall_json(c: &FirewallChecklist) -> String {
    let mut o = json_header(&c.header, true);
    o.push("sourceAddresses", strings(&c.source_addresses));
    o.push(
        "applicationRules",
        Json::Arr(
            c.application_rules
                .iter()
                .map(|r| {
                    Json::obj([
                        ("name", Json::str(r.name.as_str())),
                        ("purpose", Json::str(r.purpose.as_str())),
                        ("fqdns", strings(&r.fqdns)),
                        ("protocol", Json::str(r.protocol)),
                        ("port", Json::str(r.port)),
                        ("note", optional(r.note.as_deref())),
                    ])
                })
                .collect(),
        ),
    );
    o.push(
        "networkRules",
        Json::Arr(
            c.network_rules
                .iter()
                .map(|r| {
                    Json::obj([
                        ("name", Json::str(r.name.as_str())),
                        ("purpose", Json::str(r.purpose.as_str())),
                        (
                            "destinationType",
                            Json::str(match r.destination_kind {
                                super::DestinationKind::ServiceTag => "serviceTag",
                                super::DestinationKind::IpAddresses => "ipAddresses",
                                super::DestinationKind::Fqdns => "fqdns",
                            }),
                        ),
                        ("destinations", strings(&r.destinations)),
                        ("protocol", Json::str(r.protocol)),
                        ("ports", Json::Arr(r.ports.iter().map(|p| Json::str(*p)).collect())),
                        ("note", optional(r.note.as_deref())),
                    ])
                })
                .collect(),
        ),
    );
    o.push("routedPastFirewall", strings(&c.bypassing));
    o.push("sccRelayBypass", c.scc_relay_bypass.as_str());
    o.push("notes", strings(&c.notes));
    Json::from(o).to_pretty()
}

fn not_applicable_json(c: &NotApplicable) -> String {
    let mut o = json_header(&c.header, false);
    o.push("reason", c.reason.as_str());
    Json::from(o).to_pretty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn markdown_escapes_what_would_change_the_layout() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<account>.blob"), "\\<account\\>.blob");
        assert_eq!(md("x\ny"), "x y");
        assert_eq!(md("adb_host"), "adb\\_host");
    }
}
