//! The catalog as documents: `npip regions --format json` and `docs/regions.md`, both from the generated data.

use super::{
    all, class_key, entry_key, entry_title, EndpointClass, ServiceTag, Values, AS_OF, OFFICIAL_PAGE, REGION_LIST_AS_OF,
    REGION_LIST_SOURCE, SOURCE, SOURCE_CORRECTIONS, SYSTEM_TABLES_REGIONS_SOURCE, SYSTEM_TABLES_SOURCE,
};

/// The catalog as JSON (for `npip regions --format json`): both sources with their dates, the corrections, the
/// service tag of each endpoint class, and every region with its values. Gaps are `null`.
pub fn catalog_json() -> String {
    let values = |w: &mut crate::json::JsonWriter, values: Values| match values {
        Values::Listed(values) => w.strs(values),
        Values::Missing => w.null(),
    };
    let mut w = crate::json::JsonWriter::new();
    w.object(|w| {
        w.key("regionList").object(|w| {
            w.key("source").str(REGION_LIST_SOURCE);
            w.key("asOf").str(REGION_LIST_AS_OF);
            w.key("systemTablesSource").str(SYSTEM_TABLES_REGIONS_SOURCE);
        });
        w.key("endpoints").object(|w| {
            w.key("source").str(SOURCE);
            w.key("asOf").str(AS_OF);
            w.key("officialPage").str(OFFICIAL_PAGE);
            w.key("corrections").strs(SOURCE_CORRECTIONS);
        });
        w.key("endpointClasses").array(|w| {
            for class in EndpointClass::ALL {
                w.object(|w| {
                    w.key("class").str(class_key(class));
                    w.key("title").str(class.title());
                    w.key("serviceTag").opt_str(class.service_tag().map(ServiceTag::as_str));
                    w.key("ports").strs(class.ports());
                });
            }
        });
        w.key("regions").array(|w| {
            for region in all() {
                w.object(|w| {
                    w.key("name").str(region.name);
                    w.key("displayName").str(region.display_name);
                    w.key("databricksCode").opt_str(region.databricks_code);
                    w.key("cloud").str(region.cloud.title());
                    w.key("systemTables").bool(region.system_tables);
                    w.key("serviceTagRegion").opt_str(region.service_tag_region);
                    w.key("note").opt_str(region.note);
                    for entry in region.entries() {
                        w.key_text(&entry_key(entry));
                        values(w, entry.values);
                    }
                    let hosted = &region.hosted_in;
                    w.key("hostedIn").object(|w| {
                        w.key("metastore");
                        values(w, hosted.metastore);
                        w.key("artifactStoragePrimary");
                        values(w, hosted.artifact_primary);
                        w.key("artifactStorageSecondary");
                        values(w, hosted.artifact_secondary);
                        w.key("logStorage");
                        values(w, hosted.log);
                        w.key("eventHubs");
                        values(w, hosted.event_hubs);
                    });
                });
            }
        });
    });
    w.finish()
}

