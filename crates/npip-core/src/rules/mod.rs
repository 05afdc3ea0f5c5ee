//! The rule catalogue and `validate`. Each rule is defined once, here: its code, severity, title, remedy and source,
//! and the check that produces its findings. The UI, the CLI (`npip rules`) and `docs/rules.md` all read this list.

use crate::finding::{Field, Finding, Severity};
use crate::plan::Plan;

pub mod region;

/// One validation rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused: `NPIP-E…` errors, `NPIP-W…` warnings, `NPIP-I…` notes.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub title: &'static str,
    /// What to do when it fires.
    pub remedy: &'static str,
    /// Public source of the fact behind the rule.
    pub source: &'static str,
}

impl Rule {
    /// A finding of this rule about `field`, with a message about this plan's values.
    pub fn finding(&'static self, field: Field, message: impl Into<String>) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            field,
            message: message.into(),
            remedy: self.remedy,
            source: self.source,
        }
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[&region::UNKNOWN_REGION, &region::REGION_DATA_GAPS];

/// Checks a plan against every rule. Findings come in a stable order: by wizard step, field, severity, code.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(region::check(plan));
    findings
}
