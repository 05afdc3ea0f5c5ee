#![cfg(feature = "docs")]

//! Generated docs stay in step with the code: `docs/rules.md` is exactly `npip rules --format md`.
//! Run with `UPDATE_DOCS=1` to rewrite the file after changing a rule.

use npip_core::rules::docs::rules_markdown;

#[test]
fn rules_md_matches_the_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let generated = rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test -p npip-core --test docs` and commit it"
    );
}
