//! A plan checked once (`rules::check`) emits and draws exactly what the functions that check it themselves do, and
//! only a plan without errors can be emitted.

use npip_core::diagram::{self, DiagramOptions};
use npip_core::emit::{self, Format, Options};
use npip_core::examples::{example, EXAMPLES};
use npip_core::plan::{read_plan, Network, Plan};
use npip_core::rules::{self, check};
use npip_core::Severity;

fn examples() -> Vec<(&'static str, Plan)> {
    EXAMPLES.iter().map(|e| (e.name, read_plan(e.text).unwrap())).collect()
}

#[test]
fn check_judges_the_normalised_copy_as_validate_does() {
    for (name, mut plan) in examples() {
        plan.workspace.name = format!(" {}\u{a0}", plan.workspace.name);
        let checked = check(&plan);
        assert_eq!(checked.plan(), &plan.normalised(), "{name}");
        assert_eq!(checked.findings(), rules::validate(&plan).as_slice(), "{name}");
    }
}

#[test]
fn emitting_a_checked_plan_gives_the_same_bytes() {
    for (name, plan) in examples() {
        let checked = check(&plan);
        let valid = checked.valid().unwrap();
        for ips in [false, true] {
            let options = Options { use_ip_addresses: ips };
            assert_eq!(
                emit::artifacts_for(valid, &options),
                emit::artifacts(&plan, &options).unwrap(),
                "{name}"
            );
            for format in Format::ALL {
                assert_eq!(
                    emit::udr_checklist_for(valid, &options).render(format),
                    emit::udr_checklist(&plan, &options).unwrap().render(format),
                    "{name}"
                );
                assert_eq!(
                    emit::firewall_checklist_for(valid, &options).render(format),
                    emit::firewall_checklist(&plan, &options).unwrap().render(format),
                    "{name}"
                );
            }
        }
        assert_eq!(
            emit::arm_template_for(valid),
            emit::arm_template(&plan).unwrap(),
            "{name}"
        );
        assert_eq!(
            emit::parameters_file_for(valid),
            emit::parameters_file(&plan).unwrap(),
            "{name}"
        );
        assert_eq!(emit::design_record_for(&checked), emit::design_record(&plan), "{name}");
    }
}

#[test]
fn drawing_a_checked_plan_gives_the_same_pictures() {
    for (name, mut plan) in examples() {
        // With findings to mark, and padding the normalised copy drops.
        plan.peak_nodes = 0;
        plan.workspace.region = format!("{} ", plan.workspace.region);
        let checked = check(&plan);
        let findings = rules::validate(&plan);
        for options in [DiagramOptions::default(), DiagramOptions::compact()] {
            assert_eq!(
                diagram::network_svg_for(&checked, &options),
                diagram::network_svg(&plan, &findings, &options),
                "{name}"
            );
            assert_eq!(
                diagram::address_map_svg_for(&checked, &options),
                diagram::address_map_svg(&plan, &findings, &options),
                "{name}"
            );
        }
    }
}

#[test]
fn a_plan_with_errors_is_refused_with_its_errors_only() {
    let mut plan = read_plan(example("nat-gateway").unwrap().text).unwrap();
    plan.peak_nodes = 0;
    if let Network::VnetInjection(injection) = &mut plan.network {
        injection.host_subnet.cidr = "10.0.0.0/33".into();
    }
    let checked = check(&plan);
    let refused = checked.valid().unwrap_err();
    let errors: Vec<_> = checked
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .cloned()
        .collect();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(
        checked.findings().len() > errors.len(),
        "warnings and notes stay out of the refusal"
    );
    assert_eq!(refused.findings, errors);
    assert_eq!(emit::arm_template(&plan).unwrap_err(), refused);
    assert!(refused
        .to_string()
        .starts_with(&format!("the plan has {} errors; ", errors.len())));
    // The record is written for a plan with errors too, and lists them.
    assert!(emit::design_record_for(&checked).contains(&format!("{} errors", errors.len())));
}

#[test]
fn an_unknown_region_is_refused() {
    let mut plan = read_plan(example("nat-gateway").unwrap().text).unwrap();
    plan.workspace.region = "atlantis".into();
    let refused = check(&plan).valid().unwrap_err();
    assert_eq!(refused.findings.len(), 1);
    assert_eq!(refused.findings[0].code, "NPIP-E901");
}
