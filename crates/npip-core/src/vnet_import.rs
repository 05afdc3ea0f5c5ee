//! Fills an existing-VNet plan from the VNet as Azure describes it: the JSON that `az network vnet show` prints, or
//! the portal's JSON view of the VNet (the same values under `properties`).
//!
//! The VNet's ID and address prefixes go into the plan. Its other subnets and the address spaces of its peerings go
//! into the ranges to avoid, so the rules and the subnet suggestion keep the workspace subnets clear of them. Subnets
//! named like the plan's host and container subnets are taken as those subnets. Nothing here judges the result: the
//! rules check it as they check anything typed.

mod azure;

use crate::plan::{AvoidRange, Network, Plan, Vnet, MAX_ADDRESS_PREFIXES, MAX_AVOID_RANGES};
use crate::plural;
use crate::quote::shown;
use azure::{read_vnet, AzureSubnet, AzureVnet};
use std::collections::HashSet;

/// What filling a plan from a VNet changed, for the sentence the person reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VnetImport {
    pub vnet_name: String,
    pub prefixes: usize,
    /// Ranges of the VNet's other subnets added to the ranges to avoid (a range already listed is not added twice).
    pub subnet_ranges_added: usize,
    /// Address ranges of peered VNets added to the ranges to avoid.
    pub peered_ranges_added: usize,
    /// `(role, name, cidr)` of the plan's subnets that already exist in the VNet.
    pub subnets_taken: Vec<(&'static str, String, String)>,
    /// Subnets taken that already hold IP configurations (network interfaces, endpoints): `(name, count)`.
    pub subnets_in_use: Vec<(String, usize)>,
    /// Subnets taken that are delegated to another service: `(name, service)`. Both workspace subnets must be
    /// delegated to `Microsoft.Databricks/workspaces`.
    pub subnets_delegated_elsewhere: Vec<(String, String)>,
    /// IPv6 prefixes of subnets and peerings, which the ranges to avoid (IPv4) leave out.
    pub ipv6_skipped: usize,
    /// The region the plan had none of and now takes from the VNet.
    pub region_set: Option<String>,
    /// `(VNet's region, plan's region)` when they differ.
    pub region_mismatch: Option<(String, String)>,
}

/// The most bytes of pasted JSON the import reads: a VNet with Azure's 3,000 subnets and tens of thousands of
/// network interfaces listed prints a few megabytes.
pub const MAX_VNET_JSON_BYTES: usize = 32 * 1024 * 1024;

/// The service both workspace subnets are delegated to.
const DATABRICKS_DELEGATION: &str = "Microsoft.Databricks/workspaces";

/// Fills `plan` from the VNet described by `text`. On error the plan is unchanged and the message says what is
/// wrong with the text.
pub fn import_vnet(plan: &mut Plan, text: &str) -> Result<VnetImport, String> {
    if text.len() > MAX_VNET_JSON_BYTES {
        return Err(format!(
            "The pasted text is {:.1} MB, larger than 32 MB, the most a VNet's JSON is read here (a VNet with \
             Azure's 3,000 subnets prints a few megabytes). Paste the output of az network vnet show for one VNet.",
            text.len() as f64 / 1_048_576.0
        ));
    }
    let vnet = read_vnet(text)?;
    // Filled on a copy: the plan changes only when the whole fill can be saved and read back.
    let mut filled = plan.clone();
    let import = fill(&mut filled, vnet)?;
    if filled.avoid.len() > MAX_AVOID_RANGES {
        return Err(format!(
            "The plan would list {} ranges to avoid (the VNet's other subnets and peered ranges added to the {} it \
             had); a plan lists at most {MAX_AVOID_RANGES}.",
            filled.avoid.len(),
            plan.avoid.len()
        ));
    }
    if import.prefixes > MAX_ADDRESS_PREFIXES {
        return Err(format!(
            "The VNet lists {} address prefixes; a plan lists at most {MAX_ADDRESS_PREFIXES}.",
            import.prefixes
        ));
    }
    filled.check_saveable().map_err(|e| {
        format!(
            "Filling in from this VNet would give a plan the planner cannot save and read back ({}).",
            e.reason()
        )
    })?;
    *plan = filled;
    Ok(import)
}

