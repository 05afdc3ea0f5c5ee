//! `npip example [NAME]`

use crate::{out, usage, Outcome};
use clap::builder::PossibleValuesParser;
use npip_core::examples::{example, EXAMPLES};
use std::process::ExitCode;

/// Print an example plan to start from, or list them
///
/// `npip example NAME > plan.json` saves one; `npip example` lists them with what each shows.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The example to print; leave it out to list them
    #[arg(value_parser = PossibleValuesParser::new(EXAMPLES.iter().map(|e| e.name)))]
    name: Option<String>,
}

pub fn run(args: Args) -> Outcome {
    let Some(name) = args.name else {
        let width = EXAMPLES.iter().map(|e| e.name.len()).max().unwrap_or(0);
        let mut text = String::new();
        for e in EXAMPLES {
            text.push_str(&format!("{:<width$}  {}\n", e.name, e.summary));
        }
        out(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    match example(&name) {
        Some(e) => {
            out(e.text)?;
            Ok(ExitCode::SUCCESS)
        }
        // clap accepts only the examples' names; this is for a list and a lookup that disagree.
        None => Err(usage(&format!("example: no example `{name}`"))),
    }
}
