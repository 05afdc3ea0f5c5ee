//! How findings name values in their messages.

use crate::finding::Field;
use crate::plan::Plan;
use crate::quote::shown;

/// "The workspace name `x`" for the start of a message; without the quotes when the name is empty, so that an
/// empty name reads "The workspace name is empty" rather than showing an empty pair of backticks.
pub(crate) fn named(what: &str, name: &str) -> String {
    if name.is_empty() {
        what.to_string()
    } else {
        format!("{what} `{}`", shown(name))
    }
}

/// A character for a message, named when it cannot be seen: "a space", "a non-breaking space (U+00A0)", "the
/// invisible character U+200B", or the character itself in backticks.
pub(crate) fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_string(),
        c if c.is_whitespace() => format!("the space character U+{:04X}", u32::from(c)),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        // Zero-width and other format characters that editors and web pages slip into copied text.
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        c => format!("`{c}`"),
    }
}

/// ` (it contains the invisible character U+200B)` for a value holding a character that does not show or looks like
/// another (anything but printable ASCII), so that a message about a value that looks right says why it is not.
pub(crate) fn odd_character_note(text: &str) -> String {
    match text.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
        Some(c) => format!(" (it contains {})", describe(c)),
        None => String::new(),
    }
}

/// What a CIDR field is called in messages: "Host subnet", "Avoid range 3 (hub VNet)". Made only for findings, so
/// that a plan with thousands of ranges to avoid costs no formatting when they are fine.
pub(crate) fn cidr_field_name(plan: &Plan, field: Field) -> String {
    let item = || field.item_label().unwrap_or_else(|| field.path());
    match field {
        Field::VnetAddressSpace => "VNet address space".to_string(),
        Field::HostSubnetCidr => "Host subnet".to_string(),
        Field::ContainerSubnetCidr => "Container subnet".to_string(),
        Field::AvoidCidr(i) => match plan.avoid.get(i).map(|a| a.label.as_str()) {
            Some(label) if !label.is_empty() => format!("{} ({})", item(), shown(label)),
            _ => item(),
        },
        _ => item(),
    }
}
