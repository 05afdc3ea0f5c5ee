//! `npip emit diagram PLAN` and `npip emit address-map PLAN`: the plan's pictures as SVG. The plan is validated first
//! so that findings are marked in the picture; unlike the template, a picture of a plan with errors is still drawn.

use crate::{load_plan, out, write_file, Outcome, OutputFile};
use clap::ValueEnum;
use npip_core::diagram::{DiagramOptions, DiagramSize, Theme};
use npip_core::{rules, Finding, Plan};
use std::path::Path;
use std::process::ExitCode;

type Draw = fn(&Plan, &[Finding], &DiagramOptions) -> String;

/// `emit diagram` and `emit address-map`.
#[derive(Debug, clap::Args)]
pub struct Picture {
    /// The plan file, or `-` for standard input
    plan: String,
    /// The small version
    #[arg(long)]
    compact: bool,
    /// Colours
    #[arg(long, value_enum, default_value_t)]
    theme: ThemeArg,
    #[command(flatten)]
    output: OutputFile,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum ThemeArg {
    /// Follows the reader's colour scheme
    #[default]
    Auto,
    Light,
    Dark,
}

impl Picture {
    fn options(&self) -> DiagramOptions {
        DiagramOptions {
            size: if self.compact {
                DiagramSize::Compact
            } else {
                DiagramSize::default()
            },
            theme: match self.theme {
                ThemeArg::Auto => Theme::Auto,
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            },
            ..DiagramOptions::default()
        }
    }
}

/// Draws the plan's picture with `draw`.
pub fn run(picture: &Picture, draw: Draw) -> Outcome {
    let plan = load_plan("emit", &picture.plan)?;
    let findings = rules::validate(&plan);
    let svg = draw(&plan, &findings, &picture.options());
    match &picture.output.output {
        Some(path) => write_file("emit", Path::new(path), svg.as_bytes())?,
        None => out(&svg)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::What;
    use crate::{Cli, Command};
    use clap::Parser;

    fn parse(args: &str) -> Result<Picture, String> {
        let words = ["npip", "emit", "diagram"].into_iter().chain(args.split_whitespace());
        match Cli::try_parse_from(words).map_err(|e| e.to_string())?.command {
            Command::Emit(What::Diagram(picture)) => Ok(picture),
            other => Err(format!("parsed as {other:?}")),
        }
    }

    #[test]
    fn reads_the_plan_output_and_options() {
        let picture = parse("plan.json -o out.svg --compact --theme dark").unwrap();
        assert_eq!(picture.plan, "plan.json");
        assert_eq!(picture.output.output.as_deref(), Some("out.svg"));
        assert_eq!(picture.options().size, DiagramSize::Compact);
        assert_eq!(picture.options().theme, Theme::Dark);
        let picture = parse("-").unwrap();
        assert_eq!((picture.plan.as_str(), picture.output.output.as_deref()), ("-", None));
        assert_eq!(picture.options(), DiagramOptions::default());
    }

    #[test]
    fn explains_bad_arguments() {
        assert!(parse("").unwrap_err().contains("<PLAN>"));
        assert!(parse("a.json -o")
            .unwrap_err()
            .contains("a value is required for '--output <FILE>'"));
        assert!(parse("a.json --theme blue").unwrap_err().contains("blue"));
        assert!(parse("a.json b.json").unwrap_err().contains("b.json"));
        assert!(parse("a.json --wide").unwrap_err().contains("--wide"));
    }
}
