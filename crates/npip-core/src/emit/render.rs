//! Checklists as Markdown, CSV (RFC 4180) and JSON.

use super::checklist::{
    Checklist, ChecklistKind, DestinationKind, FirewallChecklist, Header, NotApplicable, UdrChecklist,
};
use super::files::Format;
use super::markdown::md_into;
use crate::json::JsonWriter;

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

/// One table cell.
enum Cell<'a> {
    /// Text to escape.
    Text(&'a str),
    /// Markdown written as it is (our own fixed words and numbers).
    Raw(&'a str),
    Number(usize),
    /// Values one per line, escaped; `(see note)` when there are none.
    Lines(&'a [String]),
}

fn md_row(out: &mut String, cells: &[Cell]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        match cell {
            Cell::Text(text) => md_into(out, text),
            Cell::Raw(text) => out.push_str(text),
            Cell::Number(n) => push_number(out, *n),
            Cell::Lines([]) => out.push_str("(see note)"),
            Cell::Lines(values) => {
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<br>");
                    }
                    md_into(out, value);
                }
            }
        }
        out.push_str(" |");
    }
    out.push('\n');
}

/// A row number in decimal, without the formatting machinery.
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Replaces `out` with `items` joined by `separator` (`join` without a new string each time).
fn join_into<S: AsRef<str>>(out: &mut String, items: &[S], separator: &str) {
    out.clear();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
}

/// The heading row and the rule under it (our own words: nothing to escape).
fn md_table_head(out: &mut String, headings: &[&str]) {
    out.push('|');
    for heading in headings {
        out.push(' ');
        out.push_str(heading);
        out.push_str(" |");
    }
    out.push_str("\n|");
    for _ in headings {
        out.push_str(" --- |");
    }
    out.push('\n');
}

fn md_header(out: &mut String, header: &Header) {
    out.push_str("# ");
    out.push_str(header.kind.title());
    out.push_str(": ");
    md_into(out, &header.workspace);
    out.push_str("\n\n- Workspace: ");
    md_into(out, &header.workspace);
    out.push_str("\n- Region: ");
    md_into(out, &header.region);
    out.push_str(" (");
    md_into(out, &header.region_display_name);
    out.push_str(")\n- Region data as of ");
    md_into(out, header.catalog_as_of);
    out.push_str(", from ");
    md_into(out, header.catalog_source);
    out.push_str("; check the values against ");
    md_into(out, header.official_page);
    out.push_str("\n\n");
}

fn md_list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str("\n## ");
    out.push_str(heading);
    out.push_str("\n\n");
    for item in items {
        out.push_str("- ");
        md_into(out, item);
        out.push('\n');
    }
}

fn udr_markdown(c: &UdrChecklist) -> String {
    let mut out = String::with_capacity(2048);
    md_header(&mut out, &c.header);
    out.push_str("## Route table ");
    md_into(&mut out, &c.route_table);
    out.push_str("\n\n");
    md_table_head(
        &mut out,
        &[
            "#",
            "Route name",
            "Address prefix",
            "Next hop type",
            "Next hop IP",
            "Purpose",
        ],
    );
    // One buffer for the cells made of several pieces, reused row after row instead of a new string per cell.
    let mut joined = String::new();
    for (i, r) in c.routes.iter().enumerate() {
        joined.clear();
        joined.push_str(&r.address_prefix);
        if r.is_service_tag {
            joined.push_str(" (service tag)");
        }
        md_row(
            &mut out,
            &[
                Cell::Number(i + 1),
                Cell::Text(&r.name),
                Cell::Text(&joined),
                Cell::Raw(r.next_hop_type.as_str()),
                Cell::Text(r.next_hop_ip.as_deref().unwrap_or("")),
                Cell::Text(&r.purpose),
            ],
        );
    }
    out.push_str("\n## Associate the route table with\n\n");
    for subnet in &c.associate_with {
        out.push_str("- [ ] ");
        out.push_str(subnet.role);
        out.push_str(" subnet ");
        md_into(&mut out, &subnet.name);
        out.push_str(" (");
        md_into(&mut out, &subnet.cidr);
        out.push_str(")\n");
    }
    md_list(&mut out, "Notes", &c.notes);
    out
}

