//! The region catalog: every Azure Databricks region with the endpoints its clusters reach, and the service tag that
//! covers each kind of endpoint.
//!
//! Two inputs, merged once by `scripts/gen-regions.py` into Rust statics (no parsing at run time, nothing to
//! download): the list of regions from Microsoft's "Azure Databricks regions" page ([`REGION_LIST_SOURCE`], read on
//! [`REGION_LIST_AS_OF`]; committed as `data/regions.json`), and the endpoint values of a third-party copy of the
//! official IP and domain page ([`SOURCE`], as of [`AS_OF`]). The endpoint source's defects are corrected there and
//! listed in [`SOURCE_CORRECTIONS`]; where it has no value the catalog says so ([`Values::Missing`]) rather than
//! guessing, and every checklist names such gaps. A region on Microsoft's list that the endpoint source lacks is in
//! the catalog with every value missing: the egress options that need no endpoint value work there.

mod data;
mod docs;

pub use docs::{catalog_json, catalog_markdown};

pub use data::{
    AS_OF, OFFICIAL_PAGE, REGION_LIST_AS_OF, REGION_LIST_SOURCE, SOURCE, SOURCE_CORRECTIONS,
    SYSTEM_TABLES_REGIONS_SOURCE,
};

use serde::Serialize;

/// One region and its endpoints.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    /// The name Azure writes in `location`, for example `westeurope`.
    pub name: &'static str,
    /// The name people read, for example `West Europe`.
    pub display_name: &'static str,
    /// The code the Azure Databricks pages write for the region, where it differs from `name` (`usgovaz`).
    pub databricks_code: Option<&'static str>,
    pub cloud: Cloud,
    /// Whether Unity Catalog system tables are available in the region ([`SYSTEM_TABLES_REGIONS_SOURCE`]): not in Azure
    /// China, Azure Government, West India and Switzerland West.
    pub system_tables: bool,
    /// The region as Azure's regional service tags spell it (`WestEurope` in `Storage.WestEurope`), where the planner
    /// uses regional tags: public-cloud regions. `None` keeps the global tags (Azure China and Azure Government,
    /// whose regional tag names we have not verified).
    pub service_tag_region: Option<&'static str>,
    /// A remark on the region itself, for `npip regions` and the docs.
    pub note: Option<&'static str>,
    pub webapp_ips: Values,
    pub scc_relay_fqdns: Values,
    pub scc_relay_ips: Values,
    pub control_plane_nat_ips: Values,
    pub extended_infrastructure_ips: Values,
    pub metastore_fqdns: Values,
    pub artifact_primary_fqdns: Values,
    pub artifact_secondary_fqdns: Values,
    pub log_fqdns: Values,
    pub event_hubs_fqdns: Values,
    /// The regions that host the FQDN endpoints.
    pub hosted_in: Hosted,
}

/// The regions that host a region's FQDN endpoints, read from their host names by `scripts/gen-regions.py`
/// (`dbartifactsprodnortheu` is in northeurope): a region's storage, metastore or Event Hubs may sit in another
/// region, and the regional service tags must name it. Missing where the endpoints are.
#[derive(Debug, PartialEq, Eq)]
pub struct Hosted {
    pub metastore: Values,
    pub artifact_primary: Values,
    pub artifact_secondary: Values,
    pub log: Values,
    pub event_hubs: Values,
}

/// One regional service tag that a region's workspaces need (`Storage.NorthEurope` for West Europe's secondary
/// artifact storage), with the endpoints it covers for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionalTag {
    /// The tag as Azure spells it: `Storage.WestEurope`.
    pub name: String,
    /// The region the tag is narrowed to.
    pub region: &'static Region,
    /// The endpoints of the workspace's region that sit there.
    pub classes: Vec<EndpointClass>,
}

/// The values of one catalog entry: the listed FQDNs or CIDR blocks, or a gap in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Never empty: an empty source list becomes [`Values::Missing`].
    Listed(&'static [&'static str]),
    /// The source gives no value for this region.
    Missing,
}

impl Values {
    /// The values, empty when missing.
    pub fn as_slice(self) -> &'static [&'static str] {
        match self {
            Values::Listed(values) => values,
            Values::Missing => &[],
        }
    }

    pub fn is_missing(self) -> bool {
        matches!(self, Values::Missing)
    }
}

