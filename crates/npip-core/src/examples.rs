//! The example plans shipped in `examples/`, one per variant, embedded so that `npip example NAME` and the app's
//! "start from an example" work offline.

/// An example plan: its name (the file name without `.json`), what it shows, and its text.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub name: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
}

/// Every example, in the order the docs list them.
pub static EXAMPLES: &[Example] = &[
    Example {
        name: "managed-default",
        summary: "Managed VNet with Azure's default range (10.139.0.0/16) and its managed NAT gateway",
        text: include_str!("../../../examples/managed-default.json"),
    },
    Example {
        name: "managed-custom-prefix",
        summary: "Managed VNet with a custom /16 and named NAT gateway and public IP",
        text: include_str!("../../../examples/managed-custom-prefix.json"),
    },
    Example {
        name: "nat-gateway",
        summary: "VNet injection into a new VNet, egress through a NAT gateway",
        text: include_str!("../../../examples/nat-gateway.json"),
    },
    Example {
        name: "load-balancer",
        summary: "VNet injection into a new VNet, egress through an outbound load balancer",
        text: include_str!("../../../examples/load-balancer.json"),
    },
    Example {
        name: "firewall",
        summary: "VNet injection into a new VNet, all traffic routed to a firewall in a peered hub",
        text: include_str!("../../../examples/firewall.json"),
    },
    Example {
        name: "existing-vnet",
        summary: "VNet injection into an existing VNet that has other subnets, egress through a NAT gateway",
        text: include_str!("../../../examples/existing-vnet.json"),
    },
    Example {
        name: "service-tag-routes",
        summary: "VNet injection into an existing VNet, service-tag routes only (next hop Internet)",
        text: include_str!("../../../examples/service-tag-routes.json"),
    },
];

/// The example with this name, if any.
pub fn example(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_examples_is_embedded_and_reads() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".json").map(String::from))
            .collect();
        files.sort();
        let mut embedded: Vec<String> = EXAMPLES.iter().map(|e| e.name.to_string()).collect();
        embedded.sort();
        assert_eq!(files, embedded);
        for e in EXAMPLES {
            let on_disk = std::fs::read_to_string(format!("{dir}/{}.json", e.name)).unwrap();
            assert_eq!(on_disk, e.text);
            crate::plan::read_plan(e.text).unwrap();
        }
        assert_eq!(example("firewall").map(|e| e.name), Some("firewall"));
        assert!(example("nope").is_none());
    }
}