/// Fills `plan` from `vnet`; the caller checks the result can be saved.
fn fill(plan: &mut Plan, vnet: AzureVnet) -> Result<VnetImport, String> {
    let Network::VnetInjection(injection) = &mut plan.network else {
        return Err("Choose VNet injection into an existing VNet first.".to_string());
    };
    let Vnet::Existing {
        resource_id,
        address_prefixes,
    } = &mut injection.vnet
    else {
        return Err("Choose VNet injection into an existing VNet first.".to_string());
    };
    *resource_id = vnet.id;
    *address_prefixes = vnet.prefixes.clone();
    let mut import = VnetImport {
        vnet_name: vnet.name,
        prefixes: vnet.prefixes.len(),
        ..VnetImport::default()
    };
    // (CIDR, label, from a peering)
    let mut ranges: Vec<(String, String, bool)> = Vec::new();
    let host_name = injection.host_subnet.name.trim().to_string();
    let container_name = injection.container_subnet.name.trim().to_string();
    for subnet in vnet.subnets {
        let AzureSubnet {
            name,
            prefixes,
            ip_configurations,
            delegations,
        } = subnet;
        let ipv4 = ipv4_only(prefixes, &mut import.ipv6_skipped);
        let role = if !host_name.is_empty() && name.eq_ignore_ascii_case(&host_name) {
            Some(("host", &mut injection.host_subnet))
        } else if !container_name.is_empty() && name.eq_ignore_ascii_case(&container_name) {
            Some(("container", &mut injection.container_subnet))
        } else {
            None
        };
        match (role, ipv4.first()) {
            (Some((role, subnet)), Some(cidr)) => {
                subnet.cidr = cidr.clone();
                import.subnets_taken.push((role, name.clone(), cidr.clone()));
                if ip_configurations > 0 {
                    import.subnets_in_use.push((name.clone(), ip_configurations));
                }
                for service in delegations {
                    if !service.eq_ignore_ascii_case(DATABRICKS_DELEGATION) {
                        import.subnets_delegated_elsewhere.push((name.clone(), service));
                    }
                }
            }
            _ => ranges.extend(ipv4.into_iter().map(|cidr| (cidr, format!("subnet {name}"), false))),
        }
    }
    for (label, prefixes) in vnet.peerings {
        let ipv4 = ipv4_only(prefixes, &mut import.ipv6_skipped);
        ranges.extend(ipv4.into_iter().map(|cidr| (cidr, format!("peered {label}"), true)));
    }
    // The ranges already avoided, to add each range once (a set: a VNet may have thousands of subnets).
    let mut avoided: HashSet<String> = plan.avoid.iter().map(|a| a.cidr.trim().to_string()).collect();
    for (cidr, label, peered) in ranges {
        if avoided.insert(cidr.clone()) {
            plan.avoid.push(AvoidRange { cidr, label });
            if peered {
                import.peered_ranges_added += 1;
            } else {
                import.subnet_ranges_added += 1;
            }
        }
    }
    // As the catalog writes it (`West Europe` is `westeurope`), when the catalog knows it.
    let location = crate::regions::all()
        .iter()
        .find(|r| crate::regions::normalise(r.name) == crate::regions::normalise(&vnet.location))
        .map_or(vnet.location, |r| r.name.to_string());
    let region = plan.workspace.region.trim();
    if !location.is_empty() {
        if region.is_empty() {
            plan.workspace.region = location.clone();
            import.region_set = Some(location);
        } else if crate::regions::normalise(region) != crate::regions::normalise(&location) {
            import.region_mismatch = Some((location, region.to_string()));
        }
    }
    Ok(import)
}

/// The IPv4 ranges of `prefixes`, counting the IPv6 ones it leaves out in `skipped`.
fn ipv4_only(prefixes: Vec<String>, skipped: &mut usize) -> Vec<String> {
    let (ipv4, ipv6): (Vec<String>, Vec<String>) = prefixes.into_iter().partition(|p| !p.contains(':'));
    *skipped += ipv6.len();
    ipv4
}

impl VnetImport {
    /// What changed, in a few sentences.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "Filled in from the VNet {}: its resource ID and {}.",
            shown(&self.vnet_name),
            plural(self.prefixes, "address prefix", "address prefixes")
        );
        let mut avoided = Vec::new();
        if self.subnet_ranges_added > 0 {
            avoided.push(plural(
                self.subnet_ranges_added,
                "range of its other subnets",
                "ranges of its other subnets",
            ));
        }
        if self.peered_ranges_added > 0 {
            avoided.push(plural(
                self.peered_ranges_added,
                "range of a peered VNet",
                "ranges of peered VNets",
            ));
        }
        if !avoided.is_empty() {
            s.push_str(&format!(" Added to the ranges to avoid: {}.", avoided.join(" and ")));
        }
        for (role, name, cidr) in &self.subnets_taken {
            s.push_str(&format!(
                " The VNet already has the {role} subnet {} ({}); the plan uses it.",
                shown(name),
                shown(cidr)
            ));
        }
        for (name, configurations) in &self.subnets_in_use {
            s.push_str(&format!(
                " Careful: {} already holds {}, and a workspace subnet must hold nothing else.",
                shown(name),
                plural(*configurations, "IP configuration", "IP configurations")
            ));
        }
        for (name, service) in &self.subnets_delegated_elsewhere {
            s.push_str(&format!(
                " Careful: {} is delegated to {}, and both workspace subnets must be delegated to \
                 {DATABRICKS_DELEGATION}.",
                shown(name),
                shown(service)
            ));
        }
        if self.ipv6_skipped > 0 {
            s.push_str(&format!(
                " {} left out: the ranges to avoid are IPv4.",
                plural(self.ipv6_skipped, "IPv6 range", "IPv6 ranges")
            ));
        }
        if let Some(region) = &self.region_set {
            s.push_str(&format!(" The workspace region is now {}, the VNet's.", shown(region)));
        }
        if let Some((vnet, plan)) = &self.region_mismatch {
            s.push_str(&format!(
                " The VNet is in {} but the workspace region is {}: they must be the same.",
                shown(vnet),
                shown(plan)
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests;