fn firewall_markdown(c: &FirewallChecklist) -> String {
    let mut out = String::with_capacity(8192);
    md_header(&mut out, &c.header);
    out.push_str("Source addresses for every rule: ");
    for (i, address) in c.source_addresses.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        md_into(&mut out, address);
    }
    out.push_str("\n\n## Application rules (FQDNs)\n\n");
    md_table_head(&mut out, &["#", "Rule", "Purpose", "FQDNs", "Protocol:port", "Note"]);
    // One buffer for the cells made of several pieces, reused row after row instead of a new string per cell.
    let mut joined = String::new();
    for (i, r) in c.application_rules.iter().enumerate() {
        joined.clear();
        joined.push_str(r.protocol);
        joined.push(':');
        joined.push_str(r.port);
        md_row(
            &mut out,
            &[
                Cell::Number(i + 1),
                Cell::Text(r.name),
                Cell::Text(r.purpose),
                Cell::Lines(&r.fqdns),
                Cell::Text(&joined),
                Cell::Text(r.note.as_deref().unwrap_or("")),
            ],
        );
    }
    out.push_str("\n## Network rules\n\n");
    md_table_head(
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
    );
    for (i, r) in c.network_rules.iter().enumerate() {
        join_into(&mut joined, &r.ports, ", ");
        md_row(
            &mut out,
            &[
                Cell::Number(i + 1),
                Cell::Text(r.name),
                Cell::Text(r.purpose),
                Cell::Raw(r.destination_kind.title()),
                Cell::Lines(&r.destinations),
                Cell::Raw(r.protocol),
                Cell::Text(&joined),
                Cell::Text(r.note.as_deref().unwrap_or("")),
            ],
        );
    }
    md_list(&mut out, "Routed past the firewall (no rule needed)", &c.bypassing);
    out.push_str("\n## SCC relay and the firewall\n\n");
    md_into(&mut out, &c.scc_relay_bypass);
    out.push('\n');
    md_list(&mut out, "Notes", &c.notes);
    out
}

fn not_applicable_markdown(c: &NotApplicable) -> String {
    let mut out = String::new();
    md_header(&mut out, &c.header);
    out.push_str("**Not applicable to this plan.** ");
    md_into(&mut out, &c.reason);
    out.push('\n');
    out
}

// ---- CSV (RFC 4180) ------------------------------------------------------------------------------------------------

/// Writes one CSV field: quoted when it holds a comma, quote or line break (quotes doubled). A leading `=`, `+`, `-`
/// or `@` gets a `'` so that spreadsheets do not run the text as a formula.
fn csv_field(out: &mut String, text: &str) {
    let quoted = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if quoted {
        out.push('"');
    }
    if matches!(text.bytes().next(), Some(b'=' | b'+' | b'-' | b'@')) {
        out.push('\'');
    }
    if quoted {
        for (i, piece) in text.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(piece);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn csv_line(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, field);
    }
    out.push_str("\r\n");
}

