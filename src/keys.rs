//! Every key the app writes outside itself: URL fragment keys and browser storage keys, one enum each.

/// Keys of the URL fragment (`#plan=…&step=…`). The fragment never reaches a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKey {
    /// The share-link code of the whole plan (`npip_core::share`).
    Plan,
    /// The step the link opens on.
    Step,
}

impl UrlKey {
    pub const fn as_str(self) -> &'static str {
        match self {
            UrlKey::Plan => "plan",
            UrlKey::Step => "step",
        }
    }
}

/// Keys in `localStorage`. All start with one prefix, so the app's data is easy to find and never collides with
/// another app on the same origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageKey {
    /// The autosaved work: a small envelope with a storage version (see `persist.rs`).
    State,
    /// The chosen colour theme: `light`, `dark`, or absent for the system's.
    Theme,
    /// Work kept aside (an older or unreadable save, or work replaced by a link or an import), by id.
    SetAside(String),
}

/// The prefix every storage key shares.
pub const STORAGE_PREFIX: &str = "npip-planner/";
const SET_ASIDE_PREFIX: &str = "npip-planner/set-aside/";

impl StorageKey {
    pub fn as_string(&self) -> String {
        match self {
            StorageKey::State => format!("{STORAGE_PREFIX}state"),
            StorageKey::Theme => format!("{STORAGE_PREFIX}theme"),
            StorageKey::SetAside(id) => format!("{SET_ASIDE_PREFIX}{id}"),
        }
    }

    /// The set-aside id of a raw storage key, if it is one.
    pub fn set_aside_id(raw_key: &str) -> Option<&str> {
        raw_key.strip_prefix(SET_ASIDE_PREFIX).filter(|id| !id.is_empty())
    }
}
