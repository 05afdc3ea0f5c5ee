//! The address-space map in words: the `<desc>` screen readers read.

use super::layout::{Bar, NOT_TO_SCALE};
use super::model::{free_cidrs, Input, Kind};
use crate::diagram::marks::{severity_word, Marks};
use crate::text::thousands;

pub(super) fn describe(input: &Input, bars: &[Bar], marks: &Marks) -> String {
    let mut s = format!("Address map of the {} {}. ", input.model, input.vnet_name);
    if input.prefixes.is_empty() {
        s.push_str("The VNet has no address prefixes. ");
    }
    for Bar { section, .. } in bars {
        s.push_str(&format!(
            "Prefix {}, {} addresses: ",
            section.prefix,
            thousands(section.prefix.size())
        ));
        let parts: Vec<String> = section
            .pieces
            .iter()
            .map(|p| {
                let what = match (p.kind, p.cidr) {
                    (Kind::Free, _) => format!("free {}", free_cidrs(p.start, p.end)),
                    (_, Some(cidr)) => format!("{} {cidr}", p.noun),
                    (_, None) => p.noun.clone(),
                };
                format!("{what} ({} addresses)", thousands(p.size()))
            })
            .collect();
        s.push_str(&parts.join("; "));
        s.push_str(". ");
        if section.overlaps.is_empty() {
            s.push_str("No overlaps. ");
        }
        for overlap in &section.overlaps {
            s.push_str(&format!(
                "Overlap: {} share {} ({} addresses). ",
                overlap.nouns.join(" and "),
                free_cidrs(overlap.start, overlap.end),
                thousands(overlap.end.saturating_sub(overlap.start))
            ));
        }
    }
    let outside = input.outside();
    if !outside.is_empty() {
        let parts: Vec<String> = outside.iter().map(|r| format!("{} {}", r.noun, r.cidr)).collect();
        s.push_str(&format!("Outside the VNet address space: {}. ", parts.join("; ")));
    }
    for invalid in &input.invalid {
        s.push_str(&format!(
            "Not drawn: the {} \u{201c}{}\u{201d} {}. ",
            invalid.what, invalid.text, invalid.error
        ));
    }
    for prefix in &input.ipv6_prefixes {
        s.push_str(&format!(
            "Left aside: the IPv6 address space \u{201c}{}\u{201d} (the workspace subnets are IPv4). ",
            prefix.text
        ));
    }
    if input.avoid_not_drawn > 0 {
        s.push_str(&format!("{} more avoid ranges are not drawn. ", input.avoid_not_drawn));
    }
    if bars.iter().any(|bar| !bar.scale.to_scale) {
        s.push_str(NOT_TO_SCALE);
        s.push(' ');
    }
    if let Some(summary) = marks.summary() {
        s.push_str(&format!("Findings: {summary}."));
        for (element, mark) in marks.iter() {
            for line in &mark.lines {
                s.push_str(&format!(
                    " {} ({}): {line}.",
                    element.noun(),
                    severity_word(mark.severity).to_ascii_lowercase()
                ));
            }
        }
    }
    s.trim_end().to_string()
}
