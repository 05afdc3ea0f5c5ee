//! Engine benchmarks: `cargo bench -p npip-core --bench engine` (or `./x bench`) prints median and p95 per operation.

mod support;

use npip_core::cidr::Cidr;
use npip_core::diagram::{self, DiagramOptions};
use npip_core::emit::{self, Format, Options};
use npip_core::examples::example;
use npip_core::plan::{read_plan, AvoidRange, Plan};
use npip_core::rules::{check, validate};
use npip_core::sizing::suggest_subnets;
use npip_core::vnet_import::import_vnet;
use std::hint::black_box;
use std::time::Duration;
use support::{bench, bench_slow, target};

/// `count` distinct /28 ranges spread over the VNet, deterministic (a fixed linear congruential sequence), keeping
/// the top /20 free for the suggestion to find.
fn avoid_ranges(vnet: Cidr, count: usize) -> Vec<Cidr> {
    let mut state: u32 = 0x2545_f491;
    let blocks = (vnet.size() / 16) as u32;
    let mut ranges = Vec::with_capacity(count);
    while ranges.len() < count {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let block = (state >> 8) % blocks;
        if block >= blocks - 256 {
            continue;
        }
        ranges.push(Cidr::containing(vnet.network() + block * 16, 28));
    }
    ranges
}

/// A VNet's JSON as `az network vnet show` prints it, with `subnets` subnets.
fn vnet_json(subnets: usize) -> String {
    let items: Vec<String> = (0..subnets)
        .map(|i| {
            let cidr = Cidr::containing(0x0a00_0000 + (i as u32) * 16, 28);
            format!(
                r#"{{"name": "snet-{i}", "addressPrefix": "{cidr}", "ipConfigurations": [], "delegations": [],
                    "privateEndpointNetworkPolicies": "Disabled", "provisioningState": "Succeeded",
                    "type": "Microsoft.Network/virtualNetworks/subnets"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/big",
            "name": "big", "location": "westeurope", "type": "Microsoft.Network/virtualNetworks",
            "addressSpace": {{"addressPrefixes": ["10.0.0.0/8"]}}, "subnets": [{}]}}"#,
        items.join(",")
    )
}

fn example_plan(name: &str) -> Plan {
    read_plan(example(name).map(|e| e.text).unwrap_or_default()).expect("example reads")
}

fn main() {
    println!("npip-core engine benchmarks (release build)\n");
    let typical = example_plan("nat-gateway");
    let firewall = example_plan("firewall");
    let text = example("existing-vnet").map(|e| e.text).unwrap_or_default();

    bench("read_plan (existing-vnet example)", || read_plan(text));
    // An unknown region's finding names the closest regions, comparing the text with every region's names.
    let huge_region = format!("westeurope{}", "x".repeat(900_000));
    bench("regions::closest (a 900,000-character region)", || {
        npip_core::regions::closest(black_box(&huge_region), 3)
    });
    bench("validate (nat-gateway example)", || validate(&typical));
    bench("validate (firewall example)", || validate(&firewall));

    // Pasting a large VNet: `az network vnet show` output with this many subnets (each a /28 of 10.0.0.0/8).
    let existing = example_plan("existing-vnet");
    // Past the plan's 10,000 ranges to avoid, the import reads the VNet and refuses it.
    for subnets in [3_000, 9_000, 20_000, 50_000] {
        let pasted = vnet_json(subnets);
        let outcome = if subnets > npip_core::plan::MAX_AVOID_RANGES {
            "refused"
        } else {
            "filled"
        };
        bench_slow(
            &format!("import_vnet ({subnets} subnets, {} KB, {outcome})", pasted.len() / 1024),
            5,
            || {
                let mut plan = existing.clone();
                import_vnet(&mut plan, black_box(&pasted)).map(|_| plan.avoid.len())
            },
        );
    }

    let vnet: Cidr = "10.0.0.0/16".parse().expect("literal CIDR");
    let avoid = avoid_ranges(vnet, 10_000);
    let mut crowded = typical.clone();
    crowded.avoid = avoid_ranges("10.180.0.0/16".parse().expect("literal CIDR"), 10_000)
        .into_iter()
        .map(|c| AvoidRange {
            cidr: c.to_string(),
            label: String::new(),
        })
        .collect();
    bench("validate (nat-gateway, 10,000 avoid ranges)", || validate(&crowded));
    let suggest = bench("suggest_subnets (/16, 10,000 avoid ranges, 1000 nodes)", || {
        suggest_subnets(vnet, 1000, &avoid)
    });
    target("suggest with 10,000 avoid ranges", suggest, Duration::from_millis(2));

    // Emitters on the firewall example, the variant that emits the most.
    let options = Options::default();
    println!();
    bench("arm_template (firewall)", || emit::arm_template(black_box(&firewall)));
    bench("parameters_file (firewall)", || {
        emit::parameters_file(black_box(&firewall))
    });
    for format in Format::ALL {
        bench(
            &format!("udr_checklist + render {} (firewall)", format.extension()),
            || emit::udr_checklist(black_box(&firewall), &options).map(|c| c.render(format)),
        );
        bench(
            &format!("firewall_checklist + render {} (firewall)", format.extension()),
            || emit::firewall_checklist(black_box(&firewall), &options).map(|c| c.render(format)),
        );
    }
    bench("design_record (firewall)", || emit::design_record(black_box(&firewall)));
    // The issue's target is for a typical plan (a NAT gateway: template and parameters); the firewall plan, with
    // both checklists in three formats, is held to the same target as the heaviest case.
    let typical_total = bench("validate + emit every artifact (nat-gateway, 2 files)", || {
        emit::artifacts(black_box(&typical), &options)
    });
    let total = bench("validate + emit every artifact (firewall, 8 files)", || {
        emit::artifacts(black_box(&firewall), &options)
    });

    // What one change costs the app: the findings, then what is on screen. Checking once and handing the checked plan
    // on (the `_for` functions) against validating for the findings and again inside each emitter.
    println!();
    bench("live template: validate, arm_template (nat-gateway)", || {
        let findings = validate(black_box(&typical));
        (findings, emit::arm_template(&typical))
    });
    bench("live template: check, arm_template_for (nat-gateway)", || {
        let checked = check(black_box(&typical));
        let template = checked.valid().map(emit::arm_template_for);
        (template, checked)
    });
    let full = DiagramOptions::default();
    bench("review step: validate, every output (firewall)", || {
        let findings = validate(black_box(&firewall));
        (
            emit::artifacts(&firewall, &options),
            emit::design_record(&firewall),
            diagram::network_svg(&firewall, &findings, &full),
            diagram::address_map_svg(&firewall, &findings, &full),
            findings,
        )
    });
    bench("review step: check, every output from it (firewall)", || {
        let checked = check(black_box(&firewall));
        (
            checked.valid().map(|valid| emit::artifacts_for(valid, &options)),
            emit::design_record_for(&checked),
            diagram::network_svg_for(&checked, &full),
            diagram::address_map_svg_for(&checked, &full),
            checked.findings().len(),
        )
    });

    target(
        "validate + emit of every artifact, typical plan",
        typical_total,
        Duration::from_micros(50),
    );
    target(
        "validate + emit of every artifact, firewall plan",
        total,
        Duration::from_micros(50),
    );
}
