#!/usr/bin/env python3
"""Build the engine's region catalog from two inputs: Microsoft's region list and a third-party file of endpoints.

usage: scripts/gen-regions.py [ENDPOINTS_JSON]

Inputs
  data/regions.json   Every Azure Databricks region, from Microsoft's "Azure Databricks regions" page
                      (https://learn.microsoft.com/en-us/azure/databricks/resources/supported-regions), with the
                      date it was read, whether Unity Catalog system tables are available there, and Azure's
                      display name. Committed with the repository.
  ENDPOINTS_JSON      The endpoint values (web app IPs, SCC relays, storage FQDNs...) per region. Defaults to
                      ../shared/reference/regions/databricks-udr.json, a copy of microsoft/AzureTRE
                      templates/workspace_services/databricks/databricks-udr.json (last changed 2025-12-16): a
                      THIRD-PARTY copy of Microsoft's "IP addresses and domains for Azure Databricks services and
                      assets" page, whose own tables we could not read. Read only here, never at build or test time.

Writes crates/npip-core/src/regions/data.rs (Rust statics, no parsing at run time) and prints every correction it
made; the same list goes into the data as SOURCE_CORRECTIONS. docs/regions.md is generated from the catalog by a test
(UPDATE_GOLDEN=1 cargo test -p npip-core --test catalog). Run this script again when either input changes and commit
its output; nothing downloads at build time.

Every region of the list is in the catalog. A region the endpoint file lacks (Mexico Central) gets a gap ("missing")
for every value, which the checklists and NPIP-W901 name; the options that need no endpoint value still work there.

Corrections, each reported:
  - an entry under a blank or whitespace key is the region's log storage (the only key the source ever leaves blank);
  - values are trimmed, FQDNs lower-cased (DNS is case-insensitive) and stripped of a trailing root dot;
  - bare IPv4 addresses get /32;
  - duplicates are dropped (first occurrence kept);
  - an empty list or a list of blank strings becomes an explicit gap ("missing"), never an empty list;
  - the values in FIXES below, which the file clearly has wrong, are replaced or become gaps.
Also derived, for the regional service tags: the region that hosts each FQDN, read from its host name
(`dblogprodwesteurope` is in westeurope, `dbartifactsprodnortheu` in northeurope) with the abbreviations below.
The script fails on anything it does not understand: an unknown key or host-name abbreviation, a malformed address or
FQDN, a region of one input missing from the other's list, a relay IP listed for two unrelated relays.
"""
import ipaddress
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
REGION_LIST = os.path.join(ROOT, "data", "regions.json")
DEFAULT_ENDPOINTS = os.path.normpath(os.path.join(ROOT, "..", "shared", "reference", "regions", "databricks-udr.json"))
DATA_RS = os.path.join(ROOT, "crates", "npip-core", "src", "regions", "data.rs")

ENDPOINTS_AS_OF = "2025-12-16"
ENDPOINTS_SOURCE = (
    "microsoft/AzureTRE templates/workspace_services/databricks/databricks-udr.json (last changed 2025-12-16), a "
    "third-party copy of the official page"
)
OFFICIAL_PAGE = "https://learn.microsoft.com/en-us/azure/databricks/resources/ip-domain-region"

# Source key -> (our field name, kind). The order is the catalog's order.
FIELDS = [
    ("webappDestinationAddresses", "webapp_ips", "ip"),
    ("sccRelayDomains", "scc_relay_fqdns", "fqdn"),
    ("sccRelayDestinationAddresses", "scc_relay_ips", "ip"),
    ("controlPlaneNatDestinationAddresses", "control_plane_nat_ips", "ip"),
    ("extendedInfrastructureDestinationAddresses", "extended_infrastructure_ips", "ip"),
    ("metastoreDomains", "metastore_fqdns", "fqdn"),
    ("artifactBlobStoragePrimaryDomains", "artifact_primary_fqdns", "fqdn"),
    ("artifactBlobStorageSecondaryDomains", "artifact_secondary_fqdns", "fqdn"),
    ("logBlobStorageDomains", "log_fqdns", "fqdn"),
    ("eventHubEndpointDomains", "event_hubs_fqdns", "fqdn"),
]
LOG_KEY = "logBlobStorageDomains"
# The FQDN fields whose hosts' regions the catalog records (for the regional Sql, Storage and EventHub tags).
HOSTED = [
    ("metastore_fqdns", "metastore"),
    ("artifact_primary_fqdns", "artifact_primary"),
    ("artifact_secondary_fqdns", "artifact_secondary"),
    ("log_fqdns", "log"),
    ("event_hubs_fqdns", "event_hubs"),
]

