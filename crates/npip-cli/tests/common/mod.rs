//! Helpers shared by the command-line tests: run the `npip` binary, read its output, find example plans.
#![allow(dead_code)] // each test file uses a different subset

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub const NPIP: &str = env!("CARGO_BIN_EXE_npip");
pub const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

pub fn npip(args: &[&str]) -> Output {
    Command::new(NPIP).args(args).output().unwrap()
}

pub fn npip_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(NPIP)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The child may stop reading early (a too-large input); a broken pipe here is expected then.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

pub fn example(name: &str) -> String {
    format!("{EXAMPLES}/{name}.json")
}
