//! The plan reader: every way a file can be wrong gets a located, plain message, and no input makes it panic.

use npip_core::plan::{read_plan, read_plan_bytes, Plan, ReadErrorKind, MAX_PLAN_BYTES};
use proptest::prelude::*;

const NAT: &str = include_str!("../../../examples/nat-gateway.json");
const FIREWALL: &str = include_str!("../../../examples/firewall.json");
const MANAGED: &str = include_str!("../../../examples/managed-default.json");

fn error(text: &str) -> npip_core::ReadError {
    read_plan(text).unwrap_err()
}

#[test]
fn examples_read_and_round_trip_through_pretty_json() {
    for text in [NAT, FIREWALL] {
        let plan = read_plan(text).unwrap();
        let pretty = plan.to_json_pretty();
        assert!(pretty.ends_with("}\n") && pretty.contains("\n  \"workspace\": {\n"));
        assert_eq!(read_plan(&pretty).unwrap(), plan);
        assert_eq!(read_plan(&pretty).unwrap().to_json_pretty(), pretty);
    }
}

#[test]
fn malformed_json_says_line_and_column() {
    let e = error("{\n  \"version\": 1,\n  \"workspace\": {,\n}");
    assert_eq!(e.kind, ReadErrorKind::Syntax);
    assert_eq!((e.line, e.column), (Some(3), Some(17)));
    assert!(e.to_string().starts_with("line 3, column 17: "), "{e}");
    let e = error("");
    assert_eq!(e.kind, ReadErrorKind::Syntax);
    let e = error(&format!("{NAT} {{}}"));
    assert_eq!(e.kind, ReadErrorKind::Syntax);
    assert!(e.message.contains("trailing"), "{e}");
}

#[test]
fn wrong_types_unknown_and_missing_fields_name_the_path() {
    let cases = [
        (
            NAT.replace("\"peakNodes\": 1000", "\"peakNodes\": \"many\""),
            "peakNodes",
            "expected a whole number from 0 to 4294967295",
        ),
        (
            NAT.replace("\"cidr\": \"10.179.0.0/18\"", "\"cidr\": 18"),
            "network.hostSubnet.cidr",
            "expected a string",
        ),
        (
            NAT.replace("\"nsgName\"", "\"nsgNme\""),
            "network.nsgNme",
            "unknown field `nsgNme`",
        ),
        (
            NAT.replace("\"idleTimeoutMinutes\": 4", "\"idleTimeoutMinutes\": -1"),
            "egress.idleTimeoutMinutes",
            "-1",
        ),
        (
            NAT.replace("\"kind\": \"new\"", "\"kind\": \"fresh\""),
            "network.vnet.kind",
            "unknown value `fresh`, expected `new` or `existing`",
        ),
        (
            NAT.replace("\"label\": \"hub VNet\"", "\"label\": 1"),
            "avoid[0].label",
            "expected a string",
        ),
        (
            NAT.replace("\"region\": \"westeurope\",", ""),
            "workspace",
            "missing field `region`",
        ),
        (
            FIREWALL.replace("\"pypi.org\"", "null"),
            "egress.extraFqdns[0]",
            "expected a string",
        ),
        (
            NAT.replace("\"peakNodes\": 1000", "\"peakNodes\": 5000000000"),
            "peakNodes",
            "expected a whole number from 0 to 4294967295",
        ),
        // serde alone would read a struct from an array of its fields, and ignore members of a unit variant.
        (
            NAT.replace(
                "\"hostSubnet\": { \"name\": \"adb-host\", \"cidr\": \"10.179.0.0/18\" }",
                "\"hostSubnet\": [\"adb-host\", \"10.179.0.0/18\"]",
            ),
            "network.hostSubnet",
            "array",
        ),
        (
            MANAGED.replace(
                "\"type\": \"managedNatGateway\"",
                "\"type\": \"managedNatGateway\", \"natGatewayName\": \"n\"",
            ),
            "egress.natGatewayName",
            "takes no settings",
        ),
    ];
    for (text, path, says) in cases {
        let e = error(&text);
        assert_eq!(e.kind, ReadErrorKind::Shape, "{path}: {e}");
        assert_eq!(e.path.as_deref(), Some(path), "{e}");
        assert!(e.message.contains(says), "{path}: {e}");
        assert!(e.to_string().contains(&format!("at `{path}`")), "{e}");
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
    }
}

