//! The `npip` command line over the planner engine: clap reads the arguments, one file per command runs it.
//!
//! Conventions every command follows: results go to standard output, messages to standard error; exit code 0 means
//! success, 1 means the answer is "no" (a plan has errors, nothing fits), 2 means bad input or bad usage. A PLAN
//! argument of `-` reads standard input.

mod completions;
mod diagram;
mod emit;
mod example;
mod fill_vnet;
pub mod reference;
mod regions;
mod rules;
mod schema;
mod size;
mod terminal;
mod validate;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use npip_core::plan::{read_plan_bytes, Plan, MAX_PLAN_BYTES};
use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Plan Azure Databricks networking with secure cluster connectivity (No Public IP)
#[derive(Debug, Parser)]
#[command(
    name = "npip",
    version = npip_core::VERSION,
    arg_required_else_help = true,
    max_term_width = 100,
    after_help = "A PLAN of `-` reads standard input. Exit codes: 0 success, 1 errors found (or nothing fits), \
                  2 bad input or usage, or a result that could not be written."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Every command; another command is one variant here plus its file.
#[derive(Debug, Subcommand)]
enum Command {
    Validate(validate::Args),
    Rules(rules::Args),
    Schema(schema::Args),
    Size(size::Args),
    Example(example::Args),
    // `npip emit` alone is a usage error that lists what it can emit, rather than the whole help.
    #[command(subcommand, arg_required_else_help = false)]
    Emit(emit::What),
    Regions(regions::Args),
    FillVnet(fill_vnet::Args),
    Completions(completions::Args),
}

/// The definition of every command, argument and help text: what parses, `--help`, the shell completions and the
/// command reference in docs/cli.md all read it.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Reads the process arguments and runs the command they name.
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => run(cli).unwrap_or_else(|stopped| stopped),
        Err(error) if error.use_stderr() => {
            // A usage error, exit code 2. Standard error is where failures are told: if it fails, nothing can be.
            let _ = error.print();
            failed()
        }
        // Help and version: results like any other, on standard output with exit code 0, if they get there.
        Err(error) => match error.print().and_then(|()| std::io::stdout().flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(write_error) => stdout_failed(&write_error),
        },
    }
}

/// What a command gives: `Ok` with its exit code when it ran to the end, `Err` with exit code 1 or 2 when it stopped
/// early, its reason already on standard error. `?` stops a command at the first failure.
type Outcome = Result<ExitCode, ExitCode>;

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Size(args) => size::run(args),
        Command::Example(args) => example::run(args),
        Command::Emit(what) => emit::run(what),
        Command::Regions(args) => regions::run(args),
        Command::FillVnet(args) => fill_vnet::run(args),
        Command::Completions(args) => completions::run(args),
    }
}

/// `--format text|json`, for the commands that print either a report for people or JSON for tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    #[default]
    Text,
    Json,
}

/// `-o, --output FILE`: where a command that writes one file writes it.
#[derive(Debug, clap::Args)]
struct OutputFile {
    /// Write to FILE instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
}

/// Exit code 2: bad input or usage, or an output that could not be written.
fn failed() -> ExitCode {
    ExitCode::from(2)
}

/// Exit code 1: the answer is "no" (errors found, nothing fits).
fn answer_no() -> ExitCode {
    ExitCode::from(1)
}

/// Writes a result to standard output. A write that fails (a full disk, a closed pipe) stops the command with exit
/// code 2: it did not deliver its result. On a terminal, control characters are shown escaped (a plan's values reach
/// the emitted files as they are); into a pipe or a file the result is written byte for byte.
fn out(text: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    let text = if stdout.is_terminal() {
        terminal::lines_escaped(text)
    } else {
        Cow::Borrowed(text)
    };
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| stdout_failed(&error))
}

/// Reports a failed write to standard output and gives exit code 2. A closed pipe (`npip rules | head -1`) is the
/// reader's choice, not news: it ends the command without a message, as a pipeline expects.
fn stdout_failed(error: &std::io::Error) -> ExitCode {
    if error.kind() != std::io::ErrorKind::BrokenPipe {
        err(&format!("npip: cannot write to standard output: {error}"));
    }
    failed()
}

/// Writes a result to the file at `path` (replacing it), or reports on standard error why it could not.
fn write_file(command: &str, path: &Path, contents: &[u8]) -> Result<(), ExitCode> {
    std::fs::write(path, contents).map_err(|error| {
        err(&format!("npip {command}: cannot write {}: {error}", shown_path(path)));
        failed()
    })
}

/// Writes a message to standard error, ending it with a newline if it has none. Its control characters but the line
/// ends are shown escaped, whatever put them there; a value in a message is escaped whole where it is put in
/// (`terminal::escaped`), line ends too.
fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(terminal::lines_escaped(text).as_bytes());
    if !text.ends_with('\n') {
        let _ = stderr.write_all(b"\n");
    }
}

/// Reports a problem with the input that clap cannot see (a value the engine refuses) and gives exit code 2.
fn usage(message: &str) -> ExitCode {
    err(&format!("npip: {message}"));
    failed()
}

/// How a path given on the command line is named in messages: `-` is standard input.
fn input_name(path: &str) -> Cow<'_, str> {
    if path == "-" {
        Cow::Borrowed("<stdin>")
    } else {
        terminal::escaped(path)
    }
}

/// A path as messages and reports show it.
fn shown_path(path: &Path) -> String {
    terminal::escaped(&path.display().to_string()).into_owned()
}

/// Reads a plan from a path, or from standard input for `-`, and explains any problem on standard error.
fn load_plan(command: &str, path: &str) -> Result<Plan, ExitCode> {
    let name = input_name(path);
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
        return Err(failed());
    }
    read_plan_bytes(&bytes).map_err(|error| {
        err(&format!(
            "npip {command}: {name}: {}",
            terminal::escaped(&error.to_string())
        ));
        failed()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_consistent() {
        // clap's own checks: no two arguments with one name, every `requires` names an argument, and so on.
        command().debug_assert();
    }
}
