//! Plan files in and out: the one place the app reads plan text and writes the plan file.

use npip_core::plan::Plan;

/// The plan file's name when exported.
pub fn plan_file_name(plan: &Plan) -> String {
    let name = plan.workspace.name.trim();
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if safe.is_empty() {
        "npip-plan.json".to_string()
    } else {
        format!("{safe}.npip-plan.json")
    }
}

/// Reads a plan file (or a link's or a save's plan). The error is a sentence for the person: what is wrong and
/// where (line and column, or the field's path).
pub fn read_plan_text(text: &str) -> Result<Plan, String> {
    // Integration point: `npip_core::plan::read_plan` (size limit, line/column, field paths) once it lands.
    if text.len() > 1_048_576 {
        return Err("the file is larger than 1 MB, the most a plan file may be".to_string());
    }
    serde_json::from_str::<Plan>(text).map_err(|e| e.to_string())
}

/// The plan as the plan file: pretty JSON with a final newline, the form `npip` reads.
pub fn plan_file_text(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}
