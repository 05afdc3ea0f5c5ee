//! A write that fails is an error: exit code 2 and a message on standard error, never a success. Standard output is
//! /dev/full (every write fails: no space left); a file is /dev/full or a path under a regular file (which no one,
//! root included, can create).

mod common;

use common::*;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs npip with standard output on /dev/full.
fn npip_to_full(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    Command::new(NPIP)
        .args(args)
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npip-write-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_command_that_prints_fails_when_standard_output_cannot_be_written() {
    let dir = temp_dir("stdout");
    let firewall = example("firewall");
    let nat = example("nat-gateway");
    let vnet = dir.join("vnet.json");
    std::fs::write(
        &vnet,
        r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "name": "v",
            "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]}}"#,
    )
    .unwrap();
    let out_dir = dir.join("all");
    let zip = dir.join("all.zip");
    let (vnet, out_dir, zip) = (vnet.to_str().unwrap(), out_dir.to_str().unwrap(), zip.to_str().unwrap());
    for args in [
        vec!["validate", &firewall],
        vec!["validate", &firewall, "--format", "json"],
        vec!["rules"],
        vec!["rules", "--format", "md"],
        vec!["rules", "--format", "json"],
        vec!["schema"],
        vec!["size", "--nodes", "100"],
        vec!["size", "--nodes", "100", "--vnet", "10.0.0.0/16", "--format", "json"],
        vec!["example"],
        vec!["example", "firewall"],
        vec!["emit", "arm", &firewall],
        vec!["emit", "params", &firewall],
        vec!["emit", "udr", &firewall],
        vec!["emit", "firewall", &firewall, "--format", "csv"],
        vec!["emit", "udr", &nat],
        vec!["emit", "record", &firewall],
        vec!["emit", "diagram", &firewall],
        vec!["emit", "address-map", &firewall],
        vec!["emit", "all", &firewall, "--out-dir", out_dir],
        vec!["emit", "all", &firewall, "--zip", zip],
        vec!["regions"],
        vec!["regions", "--format", "json"],
        vec!["fill-vnet", &example("existing-vnet"), vnet],
        vec!["completions", "bash"],
        vec!["--help"],
        vec!["help", "size"],
        vec!["emit", "arm", "--help"],
        vec!["--version"],
    ] {
        let out = npip_to_full(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot write to standard output"),
            "{args:?}: {}",
            stderr(&out)
        );
        // fill-vnet's summary says the plan was filled: not when the plan went nowhere.
        assert!(!stderr(&out).contains("Filled in"), "{args:?}: {}", stderr(&out));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_plan_with_errors_whose_report_cannot_be_written_is_a_write_error() {
    // validate's exit 1 says "the plan has errors, here they are": the report was not delivered, so 2.
    let text = std::fs::read_to_string(example("nat-gateway")).unwrap();
    let broken = dir_with_plan("errors", &text.replace("\"peakNodes\": 1000", "\"peakNodes\": 0"));
    let out = npip_to_full(&["validate", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write to standard output"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(broken.parent().unwrap()).unwrap();
}

fn dir_with_plan(tag: &str, text: &str) -> PathBuf {
    let dir = temp_dir(tag);
    let plan = dir.join("plan.json");
    std::fs::write(&plan, text).unwrap();
    plan
}

#[test]
fn every_command_that_writes_a_file_fails_when_the_file_cannot_be_written() {
    let dir = temp_dir("files");
    // A regular file: nothing can be created under it, whoever runs the test.
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let under_file = blocker.join("out");
    let under_file = under_file.to_str().unwrap();
    let firewall = example("firewall");
    let vnet = dir.join("vnet.json");
    std::fs::write(
        &vnet,
        r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "name": "v",
            "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]}}"#,
    )
    .unwrap();
    let vnet = vnet.to_str().unwrap();
    let existing = example("existing-vnet");
    for target in [under_file, "/dev/full"] {
        for args in [
            vec!["emit", "arm", &firewall, "-o", target],
            vec!["emit", "params", &firewall, "--output", target],
            vec!["emit", "udr", &firewall, "-o", target],
            vec!["emit", "firewall", &firewall, "-o", target],
            vec!["emit", "record", &firewall, "-o", target],
            vec!["emit", "diagram", &firewall, "-o", target],
            vec!["emit", "address-map", &firewall, "-o", target],
            vec!["emit", "all", &firewall, "--zip", target],
            vec!["fill-vnet", &existing, vnet, "-o", target],
        ] {
            let out = npip(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains("cannot write"), "{args:?}: {}", stderr(&out));
            assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
            assert!(!stderr(&out).contains("Filled in"), "{args:?}: {}", stderr(&out));
        }
    }
    // emit all into a folder that cannot be made.
    let out = npip(&["emit", "all", &firewall, "--out-dir", under_file]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot create"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly_with_code_2() {
    // `npip rules | head -1`: the pipe closes; that is no news to print, but it is not a success either.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(NPIP)
        .args(["rules", "--format", "md"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}
