//! Plan files in and out: the one place the app reads plan text and writes the plan file.

use npip_core::plan::Plan;

/// Reads a plan file (or a link's or a save's plan). The error is a sentence for the person: what is wrong and
/// where (line and column, or the field's path), from the engine's plan reader.
pub fn read_plan_text(text: &str) -> Result<Plan, String> {
    npip_core::read_plan(text).map_err(|e| e.to_string())
}

/// The plan as the plan file: pretty JSON with a final newline, the form `npip` reads.
pub fn plan_file_text(plan: &Plan) -> String {
    plan.to_json_pretty()
}