/// The Azure cloud a region belongs to. It decides DNS suffixes such as the storage endpoint's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Cloud {
    Public,
    China,
    UsGovernment,
}

impl Cloud {
    pub const fn title(self) -> &'static str {
        match self {
            Cloud::Public => "Azure",
            Cloud::China => "Azure China",
            Cloud::UsGovernment => "Azure Government",
        }
    }

    /// The cloud's name for `az cloud set --name`.
    pub const fn cli_name(self) -> &'static str {
        match self {
            Cloud::Public => "AzureCloud",
            Cloud::China => "AzureChinaCloud",
            Cloud::UsGovernment => "AzureUSGovernment",
        }
    }

    /// The DNS suffix of Blob and Data Lake storage endpoints (after `blob.` or `dfs.`).
    pub const fn storage_suffix(self) -> &'static str {
        match self {
            Cloud::Public => "core.windows.net",
            Cloud::China => "core.chinacloudapi.cn",
            Cloud::UsGovernment => "core.usgovcloudapi.net",
        }
    }
}

/// Whether a catalog entry holds DNS names or IPv4 CIDR blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    Fqdn,
    Cidr,
}

/// The Azure service tags that cover Databricks endpoints (usable in NSG rules, UDRs and Azure Firewall rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ServiceTag {
    AzureDatabricks,
    Sql,
    Storage,
    EventHub,
    AzureActiveDirectory,
}

impl ServiceTag {
    /// The tag as Azure spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ServiceTag::AzureDatabricks => "AzureDatabricks",
            ServiceTag::Sql => "Sql",
            ServiceTag::Storage => "Storage",
            ServiceTag::EventHub => "EventHub",
            ServiceTag::AzureActiveDirectory => "AzureActiveDirectory",
        }
    }
}

/// A kind of endpoint that clusters talk to. The regional ones have values in the catalog; system tables and DBFS
/// storage depend on the workspace, and Microsoft Entra ID is global.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EndpointClass {
    WebApp,
    SccRelay,
    ControlPlaneNat,
    ExtendedInfrastructure,
    Metastore,
    ArtifactStoragePrimary,
    ArtifactStorageSecondary,
    LogStorage,
    SystemTablesStorage,
    DbfsStorage,
    EventHubs,
    EntraId,
}

impl EndpointClass {
    pub const ALL: [EndpointClass; 12] = [
        EndpointClass::WebApp,
        EndpointClass::SccRelay,
        EndpointClass::ControlPlaneNat,
        EndpointClass::ExtendedInfrastructure,
        EndpointClass::Metastore,
        EndpointClass::ArtifactStoragePrimary,
        EndpointClass::ArtifactStorageSecondary,
        EndpointClass::LogStorage,
        EndpointClass::SystemTablesStorage,
        EndpointClass::DbfsStorage,
        EndpointClass::EventHubs,
        EndpointClass::EntraId,
    ];