fn udr_csv(c: &UdrChecklist) -> String {
    let mut out = String::with_capacity(1024);
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
    let mut subnets = String::new();
    for (i, s) in c.associate_with.iter().enumerate() {
        if i > 0 {
            subnets.push_str("; ");
        }
        subnets.push_str(&s.name);
        subnets.push_str(" (");
        subnets.push_str(&s.cidr);
        subnets.push(')');
    }
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
    let mut out = String::with_capacity(8192);
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
    // Buffers for the fields joined from lists, reused row after row instead of new strings per row.
    let (mut destinations, mut ports) = (String::new(), String::new());
    for r in &c.application_rules {
        join_into(&mut destinations, &r.fqdns, " ");
        csv_line(
            &mut out,
            &[
                &c.header.workspace,
                &c.header.region,
                c.header.catalog_as_of,
                "application",
                r.name,
                r.purpose,
                &sources,
                "FQDNs",
                &destinations,
                r.protocol,
                r.port,
                r.note.as_deref().unwrap_or(""),
            ],
        );
    }
    for r in &c.network_rules {
        join_into(&mut destinations, &r.destinations, " ");
        join_into(&mut ports, &r.ports, " ");
        csv_line(
            &mut out,
            &[
                &c.header.workspace,
                &c.header.region,
                c.header.catalog_as_of,
                "network",
                r.name,
                r.purpose,
                &sources,
                r.destination_kind.title(),
                &destinations,
                r.protocol,
                &ports,
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

fn json_header(w: &mut JsonWriter, header: &Header, applies: bool) {
    w.key("checklist").str(match header.kind {
        ChecklistKind::Udr => "udr",
        ChecklistKind::Firewall => "firewall",
    });
    w.key("applies").bool(applies);
    w.key("workspace").str(&header.workspace);
    w.key("region").str(&header.region);
    w.key("regionDisplayName").str(&header.region_display_name);
    w.key("catalogAsOf").str(header.catalog_as_of);
    w.key("catalogSource").str(header.catalog_source);
    w.key("officialPage").str(header.official_page);
}

fn udr_json(c: &UdrChecklist) -> String {
    let mut w = JsonWriter::with_capacity(4096);
    w.object(|w| {
        json_header(w, &c.header, true);
        w.key("routeTable").str(&c.route_table);
        w.key("routes").array(|w| {
            for r in &c.routes {
                w.object(|w| {
                    w.key("name").str(&r.name);
                    w.key("addressPrefix").str(&r.address_prefix);
                    w.key("addressPrefixType")
                        .str(if r.is_service_tag { "serviceTag" } else { "cidr" });
                    w.key("nextHopType").str(r.next_hop_type.as_str());
                    w.key("nextHopIpAddress").opt_str(r.next_hop_ip.as_deref());
                    w.key("purpose").str(&r.purpose);
                });
            }
        });
        w.key("associateWith").array(|w| {
            for s in &c.associate_with {
                w.object(|w| {
                    w.key("role").str(s.role);
                    w.key("name").str(&s.name);
                    w.key("cidr").str(&s.cidr);
                });
            }
        });
        w.key("notes").strs(&c.notes);
    });
    w.finish()
}

fn firewall_json(c: &FirewallChecklist) -> String {
    let mut w = JsonWriter::new();
    w.object(|w| {
        json_header(w, &c.header, true);
        w.key("sourceAddresses").strs(&c.source_addresses);
        w.key("applicationRules").array(|w| {
            for r in &c.application_rules {
                w.object(|w| {
                    w.key("name").str(r.name);
                    w.key("purpose").str(r.purpose);
                    w.key("fqdns").strs(&r.fqdns);
                    w.key("protocol").str(r.protocol);
                    w.key("port").str(r.port);
                    w.key("note").opt_str(r.note.as_deref());
                });
            }
        });
        w.key("networkRules").array(|w| {
            for r in &c.network_rules {
                w.object(|w| {
                    w.key("name").str(r.name);
                    w.key("purpose").str(r.purpose);
                    w.key("destinationType").str(match r.destination_kind {
                        DestinationKind::ServiceTag => "serviceTag",
                        DestinationKind::IpAddresses => "ipAddresses",
                        DestinationKind::Fqdns => "fqdns",
                    });
                    w.key("destinations").strs(&r.destinations);
                    w.key("protocol").str(r.protocol);
                    w.key("ports").strs(&r.ports);
                    w.key("note").opt_str(r.note.as_deref());
                });
            }
        });
        w.key("routedPastFirewall").strs(&c.bypassing);
        w.key("sccRelayBypass").str(&c.scc_relay_bypass);
        w.key("notes").strs(&c.notes);
    });
    w.finish()
}

fn not_applicable_json(c: &NotApplicable) -> String {
    let mut w = JsonWriter::with_capacity(1024);
    w.object(|w| {
        json_header(w, &c.header, false);
        w.key("reason").str(&c.reason);
    });
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed_and_defuses_formulas() {
        let field = |text: &str| {
            let mut out = String::new();
            csv_field(&mut out, text);
            out
        };
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
        let mut line = String::new();
        csv_line(&mut line, &["a", "b,c", ""]);
        assert_eq!(line, "a,\"b,c\",\r\n");
    }
}