/// The line and column of a shape error are those of the value at fault (or, for an unknown field, its name; for a
/// missing one, the object that lacks it), so an editor's "go to line" lands on it.
#[test]
fn shape_errors_point_at_the_culprit() {
    let locate = |text: &str, needle: &str| {
        let at = text.find(needle).unwrap();
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (Some(line), Some(column))
    };
    let text = NAT.replace("\"cidr\": \"10.179.0.0/18\"", "\"cidr\": 18");
    let e = error(&text);
    assert_eq!((e.line, e.column), locate(&text, "18 }"), "{e}");
    let text = NAT.replace("\"nsgName\"", "\"nsgNme\"");
    assert_eq!((error(&text).line, error(&text).column), locate(&text, "\"nsgNme\""));
    let text = NAT.replace("\"kind\": \"new\"", "\"kind\": \"fresh\"");
    assert_eq!((error(&text).line, error(&text).column), locate(&text, "\"fresh\""));
    let text = NAT.replace("\"version\": 1", "\"version\": 2");
    assert_eq!((error(&text).line, error(&text).column), locate(&text, "2,"));
}

#[test]
fn repeated_fields_are_refused_not_silently_overwritten() {
    let text = NAT.replace("\"peakNodes\": 1000", "\"peakNodes\": 1000, \"peakNodes\": 10");
    let e = error(&text);
    assert_eq!(e.path.as_deref(), Some("peakNodes"));
    assert!(e.message.contains("duplicate field `peakNodes`"), "{e}");
}

#[test]
fn versions_other_than_1_are_refused_clearly() {
    let e = error(&NAT.replace("\"version\": 1", "\"version\": 2"));
    assert_eq!(e.kind, ReadErrorKind::Version);
    assert!(e.message.contains("made by a newer planner"), "{e}");
    // A newer plan is refused for its version, not for the fields this planner does not know.
    let newer = NAT.replace("\"version\": 1,", "\"version\": 7, \"futureField\": true,");
    assert_eq!(error(&newer).kind, ReadErrorKind::Version);
    let e = error(&NAT.replace("\"version\": 1", "\"version\": 0"));
    assert_eq!(e.kind, ReadErrorKind::Version);
    assert!(e.message.contains("does not exist"));
    let e = error(&NAT.replace("\"version\": 1,", ""));
    assert!(e.message.contains("missing field `version`"), "{e}");
}

#[test]
fn size_limit_and_encoding() {
    let padded = format!("{NAT}{}", " ".repeat(MAX_PLAN_BYTES - NAT.len()));
    assert!(read_plan(&padded).is_ok());
    let over = format!("{padded} ");
    assert_eq!(error(&over).kind, ReadErrorKind::TooLarge);
    assert!(error(&over).message.contains("1 MB"));
    let mut bytes = NAT.as_bytes().to_vec();
    bytes[40] = 0xff;
    assert_eq!(read_plan_bytes(&bytes).unwrap_err().kind, ReadErrorKind::NotText);
    let bom = format!("\u{feff}{NAT}");
    assert!(read_plan_bytes(bom.as_bytes()).is_ok());
}

