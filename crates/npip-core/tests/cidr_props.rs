//! Properties of the CIDR maths and of sizing, over arbitrary addresses, prefixes and avoid lists.

use npip_core::cidr::{Cidr, CidrError};
use npip_core::sizing::{nodes_for_prefix, size_for_nodes, suggest_subnets, SizingError, MAX_NODES};
use proptest::prelude::*;

fn block() -> impl Strategy<Value = Cidr> {
    (any::<u32>(), 0u8..=32).prop_map(|(address, prefix)| Cidr::containing(address, prefix))
}

/// `[first, end)` as numbers, to compare the bit maths with plain interval arithmetic.
fn span(c: Cidr) -> (u64, u64) {
    (u64::from(c.network()), c.end())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn print_parse_round_trip(c in block()) {
        prop_assert_eq!(c.to_string().parse::<Cidr>(), Ok(c));
    }

    #[test]
    fn host_bits_name_the_containing_block(address in any::<u32>(), prefix in 0u8..=32) {
        let text = format!("{}/{prefix}", npip_core::cidr::format_ipv4(address));
        let canonical = Cidr::containing(address, prefix);
        let parsed = text.parse::<Cidr>();
        if canonical.network() == address {
            prop_assert_eq!(parsed, Ok(canonical));
        } else {
            prop_assert_eq!(parsed, Err(CidrError::HostBitsSet { canonical }));
        }
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,40}") {
        let _ = text.parse::<Cidr>();
    }

    #[test]
    fn contains_and_overlaps_agree_with_intervals(a in block(), b in block(), address in any::<u32>()) {
        let ((a0, a1), (b0, b1)) = (span(a), span(b));
        prop_assert_eq!(a.contains(b), a0 <= b0 && b1 <= a1);
        prop_assert_eq!(a.overlaps(b), a0 < b1 && b0 < a1);
        prop_assert_eq!(a.overlaps(b), b.overlaps(a));
        if a.contains(b) { prop_assert!(a.overlaps(b)); }
        let x = u64::from(address);
        prop_assert_eq!(a.contains_address(address), a0 <= x && x < a1);
        prop_assert_eq!(a.size(), a1 - a0);
        prop_assert_eq!(u64::from(a.last()), a1 - 1);
    }

    #[test]
    fn split_gives_two_adjacent_halves(c in block()) {
        match c.split() {
            None => prop_assert_eq!(c.prefix(), 32),
            Some((low, high)) => {
                prop_assert!(c.contains(low) && c.contains(high));
                prop_assert!(!low.overlaps(high));
                prop_assert_eq!(low.end(), u64::from(high.network()));
                prop_assert_eq!(low.size() + high.size(), c.size());
                prop_assert_eq!(low.network(), c.network());
            }
        }
    }

    #[test]
    fn node_sizing_fits_and_is_minimal(nodes in 1u64..=MAX_NODES) {
        let s = size_for_nodes(nodes).unwrap();
        prop_assert!(s.capacity >= nodes);
        prop_assert_eq!(s.capacity, nodes_for_prefix(s.subnet_prefix));
        // One size smaller would not do, unless the size is already the /26 floor.
        prop_assert!(s.subnet_prefix == 26 || nodes_for_prefix(s.subnet_prefix + 1) < nodes);
        // The VNet holds both subnets and stays within /16–/24.
        prop_assert!(s.vnet_prefix < s.subnet_prefix && (16..=24).contains(&s.vnet_prefix));
    }

    #[test]
    fn suggestions_fit_are_clear_and_minimal(
        vnet_address in any::<u32>(),
        vnet_prefix in 16u8..=24,
        nodes in 1u64..3000,
        avoid_seeds in proptest::collection::vec((any::<u32>(), 16u8..=30), 0..24),
    ) {
        let vnet = Cidr::containing(vnet_address, vnet_prefix);
        // Avoid ranges near the VNet, so that they matter.
        let avoid: Vec<Cidr> = avoid_seeds
            .iter()
            .map(|(offset, prefix)| {
                let address = vnet.network().wrapping_add(offset % (vnet.size() as u32).saturating_mul(2).max(1));
                Cidr::containing(address, *prefix)
            })
            .collect();
        let wanted = size_for_nodes(nodes).unwrap().subnet_prefix;
        match suggest_subnets(vnet, nodes, &avoid) {
            Ok(s) => {
                for subnet in [s.host, s.container] {
                    prop_assert!(vnet.contains(subnet));
                    prop_assert_eq!(subnet.prefix(), wanted);
                    prop_assert!(avoid.iter().all(|a| !a.overlaps(subnet)));
                }
                prop_assert!(!s.host.overlaps(s.container));
                prop_assert!(s.capacity >= nodes);
            }
            Err(SizingError::VnetTooSmall { .. }) => prop_assert!(wanted <= vnet_prefix),
            Err(SizingError::NoRoom { subnet_prefix, .. }) => {
                // Brute force: fewer than two free aligned blocks of that size exist.
                let mut free = 0;
                let step = 1u64 << (32 - u32::from(subnet_prefix));
                let mut start = u64::from(vnet.network());
                while start < vnet.end() {
                    let candidate = Cidr::new(start as u32, subnet_prefix).unwrap();
                    if avoid.iter().all(|a| !a.overlaps(candidate)) { free += 1; }
                    start += step;
                }
                prop_assert!(free < 2, "{free} free blocks, but no room reported");
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}
