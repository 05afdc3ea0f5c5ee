//! Every share link made by an earlier release still opens, to the plan it was made from. The links in
//! `fixtures/share-links-v1/links.txt` were made by the release whose links start `1.` (its own compressor), one for
//! each example plan, one with non-ASCII text and escapes, one with 400 ranges to avoid; each is listed with the name
//! of the plan file beside it.

use npip_core::plan::read_plan;
use npip_core::share::decode_plan;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/share-links-v1");

#[test]
fn links_of_the_first_format_open_to_their_plans() {
    let list = std::fs::read_to_string(format!("{DIR}/links.txt")).unwrap();
    let mut opened = 0;
    for line in list.lines() {
        let (name, code) = line.split_once(' ').unwrap();
        let text = std::fs::read_to_string(format!("{DIR}/{name}.npip-plan.json")).unwrap();
        let expected = read_plan(&text).unwrap();
        assert!(code.starts_with("1."), "{name}");
        assert_eq!(decode_plan(code).unwrap(), expected, "{name}");
        opened += 1;
    }
    assert_eq!(opened, 9);
}
