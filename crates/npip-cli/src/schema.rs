//! `npip schema`

use crate::{out, Outcome};
use std::process::ExitCode;

/// Print the JSON Schema (draft-07) of the plan file
///
/// The schema is derived from the engine's plan model, so it always matches what `npip validate` reads. Editors such
/// as VS Code use it for completion and checking: add "$schema" to your editor's settings, not to the plan (the plan
/// format refuses unknown fields).
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_: Args) -> Outcome {
    out(&npip_core::plan::json_schema())?;
    Ok(ExitCode::SUCCESS)
}