    /// What the endpoint is, for people.
    pub const fn title(self) -> &'static str {
        match self {
            EndpointClass::WebApp => "Web app and control plane",
            EndpointClass::SccRelay => "Secure cluster connectivity relay",
            EndpointClass::ControlPlaneNat => "Control plane NAT",
            EndpointClass::ExtendedInfrastructure => "Extended infrastructure",
            EndpointClass::Metastore => "Metastore",
            EndpointClass::ArtifactStoragePrimary => "Artifact storage (primary)",
            EndpointClass::ArtifactStorageSecondary => "Artifact storage (secondary)",
            EndpointClass::LogStorage => "Log storage",
            EndpointClass::SystemTablesStorage => "System tables storage",
            EndpointClass::DbfsStorage => "DBFS root storage",
            EndpointClass::EventHubs => "Event Hubs",
            EndpointClass::EntraId => "Microsoft Entra ID",
        }
    }

    /// [`EndpointClass::title`] inside a sentence: lower case except for names (Event Hubs, DBFS, Microsoft Entra
    /// ID).
    pub fn in_sentence(self) -> String {
        match self {
            EndpointClass::DbfsStorage | EndpointClass::EventHubs | EndpointClass::EntraId => self.title().to_string(),
            _ => self.title().to_ascii_lowercase(),
        }
    }

    /// The service tag whose prefixes include this endpoint, if any. No tag covers extended infrastructure.
    pub const fn service_tag(self) -> Option<ServiceTag> {
        match self {
            EndpointClass::WebApp | EndpointClass::SccRelay | EndpointClass::ControlPlaneNat => {
                Some(ServiceTag::AzureDatabricks)
            }
            EndpointClass::ExtendedInfrastructure => None,
            EndpointClass::Metastore => Some(ServiceTag::Sql),
            EndpointClass::ArtifactStoragePrimary
            | EndpointClass::ArtifactStorageSecondary
            | EndpointClass::LogStorage
            | EndpointClass::SystemTablesStorage
            | EndpointClass::DbfsStorage => Some(ServiceTag::Storage),
            EndpointClass::EventHubs => Some(ServiceTag::EventHub),
            EndpointClass::EntraId => Some(ServiceTag::AzureActiveDirectory),
        }
    }

    /// The TCP ports clusters use toward this endpoint (for the control plane NAT: the inbound ports it uses when
    /// secure cluster connectivity is off). The control plane (AzureDatabricks) takes 443, 3306 and 8443-8451: the
    /// Azure Databricks release notes of January 2025 (learn.microsoft.com/en-us/azure/databricks/release-notes/
    /// product/2025/january, "Additional ports for Azure Databricks") require 3306 and 8443-8451 besides 443 for
    /// VNet-injected workspaces, as the NSG rules of the vnet-inject page and Microsoft's quickstart templates do.
    pub const fn ports(self) -> &'static [&'static str] {
        match self {
            EndpointClass::WebApp => &["443", "3306", "8443-8451"],
            EndpointClass::ControlPlaneNat => &["22", "5557"],
            EndpointClass::Metastore => &["3306"],
            EndpointClass::EventHubs => &["9093"],
            EndpointClass::SccRelay
            | EndpointClass::ExtendedInfrastructure
            | EndpointClass::ArtifactStoragePrimary
            | EndpointClass::ArtifactStorageSecondary
            | EndpointClass::LogStorage
            | EndpointClass::SystemTablesStorage
            | EndpointClass::DbfsStorage
            | EndpointClass::EntraId => &["443"],
        }
    }
}

/// One entry of a region: a class, what kind of values it holds, and the values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub class: EndpointClass,
    pub kind: ValueKind,
    pub values: Values,
}

impl Region {
    /// Every entry the catalog holds for the region, in catalog order. The SCC relay has two (its FQDNs and IPs).
    pub fn entries(&self) -> [Entry; 10] {
        use EndpointClass as C;
        use ValueKind::{Cidr, Fqdn};
        let entry = |class, kind, values| Entry { class, kind, values };
        [
            entry(C::WebApp, Cidr, self.webapp_ips),
            entry(C::SccRelay, Fqdn, self.scc_relay_fqdns),
            entry(C::SccRelay, Cidr, self.scc_relay_ips),
            entry(C::ControlPlaneNat, Cidr, self.control_plane_nat_ips),
            entry(C::ExtendedInfrastructure, Cidr, self.extended_infrastructure_ips),
            entry(C::Metastore, Fqdn, self.metastore_fqdns),
            entry(C::ArtifactStoragePrimary, Fqdn, self.artifact_primary_fqdns),
            entry(C::ArtifactStorageSecondary, Fqdn, self.artifact_secondary_fqdns),
            entry(C::LogStorage, Fqdn, self.log_fqdns),
            entry(C::EventHubs, Fqdn, self.event_hubs_fqdns),
        ]
    }

    /// The entries the source leaves empty for this region.
    pub fn gaps(&self) -> Vec<Entry> {
        self.entries().into_iter().filter(|e| e.values.is_missing()).collect()
    }

    /// The FQDN endpoint classes with the regions that host them.
    pub fn hosted(&self) -> [(EndpointClass, Values); 5] {
        let h = &self.hosted_in;
        [
            (EndpointClass::Metastore, h.metastore),
            (EndpointClass::ArtifactStoragePrimary, h.artifact_primary),
            (EndpointClass::ArtifactStorageSecondary, h.artifact_secondary),
            (EndpointClass::LogStorage, h.log),
            (EndpointClass::EventHubs, h.event_hubs),
        ]
    }

