//! Every share link made by an earlier release still opens, to the plan it was made from. Each list in
//! `fixtures/share-links/` holds links of one format, made by the release that wrote that format, each beside the name
//! of the plan file it opens to: one for each example plan, one with non-ASCII text and escapes, one with 400 ranges
//! to avoid. Format 1 (the first release's own compressor, no checksum) opens unverified; format 2 (a CRC-32 of the
//! plan, then the plan deflated by miniz_oxide) opens verified.

use npip_core::plan::read_plan;
use npip_core::share::decode_plan;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/share-links");

fn links_of(list: &str, tag: &str, verified: bool) {
    let list = std::fs::read_to_string(format!("{DIR}/{list}")).unwrap();
    let mut opened = 0;
    for line in list.lines() {
        let (name, code) = line.split_once(' ').unwrap();
        let text = std::fs::read_to_string(format!("{DIR}/{name}.npip-plan.json")).unwrap();
        let expected = read_plan(&text).unwrap();
        assert!(code.starts_with(tag), "{name}");
        let link = decode_plan(code).unwrap();
        assert_eq!(link.plan, expected, "{name}");
        assert_eq!(link.verified, verified, "{name}");
        opened += 1;
    }
    assert_eq!(opened, 9);
}

#[test]
fn links_of_the_first_format_open_to_their_plans_unverified() {
    links_of("format-1.txt", "1.", false);
}

#[test]
fn links_of_the_second_format_open_to_their_plans_verified() {
    links_of("format-2.txt", "2.", true);
}
