//! `npip emit` and `npip regions` as a person runs them: output, files, exit status.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn golden(example: &str, file: &str) -> String {
    // The engine's golden files: the command line writes exactly what the engine gives.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../npip-core/tests/golden")
        .join(example)
        .join(file);
    std::fs::read_to_string(path).unwrap()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npip-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn emit_arm_prints_the_template() {
    let out = npip(&["emit", "arm", &example("nat-gateway")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), golden("nat-gateway", "azuredeploy.json"));
}

#[test]
fn emit_checklists_in_each_format_to_a_file() {
    let dir = temp_dir("formats");
    std::fs::create_dir_all(&dir).unwrap();
    for (format, file) in [
        ("md", "firewall-checklist.md"),
        ("csv", "firewall-checklist.csv"),
        ("json", "firewall-checklist.json"),
    ] {
        let target = dir.join(file);
        let out = npip(&[
            "emit",
            "firewall",
            &example("firewall"),
            "--format",
            format,
            "-o",
            target.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), golden("firewall", file));
    }
    let out = npip(&["emit", "udr", &example("service-tag-routes"), "--format=csv", "--ips"]);
    assert_eq!(stdout(&out), golden("service-tag-routes", "ips/udr-checklist.csv"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn emit_all_into_one_archive_holds_the_same_files() {
    let dir = temp_dir("zip");
    std::fs::create_dir_all(&dir).unwrap();
    let archive = dir.join("firewall.zip");
    let out = npip(&["emit", "all", &example("firewall"), "--zip", archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("(8 files)"), "{}", stdout(&out));
    let text = std::fs::read_to_string(example("firewall")).unwrap();
    let plan = npip_core::read_plan(&text).unwrap();
    let artifacts = npip_core::emit::artifacts(&plan, &npip_core::emit::Options::default()).unwrap();
    for artifact in &artifacts {
        assert_eq!(
            artifact.contents,
            golden("firewall", &artifact.file_name),
            "{}",
            artifact.file_name
        );
    }
    let entries: Vec<(&str, &[u8])> = artifacts
        .iter()
        .map(|a| (a.file_name.as_str(), a.contents.as_bytes()))
        .collect();
    assert_eq!(std::fs::read(&archive).unwrap(), npip_core::zip::zip(&entries));
    let plan_path = example("firewall");
    // clap's wording since the move to clap (it was "not both", "--zip is for `emit all`" and "more than once").
    for (args, said) in [
        (
            vec!["emit", "all", &plan_path, "--zip", "a.zip", "--out-dir", "d"],
            "'--zip <FILE>' cannot be used with '--out-dir <DIR>'",
        ),
        (
            vec!["emit", "arm", &plan_path, "--zip", "a.zip"],
            "unexpected argument '--zip'",
        ),
        (
            vec!["emit", "all", &plan_path, "--zip", "a.zip", "--zip", "b.zip"],
            "'--zip <FILE>' cannot be used multiple times",
        ),
    ] {
        let refused = npip(&args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(stderr(&refused).contains(said), "{args:?}: {}", stderr(&refused));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn emit_all_writes_every_applicable_file() {
    let dir = temp_dir("all");
    let out = npip(&["emit", "all", &example("firewall"), "--out-dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "azuredeploy.json",
            "azuredeploy.parameters.json",
            "firewall-checklist.csv",
            "firewall-checklist.json",
            "firewall-checklist.md",
            "udr-checklist.csv",
            "udr-checklist.json",
            "udr-checklist.md"
        ]
    );
    for file in &written {
        assert_eq!(
            std::fs::read_to_string(dir.join(file)).unwrap(),
            golden("firewall", file),
            "{file}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_plan_with_errors_is_refused_and_nothing_is_written() {
    let dir = temp_dir("refused");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("bad.json");
    let text = std::fs::read_to_string(example("nat-gateway"))
        .unwrap()
        .replace("westeurope", "westeruope");
    std::fs::write(&plan, text).unwrap();
    let target = dir.join("out.json");
    let out = npip(&["emit", "arm", plan.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error NPIP-E901 workspace.region"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("westeurope (West Europe)"), "{}", stderr(&out));
    assert!(!target.exists());
    let out_dir = dir.join("all");
    let out = npip(&[
        "emit",
        "all",
        plan.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_status_2() {
    let dir = temp_dir("bad-input");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, " ".repeat(1024 * 1024 + 1)).unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec!["emit".into()],
        vec!["emit".into(), "pdf".into(), example("nat-gateway")],
        vec!["emit".into(), "arm".into()],
        vec![
            "emit".into(),
            "arm".into(),
            dir.join("missing.json").to_string_lossy().into_owned(),
        ],
        vec!["emit".into(), "arm".into(), broken.to_string_lossy().into_owned()],
        vec!["emit".into(), "arm".into(), big.to_string_lossy().into_owned()],
        vec![
            "emit".into(),
            "arm".into(),
            example("nat-gateway"),
            "--format".into(),
            "md".into(),
        ],
        vec![
            "emit".into(),
            "udr".into(),
            example("firewall"),
            "--format".into(),
            "xml".into(),
        ],
        vec!["emit".into(), "udr".into(), example("firewall"), "--bogus".into()],
        vec!["emit".into(), "all".into(), example("firewall")],
        vec![
            "emit".into(),
            "udr".into(),
            example("firewall"),
            "--out-dir".into(),
            "x".into(),
        ],
        vec!["regions".into(), "--format".into(), "yaml".into()],
        vec!["frobnicate".into()],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = npip(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        // The command's own messages start with its name, clap's usage errors with `error:`.
        assert!(
            stderr(&out).starts_with("npip") || stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_checklist_that_does_not_apply_says_so() {
    let out = npip(&["emit", "udr", &example("nat-gateway")]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("**Not applicable to this plan.**"));
    assert!(stderr(&out).contains("not applicable to this plan: Egress goes through the NAT gateway"));
    let dir = temp_dir("not-applicable");
    let out = npip(&[
        "emit",
        "all",
        &example("nat-gateway"),
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plan_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_npip"))
        .args(["emit", "params", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let plan = std::fs::read(example("load-balancer")).unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), &plan).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out), golden("load-balancer", "azuredeploy.parameters.json"));
}

#[test]
fn regions_lists_the_catalog() {
    let out = npip(&["regions"]);
    assert!(out.status.success());
    let text = stdout(&out);
    // Both inputs with their dates: Microsoft's region list and the third-party endpoint values.
    assert!(text.starts_with("45 Azure Databricks regions"), "{text}");
    assert!(
        text.contains("https://learn.microsoft.com/en-us/azure/databricks/resources/supported-regions"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-08") && text.contains("2025-12-16") && text.contains("AzureTRE"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("mexicocentral") && l.contains("no endpoint data")),
        "{text}"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("westeurope") && l.contains("West Europe")));
    assert!(text
        .lines()
        .any(|l| l.starts_with("qatarcentral") && l.contains("missing: Secure cluster connectivity relay IPs")));
    let out = npip(&["regions", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["regions"].as_array().unwrap().len(), 45);
    assert_eq!(json["regionList"]["asOf"], "2026-12-08");
    assert_eq!(json["endpoints"]["asOf"], "2025-12-16");
}

#[test]
fn the_design_record_is_written_for_any_plan_and_lists_what_the_checks_found() {
    let out = npip(&["emit", "record", &example("firewall")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), golden("firewall", "design-record.md"));
    assert!(stdout(&out).contains("| Egress | Firewall at 10.0.1.4 through route table adb-secure-weu-udr |"));
    assert!(stdout(&out).contains("- **NPIP-W306** (`egress.firewallPrivateIp`): The firewall 10.0.1.4 is outside"));

    // A plan with errors still gets its record, which lists the errors; the files it holds back are not written.
    let text = std::fs::read_to_string(example("nat-gateway")).unwrap();
    let broken = text
        .replace("\"peakNodes\": 1000", "\"peakNodes\": 0")
        .replace("\"name\": \"adb-prod-weu\"", "\"name\": \"adb|prod\"");
    let record = npip_stdin(&["emit", "record", "-"], broken.as_bytes());
    assert!(record.status.success(), "{}", stderr(&record));
    let record = stdout(&record);
    assert!(record.contains("The errors hold back the template"), "{record}");
    assert!(record.contains("2 errors, 0 warnings"), "{record}");
    assert!(
        record.contains("### Errors\n\n- **NPIP-E101** (`workspace.name`)"),
        "{record}"
    );
    assert!(
        record.contains("- **NPIP-E013** (`peakNodes`): Peak nodes is 0"),
        "{record}"
    );
    // A `|` in a value would end a table cell: it is escaped.
    assert!(record.contains("| Workspace | adb\\|prod |"), "{record}");
    assert_eq!(
        npip_stdin(&["emit", "arm", "-"], broken.as_bytes()).status.code(),
        Some(1)
    );
    let refused = npip(&["emit", "record", &example("firewall"), "--format", "csv"]);
    assert_eq!(refused.status.code(), Some(2));
    // clap's wording since the move to clap (it was "the design record is Markdown only"): record has no --format.
    assert!(
        stderr(&refused).contains("unexpected argument '--format'"),
        "{}",
        stderr(&refused)
    );
}