/// Every text and list has a bound generous for any real plan (docs/plan-format.md and the schema give the same),
/// and a value past it is refused at its path, line and column, before any rule spends time on it.
#[test]
fn texts_and_lists_are_bounded_with_a_located_message() {
    use npip_core::plan::{
        MAX_ADDRESS_PREFIXES, MAX_AVOID_RANGES, MAX_CIDR_CHARS, MAX_EXTRA_FQDNS, MAX_NAME_CHARS, MAX_RESOURCE_ID_CHARS,
    };
    let existing = npip_core::examples::example("existing-vnet").unwrap().text;
    let texts = [
        (NAT, "\"adb-prod-weu\"", "workspace.name", MAX_NAME_CHARS),
        (NAT, "\"westeurope\"", "workspace.region", MAX_NAME_CHARS),
        (NAT, "\"10.179.0.0/18\"", "network.hostSubnet.cidr", MAX_CIDR_CHARS),
        (NAT, "\"adb-prod-weu-nsg\"", "network.nsgName", MAX_NAME_CHARS),
        (NAT, "\"10.179.0.0/16\"", "network.vnet.addressSpace", MAX_CIDR_CHARS),
        (NAT, "\"hub VNet\"", "avoid[0].label", MAX_NAME_CHARS),
        (NAT, "\"192.168.0.0/16\"", "avoid[1].cidr", MAX_CIDR_CHARS),
        (FIREWALL, "\"pypi.org\"", "egress.extraFqdns[0]", MAX_NAME_CHARS),
        (FIREWALL, "\"10.0.1.4\"", "egress.firewallPrivateIp", MAX_CIDR_CHARS),
        (existing, "\"10.50.0.0/16\"", "network.vnet.addressPrefixes[0]", MAX_CIDR_CHARS),
        (
            existing,
            "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke-network/providers/Microsoft.Network/virtualNetworks/spoke-vnet\"",
            "network.vnet.resourceId",
            MAX_RESOURCE_ID_CHARS,
        ),
    ];
    for (plan, value, path, max) in texts {
        assert!(plan.contains(value), "{value}");
        let at_bound = plan.replacen(value, &format!("\"{}\"", "é".repeat(max)), 1);
        assert!(read_plan(&at_bound).is_ok(), "{path}: {max} characters read");
        let over = plan.replacen(value, &format!("\"{}\"", "é".repeat(max + 1)), 1);
        let e = error(&over);
        assert_eq!((e.kind, e.path.as_deref()), (ReadErrorKind::Shape, Some(path)), "{e}");
        assert!(e.message.contains(&format!("at most {max} characters")), "{e}");
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
    }
    let many = |count: usize, item: &str| format!("[{}]", vec![item; count].join(","));
    let lists = [
        (
            NAT,
            "\"avoid\": [",
            "avoid",
            MAX_AVOID_RANGES,
            "{\"cidr\": \"10.0.0.0/24\"}",
        ),
        (
            FIREWALL,
            "\"extraFqdns\": [",
            "egress.extraFqdns",
            MAX_EXTRA_FQDNS,
            "\"pypi.org\"",
        ),
        (
            existing,
            "\"addressPrefixes\": [",
            "network.vnet.addressPrefixes",
            MAX_ADDRESS_PREFIXES,
            "\"10.50.0.0/16\"",
        ),
    ];
    for (plan, opening, path, max, item) in lists {
        let name = opening.split('"').nth(1).unwrap();
        let start = plan.find(opening).unwrap();
        let end = start + plan[start..].find(']').unwrap() + 1;
        let with = |count| format!("{}\"{name}\": {}{}", &plan[..start], many(count, item), &plan[end..]);
        assert!(read_plan(&with(max)).is_ok(), "{path}: {max} items read");
        let e = error(&with(max + 1));
        assert_eq!((e.kind, e.path.as_deref()), (ReadErrorKind::Shape, Some(path)), "{e}");
        assert!(e.message.contains(&format!("at most {max} items")), "{e}");
        assert!(e.line.is_some(), "{e}");
    }
}

/// Nesting is bounded by the plan's own shape: nothing is read deeper than a plan goes, and what is skipped on the
/// way (the first, syntax-only reading) is skipped in a loop, so no depth of nesting can exhaust the stack.
#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let depth = 100_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let as_workspace = NAT.replacen("\"workspace\": {", &format!("\"workspace\": {deep}, \"unused\": {{"), 1);
    let e = error(&as_workspace);
    assert_eq!(
        (e.kind, e.path.as_deref()),
        (ReadErrorKind::Shape, Some("workspace")),
        "{e}"
    );
    assert!(e.message.contains("expected an object, found an array"), "{e}");
    let e = error(&format!("{{\"version\": 1, \"futureField\": {deep}}}"));
    assert_eq!(e.path.as_deref(), Some("futureField"), "{e}");
    for text in [deep.clone(), "{\"a\":".repeat(depth), "[".repeat(depth)] {
        assert!(read_plan(&text).is_err());
    }
}

/// Small edits of a valid plan: the kinds of damage hand editing and truncation do.
fn mutated(text: &str, edits: Vec<(usize, u8, char)>) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, op, c) in edits {
        if chars.is_empty() {
            break;
        }
        let i = at % chars.len();
        match op % 3 {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(i, c),
            _ => chars[i] = c,
        }
    }
    chars.into_iter().collect()
}

fn check_reader(text: &str) {
    match read_plan(text) {
        Ok(plan) => {
            // Whatever reads must write back and read again to the same plan, and validate without panicking.
            let again: Plan = read_plan(&plan.to_json_pretty()).unwrap();
            assert_eq!(again, plan);
            let _ = npip_core::rules::validate(&plan);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_plan_bytes(&bytes);
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,512}") {
        check_reader(&text);
    }

    #[test]
    fn never_panics_on_mutated_plans(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), prop_oneof![
            Just('"'), Just('{'), Just('}'), Just(','), Just(':'), Just('1'), Just('-'), Just('/'), Just(' '),
            Just('x'), Just('\u{e9}'), Just('\u{1F600}'), Just('\\'), Just('['),
        ]), 1..6),
        which in 0usize..7,
    ) {
        let text = npip_core::examples::EXAMPLES[which % npip_core::examples::EXAMPLES.len()].text;
        check_reader(&mutated(text, edits));
    }
}
