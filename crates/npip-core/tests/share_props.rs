//! Share links on generated plans and damaged links: a link is made only for a plan the planner can save and read
//! back, and opens to that plan; whatever a link opens to, the planner saves and reads back equal; nothing panics.

use npip_core::examples::EXAMPLES;
use npip_core::plan::{read_plan, AvoidRange, Plan};
use npip_core::share::{decode_plan, encode_plan, ShareError};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9./\\-]{0,12}",
        "\\PC{0,24}",
        "[a-z\n\t\u{1b}\"\\\\]{0,12}",
        // Around the bounds on a range (64 characters) and a name (256).
        (60usize..70).prop_map(|n| "c".repeat(n)),
        (250usize..260).prop_map(|n| "é".repeat(n)),
    ]
}

/// An example with its texts replaced and some ranges to avoid added.
fn plan() -> impl Strategy<Value = Plan> {
    (
        0..EXAMPLES.len(),
        proptest::collection::vec(text(), 4),
        proptest::collection::vec((text(), text()), 0..40),
    )
        .prop_map(|(which, texts, ranges)| {
            let mut plan = read_plan(EXAMPLES[which].text).unwrap();
            plan.workspace.name = texts[0].clone();
            plan.workspace.region = texts[1].clone();
            plan.workspace.managed_resource_group = Some(texts[2].clone()).filter(|t| !t.is_empty());
            plan.avoid
                .extend(ranges.into_iter().map(|(cidr, label)| AvoidRange { cidr, label }));
            if let Some(first) = plan.avoid.first_mut() {
                first.label = texts[3].clone();
            }
            plan
        })
}

/// Damage as links suffer it: characters changed, dropped, added, or the link cut short.
fn damaged(code: &str, edits: &[(usize, u8, u8)]) -> String {
    let mut bytes = code.as_bytes().to_vec();
    const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for &(at, op, c) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        let c = URL_SAFE[usize::from(c) % URL_SAFE.len()];
        match op % 4 {
            0 => bytes[at] = c,
            1 => {
                bytes.remove(at);
            }
            2 => bytes.insert(at, c),
            _ => bytes.truncate(at.max(2)),
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// The plan a link opens to.
fn opened(code: &str) -> Result<Plan, ShareError> {
    decode_plan(code).map(|opened| opened.plan)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn a_link_is_made_only_for_a_plan_that_reads_back_and_opens_to_it(plan in plan()) {
        match encode_plan(&plan) {
            Ok(code) => {
                prop_assert_eq!(opened(&code), Ok(plan.clone()));
                prop_assert_eq!(read_plan(&plan.to_json_pretty()), Ok(plan));
            }
            Err(ShareError::NotSaveable(_)) => prop_assert!(plan.check_saveable().is_err()),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    /// A link of the current format that was damaged opens to the plan it was made from or not at all: about one
    /// damaged link in 75 of the first format opened to a different plan without a word.
    #[test]
    fn a_damaged_link_never_opens_to_a_different_plan(
        which in 0..EXAMPLES.len(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let plan = read_plan(EXAMPLES[which].text).unwrap();
        let code = encode_plan(&plan).unwrap();
        if let Ok(opened) = opened(&damaged(&code, &edits)) {
            prop_assert_eq!(opened, plan);
        }
    }

    #[test]
    fn whatever_a_damaged_link_opens_to_reads_back(
        which in 0..EXAMPLES.len(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let plan = read_plan(EXAMPLES[which].text).unwrap();
        let code = encode_plan(&plan).unwrap();
        if let Ok(opened) = opened(&damaged(&code, &edits)) {
            prop_assert_eq!(read_plan(&opened.to_json_pretty()), Ok(opened));
        }
    }
}

#[test]
fn data_after_the_plan_is_refused() {
    for example in EXAMPLES {
        let code = encode_plan(&read_plan(example.text).unwrap()).unwrap();
        // Three zero bytes after the compressed plan, and one byte of garbage.
        for tail in ["AAAA", "_w"] {
            assert!(opened(&format!("{code}{tail}")).is_err(), "{}: {tail}", example.name);
        }
    }
}
