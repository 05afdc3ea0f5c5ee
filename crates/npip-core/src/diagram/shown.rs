//! How both pictures show a plan's values: a name or a placeholder, and the managed VNet's /16.

use crate::cidr::{Cidr, CidrError};
use crate::rules::MANAGED_DEFAULT_PREFIX;

/// A value as shown: trimmed, or `missing` when that leaves nothing.
pub(super) fn shown(value: &str, missing: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        missing.to_string()
    } else {
        value.to_string()
    }
}

/// A name as shown: trimmed, or a placeholder when empty.
pub(super) fn shown_name(name: &str) -> String {
    shown(name, "(no name)")
}

/// The managed VNet's range as drawn: the plan's first two octets (Azure's default when it gives none) and the /16
/// they name, or why they name none.
pub(super) struct ManagedPrefix<'a> {
    pub(super) two_octets: &'a str,
    /// Whether the plan sets the prefix (false: Azure's default).
    pub(super) custom: bool,
    pub(super) block: Result<Cidr, CidrError>,
}

impl ManagedPrefix<'_> {
    pub(super) fn of(address_prefix: Option<&str>) -> ManagedPrefix<'_> {
        let custom = address_prefix.map(str::trim).filter(|p| !p.is_empty());
        let two_octets = custom.unwrap_or(MANAGED_DEFAULT_PREFIX);
        let block = if two_octets.split('.').count() == 2 {
            format!("{two_octets}.0.0/16").parse()
        } else {
            Err(CidrError::BadAddress)
        };
        ManagedPrefix {
            two_octets,
            custom: custom.is_some(),
            block,
        }
    }
}