    /// The endpoints that sit in other regions, each class with those regions: North Europe's log storage is in
    /// westeurope.
    pub fn hosted_elsewhere(&self) -> Vec<(EndpointClass, Vec<&'static str>)> {
        self.hosted()
            .into_iter()
            .filter_map(|(class, hosts)| {
                let others: Vec<&'static str> = hosts.as_slice().iter().copied().filter(|h| *h != self.name).collect();
                (!others.is_empty()).then_some((class, others))
            })
            .collect()
    }

    /// The endpoint classes a service tag covers for this region's workspaces: system tables storage only where
    /// system tables are available.
    pub fn tag_classes(&self, tag: ServiceTag) -> Vec<EndpointClass> {
        EndpointClass::ALL
            .into_iter()
            .filter(|c| c.service_tag() == Some(tag))
            .filter(|c| self.system_tables || *c != EndpointClass::SystemTablesStorage)
            .collect()
    }

    /// The regional tags that cover this region's Sql, Storage or EventHub endpoints: the region's own first, then
    /// each other region that hosts some of them. Microsoft's UDR page narrows these three tags to the workspace's
    /// region the same way ([`REGIONAL_TAGS_SOURCE`]). `None` keeps the global tag: for AzureDatabricks and
    /// AzureActiveDirectory (no regional form), in a cloud whose regional tag names the planner has not verified,
    /// and where the catalog does not know where the endpoints sit. DBFS root and system tables storage are in the
    /// workspace's own region.
    pub fn regional_tags(&self, tag: ServiceTag) -> Option<Vec<RegionalTag>> {
        let own = find(self.name)?;
        own.service_tag_region?;
        let hosted = &self.hosted_in;
        let (elsewhere, at_home): (Vec<(EndpointClass, Values)>, Vec<EndpointClass>) = match tag {
            ServiceTag::Sql => (vec![(EndpointClass::Metastore, hosted.metastore)], Vec::new()),
            ServiceTag::Storage => (
                vec![
                    (EndpointClass::ArtifactStoragePrimary, hosted.artifact_primary),
                    (EndpointClass::ArtifactStorageSecondary, hosted.artifact_secondary),
                    (EndpointClass::LogStorage, hosted.log),
                ],
                self.tag_classes(ServiceTag::Storage)
                    .into_iter()
                    .filter(|c| matches!(c, EndpointClass::SystemTablesStorage | EndpointClass::DbfsStorage))
                    .collect(),
            ),
            ServiceTag::EventHub => (vec![(EndpointClass::EventHubs, hosted.event_hubs)], Vec::new()),
            ServiceTag::AzureDatabricks | ServiceTag::AzureActiveDirectory => return None,
        };
        let mut tags: Vec<RegionalTag> = Vec::new();
        let mut add = |region: &'static Region, class: EndpointClass| -> Option<()> {
            let spelled = region.service_tag_region?;
            match tags.iter_mut().find(|t| t.region.name == region.name) {
                Some(existing) if existing.classes.contains(&class) => {}
                Some(existing) => existing.classes.push(class),
                None => tags.push(RegionalTag {
                    name: format!("{}.{spelled}", tag.as_str()),
                    region,
                    classes: vec![class],
                }),
            }
            Some(())
        };
        for (class, hosts) in elsewhere {
            let Values::Listed(hosts) = hosts else {
                return None;
            };
            for host in hosts {
                add(find(host)?, class)?;
            }
        }
        for class in at_home {
            add(own, class)?;
        }
        // The region's own tag first, the others in the order their endpoints came; classes in catalog order.
        crate::order::sort_by_key(&mut tags, |t| t.region.name != self.name);
        for t in &mut tags {
            crate::order::sort_by_key(&mut t.classes, |c| *c);
        }
        Some(tags)
    }

    /// The service tags that cover this region's endpoints of `tag`: the regional ones where known, else the global
    /// tag.
    pub fn service_tag_names(&self, tag: ServiceTag) -> Vec<String> {
        match self.regional_tags(tag) {
            Some(tags) => tags.into_iter().map(|t| t.name).collect(),
            None => vec![tag.as_str().to_string()],
        }
    }

    /// How many of the region's SCC relays have no IP in the catalog, at least. The source lists a region's relay
    /// FQDNs and relay IPs side by side without saying which IP is whose, so fewer IPs than relays means that many
    /// relays (East US 2's third, for one) cannot be routed by IP; the count is all the catalog can tell.
    pub fn relays_without_ip(&self) -> usize {
        self.scc_relay_fqdns
            .as_slice()
            .len()
            .saturating_sub(self.scc_relay_ips.as_slice().len())
    }

    /// Whether the endpoint source holds any value for the region (Mexico Central: none).
    pub fn has_endpoint_data(&self) -> bool {
        self.entries().iter().any(|e| !e.values.is_missing())
    }

    /// Whether `query` (any case) appears in the region's name or display name: the app's search box.
    pub fn matches(&self, query: &str) -> bool {
        let query = normalise(query);
        query.is_empty() || normalise(self.name).contains(&query) || normalise(self.display_name).contains(&query)
    }
}

