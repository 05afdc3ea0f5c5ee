//! A plan as the rules judged it. [`super::check`] is the one way to make a [`Checked`] and [`Checked::valid`] the one
//! way to a [`Valid`], so whatever takes either holds findings of exactly that plan: the emitters write only a plan
//! without errors, and a caller that keeps the `Checked` (one per change) never validates it twice.

use super::region::unknown_region;
use crate::finding::{has_errors, Finding, Severity};
use crate::plan::Plan;
use crate::regions::{self, Region};
use crate::text::plural;
use std::fmt;

/// The plan's normalised copy ([`Plan::normalised`]: what the rules judge and the emitters and pictures draw from)
/// with its findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    plan: Plan,
    findings: Vec<Finding>,
}

impl Checked {
    /// Only `rules::check` pairs a plan with its findings.
    pub(super) fn new(plan: Plan, findings: Vec<Finding>) -> Checked {
        Checked { plan, findings }
    }

    /// The normalised plan the findings are about.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The findings, in `validate`'s order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The plan cleared for emitting, or the errors that hold it back. Validation rejects unknown regions already;
    /// the region is looked up here all the same, so the emitters stay safe should the rule set ever change.
    pub fn valid(&self) -> Result<Valid<'_>, Refused> {
        if has_errors(&self.findings) {
            let findings = self
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect();
            return Err(Refused { findings });
        }
        match regions::find(&self.plan.workspace.region) {
            Some(region) => Ok(Valid {
                plan: &self.plan,
                region,
                findings: &self.findings,
            }),
            None => Err(Refused {
                findings: vec![unknown_region(&self.plan.workspace.region)],
            }),
        }
    }
}

/// A checked plan without errors, in a region the catalog knows: what every emitter takes.
#[derive(Clone, Copy, Debug)]
pub struct Valid<'a> {
    plan: &'a Plan,
    region: &'static Region,
    findings: &'a [Finding],
}

impl<'a> Valid<'a> {
    /// The normalised plan.
    pub fn plan(&self) -> &'a Plan {
        self.plan
    }

    pub fn region(&self) -> &'static Region {
        self.region
    }

    /// Its warnings and notes (the checklists repeat some).
    pub fn findings(&self) -> &'a [Finding] {
        self.findings
    }
}

/// The plan has errors, so nothing is emitted. Holds the error findings (warnings and notes are left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the plan has {}", plural(self.findings.len(), "error", "errors"))?;
        for finding in &self.findings {
            write!(f, "; {} {}: {}", finding.code, finding.field.path(), finding.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}
