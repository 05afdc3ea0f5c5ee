//! What the person takes away: the ARM template and its parameters file, the UDR checklist and the firewall
//! checklist, the design record, and the commands that deploy the template.
//!
//! Only a valid plan is emitted: every emitter writes from a [`Valid`] plan, which only [`rules::check`] and
//! [`rules::Checked::valid`] make, so the rules have judged the plan and found no error ([`Refused`] carries them
//! when they did). The `_for` functions take a plan checked already, for a caller that keeps its check (one per
//! change); the others check the plan themselves. Output is deterministic: the same plan gives the same bytes.
//!
//! | Function | File | Applies to |
//! |---|---|---|
//! | [`arm_template`] | `azuredeploy.json` | every plan |
//! | [`parameters_file`] | `azuredeploy.parameters.json` | every plan |
//! | [`udr_checklist`] | `udr-checklist.{md,csv,json}` | VNet injection with firewall or service-tag-route egress |
//! | [`firewall_checklist`] | `firewall-checklist.{md,csv,json}` | VNet injection with firewall egress |
//! | [`design_record`] | `design-record.md` | every plan, errors included (it lists them) |
//! | [`deploy_commands`] | (shown and in the record) | every plan |
//!
//! A checklist that does not apply comes back as [`Checklist::NotApplicable`] with the reason. [`artifacts`] gives
//! every file to deploy that applies, ready to write (validating once).

mod arm;
mod checklist;
mod deploy;
mod files;
mod markdown;
mod record;
mod render;

pub use crate::routes::{NextHopType, Route};
pub use crate::rules::Refused;
pub use arm::{
    arm_template, arm_template_for, parameters_file, parameters_file_for, ARM_PARAMETERS_SCHEMA, ARM_TEMPLATE_SCHEMA,
};
pub use checklist::{
    firewall_checklist, firewall_checklist_for, not_applicable, udr_checklist, udr_checklist_for, ApplicationRule,
    Checklist, ChecklistKind, DestinationKind, FirewallChecklist, Header, NetworkRule, NotApplicable, SubnetRef,
    UdrChecklist,
};
pub use deploy::{deploy_commands, DeployCommands};
pub use files::{Artifact, Format, Options, PARAMETERS_FILE_NAME, RECORD_FILE_NAME, TEMPLATE_FILE_NAME};
pub use record::{design_record, design_record_for, or_dash, summary_rows};

use crate::plan::Plan;
use crate::routes::route_set;
use crate::rules::{self, Valid};

/// Every artifact that applies to the plan, in a fixed order: template, parameters, then the UDR and firewall
/// checklists in Markdown, CSV and JSON where they apply. (The design record is a document about the plan, not a
/// file to deploy: [`design_record`] writes it.) The plan is validated once, and what the files share (the
/// parameters, the route set, each checklist) is worked out once for all of them.
pub fn artifacts(plan: &Plan, options: &Options) -> Result<Vec<Artifact>, Refused> {
    Ok(artifacts_for(rules::check(plan).valid()?, options))
}

/// [`artifacts`] for a plan checked already.
pub fn artifacts_for(valid: Valid, options: &Options) -> Vec<Artifact> {
    let (plan, region) = (valid.plan(), valid.region());
    let params = arm::params(plan);
    let tag_routes = route_set(plan, region, false);
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
        route_set(plan, region, true)
    } else {
        tag_routes
    };
    let firewall = checklist::firewall(plan, region, options, checklist_routes.as_ref());
    let udr = checklist::udr(plan, region, checklist_routes, valid.findings());
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
    out
}
