//! What the person takes away: the ARM template and its parameters file, the UDR checklist and the firewall
//! checklist.
//!
//! Every function here first validates the plan and refuses one with errors ([`Refused`] carries the error findings),
//! so nothing is ever emitted from a plan the rules reject. Output is deterministic: the same plan gives the same
//! bytes.
//!
//! | Function | File | Applies to |
//! |---|---|---|
//! | [`arm_template`] | `azuredeploy.json` | every plan |
//! | [`parameters_file`] | `azuredeploy.parameters.json` | every plan |
//! | [`udr_checklist`] | `udr-checklist.{md,csv,json}` | VNet injection with firewall or service-tag-route egress |
//! | [`firewall_checklist`] | `firewall-checklist.{md,csv,json}` | VNet injection with firewall egress |
//!
//! A checklist that does not apply comes back as [`Checklist::NotApplicable`] with the reason. [`artifacts`] gives
//! every file that applies, ready to write (validating once).

mod arm;
mod checklist;
mod deploy;
mod files;
mod markdown;
mod record;
mod render;

pub use crate::routes::{NextHopType, Route};
pub use arm::{arm_template, parameters_file, ARM_PARAMETERS_SCHEMA, ARM_TEMPLATE_SCHEMA};
pub use checklist::{
    firewall_checklist, not_applicable, udr_checklist, ApplicationRule, Checklist, ChecklistKind, DestinationKind,
    FirewallChecklist, Header, NetworkRule, NotApplicable, SubnetRef, UdrChecklist,
};
pub use deploy::{deploy_commands, DeployCommands};
pub use files::{Artifact, Format, Options, PARAMETERS_FILE_NAME, RECORD_FILE_NAME, TEMPLATE_FILE_NAME};
pub use record::{design_record, or_dash, summary_rows};

use crate::finding::{has_errors, Finding, Severity};
use crate::plan::Plan;
use crate::regions::{self, Region};
use crate::routes;
use crate::rules;
use crate::text::plural;
use std::fmt;

/// The plan has errors, so nothing is emitted. Holds the error findings (warnings and notes are left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.findings.len();
        write!(f, "the plan has {}", plural(count, "error", "errors"))?;
        for finding in &self.findings {
            write!(f, "; {} {}: {}", finding.code, finding.field.path(), finding.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}

/// Every artifact that applies to the plan, in a fixed order: template, parameters, then the UDR and firewall
/// checklists in Markdown, CSV and JSON where they apply. (The design record is a document about the plan, not a
/// file to deploy: [`design_record`] writes it.) The plan is validated once, and what the files share (the
/// parameters, the route set, each checklist) is worked out once for all of them.
pub fn artifacts(plan: &Plan, options: &Options) -> Result<Vec<Artifact>, Refused> {
    let (plan, region, findings) = accept(plan)?;
    let plan = &plan;
    let params = arm::params(plan);
    let tag_routes = routes::route_set(plan, region, false);
    let mut out = Vec::with_capacity(8);
    out.push(Artifact {
        file_name: TEMPLATE_FILE_NAME.to_string(),
        contents: arm::template(plan, region, &params, tag_routes.as_ref()),
    });
    out.push(Artifact {
        file_name: PARAMETERS_FILE_NAME.to_string(),
        contents: arm::parameters(&params),
    });
    // The checklists write the region's IPs on request; otherwise their routes are the template's.
    let checklist_routes = if options.use_ip_addresses {
        routes::route_set(plan, region, true)
    } else {
        tag_routes
    };
    let firewall = checklist::firewall(plan, region, options, checklist_routes.as_ref());
    let udr = checklist::udr(plan, region, checklist_routes, &findings);
    for checklist in [udr, firewall] {
        if checklist.applies() {
            for format in Format::ALL {
                out.push(Artifact {
                    file_name: checklist.file_name(format),
                    contents: checklist.render(format),
                });
            }
        }
    }
    Ok(out)
}

/// The gate every emitter goes through: normalises the plan ([`Plan::normalised`]), validates that copy and finds its
/// region. The emitters write from the copy returned here, so they emit exactly what was validated; the findings
/// (warnings and notes only, by then) come along for the checklists that repeat one.
fn accept(plan: &Plan) -> Result<(Plan, &'static Region, Vec<Finding>), Refused> {
    let plan = plan.normalised();
    let findings = rules::validate_normalised(&plan);
    if has_errors(&findings) {
        let findings = findings.into_iter().filter(|f| f.severity == Severity::Error).collect();
        return Err(Refused { findings });
    }
    // Validation rejects unknown regions; this keeps the emitters safe should the rule set ever change.
    match regions::find(&plan.workspace.region) {
        Some(region) => Ok((plan, region, findings)),
        None => Err(Refused {
            findings: vec![rules::region::unknown_region(&plan.workspace.region)],
        }),
    }
}
