//! The `npip` command line over the planner engine: a small dispatcher over one file per command.
//!
//! Conventions every command follows: results go to standard output, messages to standard error; exit code 0 means
//! success, 1 means the answer is "no" (a plan has errors, nothing fits), 2 means bad input or bad usage. A PLAN
//! argument of `-` reads standard input.

mod diagram;
mod emit;
mod example;
mod fill_vnet;
mod regions;
mod rules;
mod schema;
mod size;
mod validate;

use npip_core::plan::{read_plan_bytes, Plan, MAX_PLAN_BYTES};
use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
npip: plan Azure Databricks networking with secure cluster connectivity (No Public IP)

Usage: npip <COMMAND> [ARGS]

Commands:
  validate PLAN [--format text|json]   Check a plan against every rule
  rules [--format text|md|json]        List the rules (md is docs/rules.md)
  schema                               Print the JSON Schema of the plan file
  size --nodes N [--vnet CIDR] [--avoid CIDR]...
                                       Size the subnets for N nodes, or place them in a VNet
  example [NAME]                       Print an example plan, or list them
  emit arm|params|udr|firewall|all PLAN [--format md|csv|json] [-o FILE | --out-dir DIR]
                                       Write the ARM template, parameters file and checklists
  emit diagram|address-map PLAN [--compact] [--theme auto|light|dark] [-o FILE]
                                       Draw the network diagram or the address-space map (SVG)
  regions [--format text|json]         List the region catalog
  fill-vnet PLAN VNET_JSON [-o FILE]   Fill an existing-VNet plan from `az network vnet show` output

Options:
  -h, --help       Print help (also `npip help COMMAND` and `npip COMMAND --help`)
  -V, --version    Print the version

A PLAN of `-` reads standard input. Exit codes: 0 success, 1 errors found (or nothing fits), 2 bad input or usage.
";

/// One command: its name, its help text and what runs it.
struct Command {
    name: &'static str,
    help: &'static str,
    run: fn(&[String]) -> ExitCode,
}

const fn command(name: &'static str, help: &'static str, run: fn(&[String]) -> ExitCode) -> Command {
    Command { name, help, run }
}

/// Every command; another command is one line here plus its file.
const COMMANDS: &[Command] = &[
    command("validate", validate::HELP, validate::run),
    command("rules", rules::HELP, rules::run),
    command("schema", schema::HELP, schema::run),
    command("size", size::HELP, size::run),
    command("example", example::HELP, example::run),
    command("emit", emit::HELP, emit::run),
    command("regions", regions::HELP, regions::run),
    command("fill-vnet", fill_vnet::HELP, fill_vnet::run),
];

/// Reads the process arguments (refusing ones that are not UTF-8) and runs the command they name.
pub fn main() -> ExitCode {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                err(&format!(
                    "npip: argument {} is not valid UTF-8 text",
                    arg.to_string_lossy()
                ));
                return bad_input();
            }
        }
    }
    run(&args)
}

/// Runs `npip ARGS…` (without the program name).
pub fn run(args: &[String]) -> ExitCode {
    let Some(first) = args.first() else {
        err(HELP);
        return bad_input();
    };
    let rest = args.get(1..).unwrap_or_default();
    match first.as_str() {
        "-h" | "--help" => {
            out(HELP);
            ExitCode::SUCCESS
        }
        "-V" | "--version" => {
            out(&format!("npip {}\n", npip_core::VERSION));
            ExitCode::SUCCESS
        }
        "help" => match rest.first() {
            None => {
                out(HELP);
                ExitCode::SUCCESS
            }
            Some(name) => match COMMANDS.iter().find(|c| c.name == name) {
                Some(command) => {
                    out(command.help);
                    ExitCode::SUCCESS
                }
                None => usage(&format!("no command `{name}`; `npip --help` lists them")),
            },
        },
        name => match COMMANDS.iter().find(|c| c.name == name) {
            Some(command) if wants_help(rest) => {
                out(command.help);
                ExitCode::SUCCESS
            }
            Some(command) => (command.run)(rest),
            None => usage(&format!("no command `{name}`; `npip --help` lists them")),
        },
    }
}

/// Exit code 2: bad input or usage.
pub fn bad_input() -> ExitCode {
    ExitCode::from(2)
}

/// Exit code 1: the answer is "no" (errors found, nothing fits).
pub fn answer_no() -> ExitCode {
    ExitCode::from(1)
}

fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "-h" || a == "--help")
}

/// Writes a result to standard output. A closed pipe (`npip rules | head`) is not an error worth a panic.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Writes a message to standard error, ending it with a newline if it has none.
pub fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = stderr.write_all(b"\n");
    }
}

/// Reports a usage problem and returns the usage exit code.
pub fn usage(message: &str) -> ExitCode {
    err(&format!("npip: {message}"));
    bad_input()
}

/// The value of `--name VALUE` or `--name=VALUE` at `args[*i]`, advancing `i` past it; `None` if this argument is not
/// that option. A missing value is an error.
pub fn option_value(args: &[String], i: &mut usize, name: &str) -> Option<Result<String, String>> {
    let arg = args.get(*i)?;
    if let Some(value) = arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
        *i += 1;
        return Some(Ok(value.to_string()));
    }
    if arg != name {
        return None;
    }
    *i += 1;
    match args.get(*i) {
        Some(value) => {
            *i += 1;
            Some(Ok(value.clone()))
        }
        None => Some(Err(format!("{name} needs a value"))),
    }
}

/// Keeps the value of an option that takes one, refusing it a second time: which of two was meant cannot be known
/// (the plan reader refuses a repeated field for the same reason).
pub fn set_once<T>(slot: &mut Option<T>, option: &str, value: T) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{option} is given more than once; give it once"));
    }
    *slot = Some(value);
    Ok(())
}

/// An output format among `allowed`, from the text after `--format`.
pub fn parse_format<'a>(value: &str, allowed: &[&'a str]) -> Result<&'a str, String> {
    allowed
        .iter()
        .find(|f| **f == value)
        .copied()
        .ok_or_else(|| format!("--format must be one of {}, not `{value}`", allowed.join(", ")))
}

/// Reads a plan from a path, or from standard input for `-`, and explains any problem on standard error.
pub fn load_plan(command: &str, path: &str) -> Result<Plan, ExitCode> {
    let name = if path == "-" { "<stdin>" } else { path };
    let mut bytes = Vec::new();
    // One byte over the limit is enough to know the plan is too large, without reading a huge file whole.
    let limit = u64::try_from(MAX_PLAN_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    if let Err(error) = read {
        err(&format!("npip {command}: cannot read {name}: {error}"));
        return Err(bad_input());
    }
    read_plan_bytes(&bytes).map_err(|error| {
        err(&format!("npip {command}: {name}: {error}"));
        bad_input()
    })
}
