//! Golden files: every example's artifacts, byte for byte, under tests/golden/<example>/ (and tests/golden/<example>/ips/
//! for the `--ips` form of the checklists). Regenerate after an intended change with
//! `UPDATE_GOLDEN=1 cargo test -p npip-core --test golden` and review the diff.

use npip_core::emit::{self, Artifact, Options};
use npip_core::Plan;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let plan: Plan = npip_core::read_plan(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.push((name, plan));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Compares (or, with UPDATE_GOLDEN, writes) one directory of golden files; returns the mismatches.
fn check_dir(dir: &Path, artifacts: &[Artifact]) -> Vec<String> {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut problems = Vec::new();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.file_name.as_str()).collect();
    for artifact in artifacts {
        let path = dir.join(&artifact.file_name);
        if update {
            std::fs::write(&path, &artifact.contents).unwrap();
        } else {
            match std::fs::read_to_string(&path) {
                Ok(golden) if golden == artifact.contents => {}
                Ok(_) => problems.push(format!("{} differs", path.display())),
                Err(_) => problems.push(format!("{} is missing", path.display())),
            }
        }
    }
    // A golden file nothing produces any more is stale.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && !produced.contains(name.as_str()) {
                if update {
                    std::fs::remove_file(&path).unwrap();
                } else {
                    problems.push(format!("{} is stale", path.display()));
                }
            }
        }
    }
    problems
}

#[test]
fn every_example_matches_its_golden_files() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut problems = Vec::new();
    let examples = examples();
    assert_eq!(examples.len(), 7);
    for (name, plan) in &examples {
        let mut artifacts = emit::artifacts(plan, &Options::default()).unwrap_or_else(|r| panic!("{name}: {r}"));
        // The design record is not a deployment file, but its text is reviewed the same way.
        artifacts.push(Artifact {
            file_name: emit::RECORD_FILE_NAME.to_string(),
            contents: emit::design_record(plan),
        });
        problems.extend(check_dir(&golden.join(name), &artifacts));
        // The --ips form only differs for the checklists, so only they are kept.
        let with_ips = Options { use_ip_addresses: true };
        let checklists: Vec<Artifact> = emit::artifacts(plan, &with_ips)
            .unwrap()
            .into_iter()
            .filter(|a| a.file_name.contains("checklist"))
            .collect();
        let ips_dir = golden.join(name).join("ips");
        if checklists.is_empty() {
            assert!(
                !ips_dir.exists() || std::env::var_os("UPDATE_GOLDEN").is_some(),
                "{} is stale",
                ips_dir.display()
            );
            if ips_dir.exists() {
                std::fs::remove_dir_all(&ips_dir).unwrap();
            }
        } else {
            problems.extend(check_dir(&ips_dir, &checklists));
        }
    }
    assert!(
        problems.is_empty(),
        "golden files out of date (run UPDATE_GOLDEN=1 cargo test -p npip-core --test golden and review the diff):\n{}",
        problems.join("\n")
    );
}

#[test]
fn each_example_emits_the_artifacts_its_egress_needs() {
    let files = |plan: &Plan| -> Vec<String> {
        emit::artifacts(plan, &Options::default())
            .unwrap()
            .into_iter()
            .map(|a| a.file_name)
            .collect()
    };
    let base = ["azuredeploy.json", "azuredeploy.parameters.json"];
    let udr = ["udr-checklist.md", "udr-checklist.csv", "udr-checklist.json"];
    let firewall = [
        "firewall-checklist.md",
        "firewall-checklist.csv",
        "firewall-checklist.json",
    ];
    for (name, plan) in examples() {
        let expected: Vec<&str> = match name.as_str() {
            "firewall" => base.iter().chain(&udr).chain(&firewall).copied().collect(),
            "service-tag-routes" => base.iter().chain(&udr).copied().collect(),
            _ => base.to_vec(),
        };
        assert_eq!(files(&plan), expected, "{name}");
    }
}