# Values of the endpoint file that are clearly wrong: (region, source keys, replacement, why). An empty replacement
# makes the values gaps. Checked against the file each run: a fix that no longer matches the file fails the script.
FIXES = [
    (
        "eastasia",
        ["sccRelayDestinationAddresses"],
        ["52.230.27.216/32"],
        "102.37.41.3/32 is South Africa North's relay (tunnel.southafricanorth); East Asia's relay is "
        "tunnel.southeastasia, whose IP the file gives under southeastasia",
    ),
    (
        "westus3",
        ["sccRelayDestinationAddresses"],
        [],
        "40.86.167.110/32 is West US's relay (tunnel.westus), not tunnel.westus3's",
    ),
    (
        "swedencentral",
        [
            "metastoreDomains",
            "artifactBlobStoragePrimaryDomains",
            "artifactBlobStorageSecondaryDomains",
            "logBlobStorageDomains",
            "eventHubEndpointDomains",
        ],
        [],
        "the metastore, storage and Event Hubs names are Switzerland North's (consolidated-switzerlandnorth, "
        "dbartifactsprodswissnor, dblogprodswissnor, prod-switzerlandnorth), filed under the wrong region together "
        "with their secondary storage",
    ),
]

# Host-name abbreviations of regions in the storage account names (`dbartifactsprod<abbr>`, `arprod<abbr>a<n>`,
# `dblogprod<abbr>`) and cells (`westeuc2`). Full region names, and names with a cell suffix (`eastus2c3`), need none.
ABBREVIATIONS = {
    "austc": "australiacentral",
    "austc2": "australiacentral2",
    "auste": "australiaeast",
    "austeast": "australiaeast",
    "austse": "australiasoutheast",
    "brazilsou": "brazilsouth",
    "cacentral": "canadacentral",
    "caeast": "canadaeast",
    "cindia": "centralindia",
    "cne2": "chinaeast2",
    "cne3": "chinaeast3",
    "cnn2": "chinanorth2",
    "cnn3": "chinanorth3",
    "cus": "centralus",
    "eap": "eastasia",
    "frcentral": "francecentral",
    "gerwescen": "germanywestcentral",
    "koreacen": "koreacentral",
    "ncentralus": "northcentralus",
    "ncus": "northcentralus",
    "northeu": "northeurope",
    "nweast": "norwayeast",
    "qcentral": "qatarcentral",
    "safrican": "southafricanorth",
    "scentralus": "southcentralus",
    "scus": "southcentralus",
    "seap": "southeastasia",
    "seasia": "southeastasia",
    "sindia": "southindia",
    "swissnor": "switzerlandnorth",
    "swisswest": "switzerlandwest",
    "usgariz": "usgovarizona",
    "usgovvirg": "usgovvirginia",
    "usgvirg": "usgovvirginia",
    "wcentus": "westcentralus",
    "westeu": "westeurope",
    "windia": "westindia",
}
HOST_PATTERNS = [
    re.compile(r"dbartifactsprod(?P<token>[a-z0-9]+)"),
    re.compile(r"dblogprod(?P<token>[a-z0-9]+)"),
    re.compile(r"arprod(?P<token>[a-z0-9]+?)a\d+"),
    re.compile(r"consolidated-(?P<token>[a-z0-9]+)-prod-metastore(-.*)?"),
    re.compile(r"prod-(?P<token>[a-z0-9]+)-observabilityeventhubs"),
]

FQDN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
CLOUDS = {"public": "Public", "china": "China", "usGovernment": "UsGovernment"}


def region_of_host(fqdn, names):
    """The region whose name or abbreviation the FQDN's first label carries; fails when there is none."""
    host = fqdn.split(".")[0]
    for pattern in HOST_PATTERNS:
        match = pattern.fullmatch(host)
        if not match:
            continue
        token = match.group("token")
        for candidate in (token, re.sub(r"c\d+$", "", token)):
            region = candidate if candidate in names else ABBREVIATIONS.get(candidate)
            if region:
                return region
        sys.exit(f"gen-regions: no region for '{token}' in {fqdn}; add it to ABBREVIATIONS")
    sys.exit(f"gen-regions: cannot read a region from the host name {fqdn}")


