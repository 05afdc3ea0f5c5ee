//! What a rule is: its code, severity, category, texts, source and check. The rule files define their rules with
//! these; the catalogue in `mod.rs` lists them.

use super::facts::Facts;
use crate::finding::{Field, Finding, Severity};

/// What part of the plan a rule is about; `npip rules` and the docs group by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    AddressSpace,
    Capacity,
    Names,
    Options,
    Egress,
    Region,
    Notes,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::AddressSpace,
        Category::Capacity,
        Category::Names,
        Category::Options,
        Category::Egress,
        Category::Region,
        Category::Notes,
    ];

    pub const fn title(self) -> &'static str {
        match self {
            Category::AddressSpace => "Address space",
            Category::Capacity => "Capacity",
            Category::Names => "Names and IDs",
            Category::Options => "Option compatibility",
            Category::Egress => "Egress",
            Category::Region => "Region",
            Category::Notes => "Notes",
        }
    }

    pub const fn slug(self) -> &'static str {
        match self {
            Category::AddressSpace => "address-space",
            Category::Capacity => "capacity",
            Category::Names => "names",
            Category::Options => "options",
            Category::Egress => "egress",
            Category::Region => "region",
            Category::Notes => "notes",
        }
    }
}

/// How a rule looks at a plan: it reads the facts and pushes its findings.
pub type Check = fn(&'static Rule, &Facts, &mut Vec<Finding>);

/// A rule's text that only the docs and `npip rules` show. Without the `docs` feature (the web app's build) it holds
/// nothing, so the texts stay out of the app's bundle while each rule still defines them in one place.
#[derive(Clone, Copy, Debug)]
pub struct DocText(#[cfg(feature = "docs")] &'static str);

impl DocText {
    pub const fn new(text: &'static str) -> DocText {
        #[cfg(feature = "docs")]
        return DocText(text);
        #[cfg(not(feature = "docs"))]
        {
            let _ = text;
            DocText()
        }
    }

    #[cfg(feature = "docs")]
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

/// One validation rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused: `NPIP-E…` errors, `NPIP-W…` warnings, `NPIP-I…` notes.
    pub code: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line: what the rule checks.
    pub title: DocText,
    /// Why the rule exists: what goes wrong in Azure without it. Shown in the docs and the rule list.
    pub why: DocText,
    /// What to do when it fires.
    pub remedy: &'static str,
    /// Public source of the fact behind the rule.
    pub source: &'static str,
    pub check: Check,
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
