//! Every DOM test id in one place, so components, browser tests and end-to-end tests agree on them.

/// A `data-testid` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestId {
    AppRoot,
    StepList,
    Version,
}

impl TestId {
    /// The attribute value as written in the DOM.
    pub const fn as_str(self) -> &'static str {
        match self {
            TestId::AppRoot => "app-root",
            TestId::StepList => "step-list",
            TestId::Version => "version",
        }
    }
}