/// Microsoft's UDR page for Azure Databricks, which narrows the Sql, Storage and EventHub tags to a region in its
/// example route table; the service tags page says which tags have a regional form (AzureDatabricks has none).
pub const REGIONAL_TAGS_SOURCE: &str =
    "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/udr";

/// System tables storage accounts, which the catalog's source does not list, where another source names one: region,
/// FQDN. Only westeurope so far, from Databricks' exfiltration-protection example
/// ([`SYSTEM_TABLES_SOURCE`]); the account name does not follow from the region's name (`westeu`), so no others are
/// guessed.
const SYSTEM_TABLES_FQDNS: &[(&str, &[&str])] = &[("westeurope", &["ucstprdwesteu.dfs.core.windows.net"])];

/// Where [`SYSTEM_TABLES_FQDNS`] comes from.
pub const SYSTEM_TABLES_SOURCE: &str =
    "databricks/terraform-databricks-examples, examples/adb-exfiltration-protection/terraform.tfvars";

impl Region {
    /// The region's system tables storage account, when a source beyond the catalog's names it.
    pub fn system_tables_fqdns(&self) -> Values {
        SYSTEM_TABLES_FQDNS
            .iter()
            .find(|(name, _)| *name == self.name)
            .map_or(Values::Missing, |(_, fqdns)| Values::Listed(fqdns))
    }
}

/// Every region, sorted by name.
pub fn all() -> &'static [Region] {
    &data::REGIONS
}

/// The region with exactly this name (as Azure writes it in `location`).
pub fn find(name: &str) -> Option<&'static Region> {
    // The data is sorted by name (a catalog test checks it).
    let at = data::REGIONS.binary_search_by(|r| r.name.cmp(name)).ok()?;
    data::REGIONS.get(at)
}

/// How much of a text [`closest`] compares: region names are short (the longest, with its display name, under 30
/// characters), so a longer text is as far from all of them past this point, and the edit distance (which costs the
/// product of the two lengths) stays small for any paste.
const COMPARED_CHARS: usize = 64;

/// The `limit` regions whose name or display name is closest to `text` by edit distance, closest first (ties in name
/// order). Used to suggest what the person meant; only the first [`COMPARED_CHARS`] characters (normalised) count.
pub fn closest(text: &str, limit: usize) -> Vec<&'static Region> {
    let wanted: String = normalise(text).chars().take(COMPARED_CHARS).collect();
    let mut scored: Vec<(usize, &'static Region)> = data::REGIONS
        .iter()
        .map(|r| {
            let by_name = edit_distance(&wanted, &normalise(r.name));
            let by_display = edit_distance(&wanted, &normalise(r.display_name));
            (by_name.min(by_display), r)
        })
        .collect();
    crate::order::sort_by(&mut scored, |a, b| a.0.cmp(&b.0).then(a.1.name.cmp(b.1.name)));
    scored.into_iter().take(limit).map(|(_, r)| r).collect()
}

/// Lower case without spaces, hyphens or underscores: `West Europe`, `west-europe` and `westeurope` compare equal.
/// ASCII case only: every region name is ASCII (a test checks the catalog), so a non-ASCII letter typed never matches
/// either way, and the bundle does without the Unicode case tables.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Levenshtein distance over characters, one row at a time.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's value left of `above`; `left` is this row's value so far.
        let mut diagonal = i;
        let mut left = i + 1;
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for (cb, above) in b.iter().zip(row.iter().skip(1)) {
            let value = (diagonal + usize::from(ca != *cb)).min(above + 1).min(left + 1);
            diagonal = *above;
            left = value;
            next.push(value);
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// Stable camelCase key of a class, as in the JSON forms.
pub fn class_key(class: EndpointClass) -> &'static str {
    match class {
        EndpointClass::WebApp => "webApp",
        EndpointClass::SccRelay => "sccRelay",
        EndpointClass::ControlPlaneNat => "controlPlaneNat",
        EndpointClass::ExtendedInfrastructure => "extendedInfrastructure",
        EndpointClass::Metastore => "metastore",
        EndpointClass::ArtifactStoragePrimary => "artifactStoragePrimary",
        EndpointClass::ArtifactStorageSecondary => "artifactStorageSecondary",
        EndpointClass::LogStorage => "logStorage",
        EndpointClass::SystemTablesStorage => "systemTablesStorage",
        EndpointClass::DbfsStorage => "dbfsStorage",
        EndpointClass::EventHubs => "eventHubs",
        EndpointClass::EntraId => "entraId",
    }
}