def clean(region, key, kind, values, fixes, fixed):
    out = []
    for raw in values:
        if not isinstance(raw, str):
            sys.exit(f"gen-regions: {region}.{key}: not a string: {raw!r}")
        value = raw.strip()
        if not value:
            continue
        if value != raw:
            fixes.append(f"{region}: {key}: trimmed stray whitespace around '{value}'")
        if kind == "fqdn":
            lowered = value.lower().rstrip(".")
            if lowered != value:
                fixes.append(f"{region}: {key}: wrote '{value}' as '{lowered}'")
            value = lowered
            if not FQDN.match(value):
                sys.exit(f"gen-regions: {region}.{key}: not an FQDN: {raw!r}")
        else:
            if "/" not in value:
                fixes.append(f"{region}: {key}: bare address {value} written as {value}/32")
                value += "/32"
            try:
                net = ipaddress.IPv4Network(value, strict=True)
            except ValueError as exc:
                sys.exit(f"gen-regions: {region}.{key}: not an IPv4 CIDR block: {raw!r} ({exc})")
            value = str(net)
        if value in out:
            fixes.append(f"{region}: {key}: dropped duplicate {value}")
            continue
        out.append(value)
    if not out and (region, key) not in fixed:
        fixes.append(f"{region}: {key}: source gives no value; recorded as missing")
    return out


def apply_fixes(source, fixes):
    for region, keys, replacement, why in FIXES:
        entry = source.get(region)
        for key in keys:
            if entry is None or key not in entry:
                sys.exit(f"gen-regions: the fix for {region}.{key} no longer matches the source; review FIXES")
            was = [v.strip() for v in entry[key] if isinstance(v, str) and v.strip()]
            if not was or was == replacement:
                sys.exit(f"gen-regions: {region}.{key} needs no fix any more; review FIXES")
            entry[key] = list(replacement)
        now = ", ".join(replacement) if replacement else "missing"
        fixes.append(f"{region}: {', '.join(keys)}: {now}, not the source's values: {why}")


def check_relays(regions):
    """A relay IP must belong to one relay: two regions that list it must share a relay FQDN."""
    seen = {}
    for name, fields in regions:
        for ip in fields["scc_relay_ips"]:
            relays = set(fields["scc_relay_fqdns"])
            for other, other_relays in seen.get(ip, []):
                if not relays & other_relays:
                    sys.exit(
                        f"gen-regions: relay IP {ip} is listed for {other} ({sorted(other_relays)}) and {name} "
                        f"({sorted(relays)}), which share no relay; add a fix to FIXES"
                    )
            seen.setdefault(ip, []).append((name, relays))


def convert(listed, source):
    fixes = []
    names = [r["name"] for r in listed]
    unknown = sorted(set(source) - set(names))
    if unknown:
        sys.exit(f"gen-regions: regions in the endpoint file but not on Microsoft's list: {unknown}")
    apply_fixes(source, fixes)
    fixed = {(region, key) for region, keys, _, _ in FIXES for key in keys}
    known = {k for k, _, _ in FIELDS}
    regions = []
    for meta in sorted(listed, key=lambda r: r["name"]):
        region = meta["name"]
        entry = source.get(region)
        if entry is None:
            fixes.append(f"{region}: not in the endpoint source; every value recorded as missing")
            fields = {field: [] for _, field, _ in FIELDS}
        else:
            entry = dict(entry)
            for key in list(entry):
                if key.strip() == "":
                    if LOG_KEY in entry:
                        sys.exit(f"gen-regions: {region}: blank key and {LOG_KEY} both present")
                    fixes.append(f"{region}: log storage sat under the blank key {key!r}; moved to {LOG_KEY}")
                    entry[LOG_KEY] = entry.pop(key)
                elif key not in known:
                    sys.exit(f"gen-regions: {region}: unknown key {key!r}")
            fields = {}
            for key, field, kind in FIELDS:
                if key not in entry:
                    sys.exit(f"gen-regions: {region}: no {key}")
                fields[field] = clean(region, key, kind, entry[key], fixes, fixed)
        hosted = {}
        for field, name in HOSTED:
            hosts = []
            for fqdn in fields[field]:
                host = region_of_host(fqdn, names)
                if host not in hosts:
                    hosts.append(host)
            hosted[name] = hosts
        regions.append((region, fields, hosted, meta))
    check_relays([(name, fields) for name, fields, _, _ in regions])
    clouds = {name: meta["cloud"] for name, _, _, meta in regions}
    for name, _, hosted, meta in regions:
        for hosts in hosted.values():
            for host in hosts:
                if clouds[host] != meta["cloud"]:
                    sys.exit(f"gen-regions: {name} has an endpoint in {host}, another cloud")
    return regions, fixes


