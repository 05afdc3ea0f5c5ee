#!/usr/bin/env python3
"""Convert the shared Databricks UDR region file into the engine's region catalog.

usage: scripts/gen-regions.py [SOURCE_JSON]

SOURCE_JSON defaults to ../shared/reference/regions/databricks-udr.json (microsoft/AzureTRE,
templates/workspace_services/databricks/databricks-udr.json, last changed 2025-12-16).

Writes crates/npip-core/src/regions/data.rs (Rust statics, no parsing at run time) and prints every correction it
made; the same list goes into the data as SOURCE_CORRECTIONS. docs/regions.md is generated from the catalog by a test
(UPDATE_GOLDEN=1 cargo test -p npip-core). Run this script again when the source changes and commit its output;
nothing downloads at build time.

Corrections, each reported:
  - an entry under a blank or whitespace key is the region's log storage (the only key the source ever leaves blank);
  - values are trimmed, FQDNs lower-cased (DNS is case-insensitive) and stripped of a trailing root dot;
  - bare IPv4 addresses get /32;
  - duplicates are dropped (first occurrence kept);
  - an empty list or a list of blank strings becomes an explicit gap ("missing"), never an empty list.
The script fails on anything else it does not understand: an unknown key, a malformed address or FQDN, a region
without a display name.
"""
import ipaddress
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
DEFAULT_SOURCE = os.path.normpath(os.path.join(ROOT, "..", "shared", "reference", "regions", "databricks-udr.json"))
DATA_RS = os.path.join(ROOT, "crates", "npip-core", "src", "regions", "data.rs")

AS_OF = "2025-12-16"
SOURCE = "microsoft/AzureTRE templates/workspace_services/databricks/databricks-udr.json (last changed 2025-12-16)"
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

# Azure's display names for the region codes (as the portal and `az account list-locations` show them).
DISPLAY_NAMES = {
    "australiacentral": "Australia Central",
    "australiacentral2": "Australia Central 2",
    "australiaeast": "Australia East",
    "australiasoutheast": "Australia Southeast",
    "brazilsouth": "Brazil South",
    "canadacentral": "Canada Central",
    "canadaeast": "Canada East",
    "centralindia": "Central India",
    "centralus": "Central US",
    "chinaeast2": "China East 2",
    "chinaeast3": "China East 3",
    "chinanorth2": "China North 2",
    "chinanorth3": "China North 3",
    "eastasia": "East Asia",
    "eastus": "East US",
    "eastus2": "East US 2",
    "eastus2euap": "East US 2 EUAP",
    "francecentral": "France Central",
    "germanywestcentral": "Germany West Central",
    "japaneast": "Japan East",
    "japanwest": "Japan West",
    "koreacentral": "Korea Central",
    "northcentralus": "North Central US",
    "northeurope": "North Europe",
    "norwayeast": "Norway East",
    "qatarcentral": "Qatar Central",
    "southafricanorth": "South Africa North",
    "southcentralus": "South Central US",
    "southeastasia": "Southeast Asia",
    "southindia": "South India",
    "swedencentral": "Sweden Central",
    "switzerlandnorth": "Switzerland North",
    "switzerlandwest": "Switzerland West",
    "uaenorth": "UAE North",
    "uksouth": "UK South",
    "ukwest": "UK West",
    "usgovarizona": "US Gov Arizona",
    "usgovvirginia": "US Gov Virginia",
    "westcentralus": "West Central US",
    "westeurope": "West Europe",
    "westindia": "West India",
    "westus": "West US",
    "westus2": "West US 2",
    "westus3": "West US 3",
}

FQDN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def cloud_of(region):
    if region.startswith("china"):
        return "China"
    if region.startswith("usgov"):
        return "UsGovernment"
    return "Public"


def clean(region, key, kind, values, fixes):
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
    if not out:
        fixes.append(f"{region}: {key}: source gives no value; recorded as missing")
    return out


def convert(source):
    regions = []
    fixes = []
    known = {k for k, _, _ in FIELDS}
    for region in sorted(source):
        entry = source[region]
        if region not in DISPLAY_NAMES:
            sys.exit(f"gen-regions: no display name for region '{region}'; add it to DISPLAY_NAMES")
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
            fields[field] = clean(region, key, kind, entry[key], fixes)
        regions.append((region, fields))
    return regions, fixes


def rust_str(value):
    return json.dumps(value)  # a JSON string literal of ASCII text is a valid Rust string literal


def rust_values(values):
    if not values:
        return "Missing"
    return "Listed(&[" + ", ".join(rust_str(v) for v in values) + "])"


def write_rust(regions, fixes):
    lines = [
        "// @generated by scripts/gen-regions.py; do not edit by hand. Regenerate with `python3 scripts/gen-regions.py`.",
        "//! The region catalog's data: every region of the source with its endpoints, corrections applied.",
        "",
        "use super::Values::{Listed, Missing};",
        "use super::{Cloud, Region};",
        "",
        "/// The date of the region data (the source file's last change).",
        f"pub const AS_OF: &str = {rust_str(AS_OF)};",
        "/// Where the region data comes from.",
        f"pub const SOURCE: &str = {rust_str(SOURCE)};",
        "/// The official page to check the values against.",
        f"pub const OFFICIAL_PAGE: &str = {rust_str(OFFICIAL_PAGE)};",
        "",
        "/// What the conversion corrected in the source, one line per change.",
        "pub const SOURCE_CORRECTIONS: &[&str] = &[",
    ]
    lines += [f"    {rust_str(f)}," for f in fixes]
    lines += ["];", "", f"pub(super) static REGIONS: [Region; {len(regions)}] = ["]
    for name, fields in regions:
        lines.append("    Region {")
        lines.append(f"        name: {rust_str(name)},")
        lines.append(f"        display_name: {rust_str(DISPLAY_NAMES[name])},")
        lines.append(f"        cloud: Cloud::{cloud_of(name)},")
        for _, field, _ in FIELDS:
            lines.append(f"        {field}: {rust_values(fields[field])},")
        lines.append("    },")
    lines.append("];")
    os.makedirs(os.path.dirname(DATA_RS), exist_ok=True)
    with open(DATA_RS, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    # Format as `cargo fmt` would, so that regenerating unchanged data changes no byte.
    config = os.path.join(ROOT, "rustfmt.toml")
    subprocess.run(["rustfmt", "--edition", "2021", "--config-path", config, DATA_RS], check=True)


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    with open(path, encoding="utf-8") as fh:
        source = json.load(fh)
    if not isinstance(source, dict):
        sys.exit("gen-regions: the source is not a JSON object of regions")
    regions, fixes = convert(source)
    write_rust(regions, fixes)
    print(f"gen-regions: {len(regions)} regions, {len(fixes)} corrections")
    for f in fixes:
        print(f"  {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