/// Stable key of a region entry in the JSON form, such as `sccRelayFqdns`.
pub fn entry_key(entry: Entry) -> String {
    let suffix = match entry.kind {
        ValueKind::Fqdn => "Fqdns",
        ValueKind::Cidr => "Ips",
    };
    format!("{}{suffix}", class_key(entry.class))
}

/// "SCC relay IPs", "Log storage FQDNs": an entry's name for people.
pub fn entry_title(entry: Entry) -> String {
    let kind = match entry.kind {
        ValueKind::Fqdn => "FQDNs",
        ValueKind::Cidr => "IPs",
    };
    format!("{} {kind}", entry.class.title())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_names_only() {
        assert_eq!(find("westeurope").map(|r| r.display_name), Some("West Europe"));
        assert!(find("West Europe").is_none());
        assert!(find("").is_none());
    }

    #[test]
    fn closest_prefers_small_typos_and_display_names() {
        let names = |text: &str| closest(text, 3).iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names("westeruope")[0], "westeurope");
        assert_eq!(names("West Europe")[0], "westeurope");
        assert_eq!(names("uk-south")[0], "uksouth");
        assert_eq!(names("eastus3")[..2], ["eastus", "eastus2"]);
        assert_eq!(closest("anything", 0).len(), 0);
        // A paste of any length is compared by its start.
        let long = format!("westeurope{}", "x".repeat(900_000));
        assert_eq!(closest(&long, 3), closest(&long[..COMPARED_CHARS], 3));
        assert_eq!(closest(&long, 1)[0].name, "westeurope");
    }

    #[test]
    fn system_tables_accounts_name_catalog_regions_on_their_cloud() {
        for (name, fqdns) in SYSTEM_TABLES_FQDNS {
            let region = find(name).unwrap_or_else(|| panic!("{name} is not in the catalog"));
            assert_eq!(region.system_tables_fqdns(), Values::Listed(fqdns));
            let suffix = format!(".dfs.{}", region.cloud.storage_suffix());
            for fqdn in *fqdns {
                assert!(fqdn.starts_with("ucstprd") && fqdn.ends_with(&suffix), "{fqdn}");
            }
        }
        assert_eq!(
            find("westeurope").map(Region::system_tables_fqdns),
            Some(Values::Listed(&["ucstprdwesteu.dfs.core.windows.net"]))
        );
        assert!(find("eastus").is_some_and(|r| r.system_tables_fqdns().is_missing()));
    }

    #[test]
    fn region_names_are_ascii_so_ascii_case_folding_is_enough() {
        for region in all() {
            assert!(
                region.name.is_ascii() && region.display_name.is_ascii(),
                "{}",
                region.name
            );
        }
        assert_eq!(normalise("West-Europe_ 2"), "westeurope2");
        assert_eq!(closest("WESTEUROPE", 1)[0].name, "westeurope");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("westeurope", "westeruope"), 2);
    }

    #[test]
    fn search_matches_name_or_display_name() {
        let hits: Vec<&str> = all().iter().filter(|r| r.matches("swiss")).map(|r| r.name).collect();
        assert!(hits.is_empty());
        let hits: Vec<&str> = all()
            .iter()
            .filter(|r| r.matches("Switzerland"))
            .map(|r| r.name)
            .collect();
        assert_eq!(hits, ["switzerlandnorth", "switzerlandwest"]);
        let hits: Vec<&str> = all().iter().filter(|r| r.matches("us gov")).map(|r| r.name).collect();
        assert_eq!(hits, ["usgovarizona", "usgovvirginia"]);
    }
}