def rust_str(value):
    return json.dumps(value)  # a JSON string literal of ASCII text is a valid Rust string literal


def rust_values(values):
    if not values:
        return "Missing"
    return "Listed(&[" + ", ".join(rust_str(v) for v in values) + "])"


def rust_option(value):
    return "None" if value is None else f"Some({rust_str(value)})"


def write_rust(listing, regions, fixes):
    region_list = listing["regionList"]
    system_tables = listing["systemTables"]
    lines = [
        "// @generated by scripts/gen-regions.py; do not edit by hand. Regenerate with `python3 scripts/gen-regions.py`.",
        "//! The region catalog's data: every region on Microsoft's list, with the endpoints of the third-party source,",
        "//! corrections applied.",
        "",
        "use super::Values::{Listed, Missing};",
        "use super::{Cloud, Hosted, Region};",
        "",
        "/// Where the list of regions comes from: Microsoft's \"Azure Databricks regions\" page.",
        f"pub const REGION_LIST_SOURCE: &str = {rust_str(region_list['source'])};",
        "/// When that page was read.",
        f"pub const REGION_LIST_AS_OF: &str = {rust_str(region_list['read'])};",
        "/// Where the regions without system tables come from.",
        f"pub const SYSTEM_TABLES_REGIONS_SOURCE: &str = {rust_str(system_tables['sources'][0])};",
        "/// The date of the endpoint data (the third-party source file's last change).",
        f"pub const AS_OF: &str = {rust_str(ENDPOINTS_AS_OF)};",
        "/// Where the endpoint data comes from.",
        f"pub const SOURCE: &str = {rust_str(ENDPOINTS_SOURCE)};",
        "/// The official page to check the endpoint values against.",
        f"pub const OFFICIAL_PAGE: &str = {rust_str(OFFICIAL_PAGE)};",
        "",
        "/// What the conversion corrected in the endpoint source, one line per change.",
        "pub const SOURCE_CORRECTIONS: &[&str] = &[",
    ]
    lines += [f"    {rust_str(f)}," for f in fixes]
    lines += ["];", "", f"pub(super) static REGIONS: [Region; {len(regions)}] = ["]
    for name, fields, hosted, meta in regions:
        public = meta["cloud"] == "public"
        lines.append("    Region {")
        lines.append(f"        name: {rust_str(name)},")
        lines.append(f"        display_name: {rust_str(meta['displayName'])},")
        lines.append(f"        databricks_code: {rust_option(meta.get('databricksCode'))},")
        lines.append(f"        cloud: Cloud::{CLOUDS[meta['cloud']]},")
        lines.append(f"        system_tables: {'true' if meta['systemTables'] else 'false'},")
        tag_region = meta["displayName"].replace(" ", "") if public else None
        lines.append(f"        service_tag_region: {rust_option(tag_region)},")
        lines.append(f"        note: {rust_option(meta.get('note'))},")
        for _, field, _ in FIELDS:
            lines.append(f"        {field}: {rust_values(fields[field])},")
        lines.append("        hosted_in: Hosted {")
        for _, key in HOSTED:
            lines.append(f"            {key}: {rust_values(hosted[key])},")
        lines.append("        },")
        lines.append("    },")
    lines.append("];")
    os.makedirs(os.path.dirname(DATA_RS), exist_ok=True)
    with open(DATA_RS, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    # Format as `cargo fmt` would, so that regenerating unchanged data changes no byte.
    config = os.path.join(ROOT, "rustfmt.toml")
    subprocess.run(["rustfmt", "--edition", "2021", "--config-path", config, DATA_RS], check=True)


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT_ENDPOINTS
    with open(REGION_LIST, encoding="utf-8") as fh:
        listing = json.load(fh)
    with open(path, encoding="utf-8") as fh:
        source = json.load(fh)
    if not isinstance(source, dict):
        sys.exit("gen-regions: the endpoint source is not a JSON object of regions")
    regions, fixes = convert(listing["regions"], source)
    write_rust(listing, regions, fixes)
    print(f"gen-regions: {len(regions)} regions, {len(fixes)} corrections")
    for f in fixes:
        print(f"  {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