/// The whole catalog as Markdown: the source of `docs/regions.md` (a test keeps that file current).
pub fn catalog_markdown() -> String {
    let mut out = String::new();
    let push = |out: &mut String, line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    push(&mut out, "# Region catalog");
    push(&mut out, "");
    push(
        &mut out,
        "<!-- Generated from the engine's catalog (crates/npip-core/src/regions); do not edit by hand.",
    );
    push(
        &mut out,
        "     Regenerate with `UPDATE_GOLDEN=1 cargo test -p npip-core --test catalog`. -->",
    );
    push(&mut out, "");
    push(
        &mut out,
        &format!(
            "The engine knows {} Azure Databricks regions and, for each, the endpoints its clusters reach. \
             `npip regions` lists them; `npip regions --format json` prints every value.",
            all().len()
        ),
    );
    push(&mut out, "");
    push(
        &mut out,
        &format!(
            "- Regions: every region of Microsoft's \"Azure Databricks regions\" page, {REGION_LIST_SOURCE}, read on \
             {REGION_LIST_AS_OF} (kept in `data/regions.json`). System tables: {SYSTEM_TABLES_REGIONS_SOURCE}."
        ),
    );
    push(
        &mut out,
        &format!(
            "- Endpoint values: {SOURCE}, as of {AS_OF}. Every UDR and firewall checklist prints this date. Check them \
             against {OFFICIAL_PAGE}."
        ),
    );
    push(&mut out, "");
    push(
        &mut out,
        "Static IPs and FQDNs change. Prefer a service tag where one covers the endpoint, and check the values \
         against the official page before relying on them.",
    );
    push(&mut out, "");
    push(&mut out, "## Endpoint classes and their service tags");
    push(&mut out, "");
    push(&mut out, "| Endpoint | Service tag | TCP ports |");
    push(&mut out, "|---|---|---|");
    for class in EndpointClass::ALL {
        let tag = class.service_tag().map_or("none: use its IPs", ServiceTag::as_str);
        let note = match class {
            EndpointClass::ControlPlaneNat => " (inbound, only without secure cluster connectivity)",
            _ => "",
        };
        push(
            &mut out,
            &format!("| {}{note} | {tag} | {} |", class.title(), class.ports().join(", ")),
        );
    }
    push(&mut out, "");
    push(&mut out, "## Corrections made to the endpoint source");
    push(&mut out, "");
    for correction in SOURCE_CORRECTIONS {
        push(&mut out, &format!("- {correction}"));
    }
    push(&mut out, "");
    push(&mut out, "## Gaps");
    push(&mut out, "");
    push(
        &mut out,
        "Where the source gives no value the catalog records a gap instead of guessing. Checklists name each gap \
         and point to the official page; validation warns (NPIP-W901) when a plan's egress depends on one. A \
         region with no endpoint data at all still takes the egress options that need none (managed VNet, NAT \
         gateway, egress load balancer), with a note (NPIP-I901).",
    );
    push(&mut out, "");
    push(&mut out, "| Region | Missing |");
    push(&mut out, "|---|---|");
    for region in all() {
        let gaps: Vec<String> = region.gaps().into_iter().map(entry_title).collect();
        if !region.has_endpoint_data() {
            push(
                &mut out,
                &format!("| {} | every value: the source has no entry |", region.name),
            );
        } else if !gaps.is_empty() {
            push(&mut out, &format!("| {} | {} |", region.name, gaps.join(", ")));
        }
    }
    push(&mut out, "");
    let known: Vec<String> = all()
        .iter()
        .filter_map(|r| match r.system_tables_fqdns() {
            Values::Listed(fqdns) => Some(format!("{} ({})", r.name, fqdns.join(", "))),
            Values::Missing => None,
        })
        .collect();
    push(
        &mut out,
        &format!(
            "The source lists no system tables storage accounts. The firewall checklist gives one where another \
             source names it: {}, from {SYSTEM_TABLES_SOURCE}. For every other region with system tables it points \
             to the official page.",
            known.join("; ")
        ),
    );
    push(&mut out, "");
    push(&mut out, "## Regions");
    push(&mut out, "");
    push(
        &mut out,
        "Endpoints in other regions: the regions whose storage, metastore or Event Hubs serve the region, read \
         from the endpoints' host names. The regional service tags of the route table and the firewall name them \
         too.",
    );
    push(&mut out, "");
    push(
        &mut out,
        "| Region | Display name | Cloud | System tables | SCC relays | Endpoints in other regions | Note |",
    );
    push(&mut out, "|---|---|---|---|---|---|---|");
    for region in all() {
        let relay = match region.scc_relay_fqdns {
            Values::Listed(values) => values.join(", "),
            Values::Missing => "(missing)".to_string(),
        };
        let elsewhere: Vec<String> = region
            .hosted_elsewhere()
            .into_iter()
            .map(|(class, hosts)| format!("{}: {}", class.in_sentence(), hosts.join(", ")))
            .collect();
        let mut note = region.note.unwrap_or("").to_string();
        if let Some(code) = region.databricks_code {
            note = format!("Azure Databricks pages write `{code}`. {note}")
                .trim_end()
                .to_string();
        }
        push(
            &mut out,
            &format!(
                "| {} | {} | {} | {} | {relay} | {} | {note} |",
                region.name,
                region.display_name,
                region.cloud.title(),
                if region.system_tables { "yes" } else { "no" },
                elsewhere.join("; "),
            ),
        );
    }
    out
}
