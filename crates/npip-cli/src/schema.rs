//! `npip schema`

use super::{out, usage};
use std::process::ExitCode;

pub const HELP: &str = "\
Print the JSON Schema (draft-07) of the plan file.

Usage: npip schema

The schema is derived from the engine's plan model, so it always matches what `npip validate` reads. Editors such as
VS Code use it for completion and checking: add \"$schema\" to your editor's settings, not to the plan (the plan
format refuses unknown fields).
";

pub fn run(args: &[String]) -> ExitCode {
    if let Some(arg) = args.first() {
        return usage(&format!(
            "schema: unexpected argument `{arg}`; `npip schema` takes none"
        ));
    }
    out(&npip_core::plan::json_schema());
    ExitCode::SUCCESS
}
