//! Notices: messages about the person's work that stay on screen until dismissed (a link opened, saved work set
//! aside, an import refused). Plain data; `notice_area.rs` draws them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
    Error,
}

impl NoticeKind {
    pub const fn class(self) -> &'static str {
        match self {
            NoticeKind::Info => "notice notice-info",
            NoticeKind::Success => "notice notice-success",
            NoticeKind::Warning => "notice notice-warning",
            NoticeKind::Error => "notice notice-error",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            NoticeKind::Info => "Note",
            NoticeKind::Success => "Done",
            NoticeKind::Warning => "Attention",
            NoticeKind::Error => "Problem",
        }
    }
}

/// What a notice is about, where a newer notice on the same thing makes the older one stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Importing a plan file or opening an example.
    Import,
    /// Opening a shared link.
    Link,
    /// Copying a share link.
    CopyLink,
    StartOver,
    /// The work kept aside in this browser: one notice for all of it.
    KeptAside,
    /// Autosave waits over saved work that could not be kept aside; the notice offers to download it or discard it.
    AutosavePaused,
    /// The plan was changed in another tab.
    OtherTab,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Unique in the page (given by `PlanState` when the notice is shown); the notice list is keyed by it.
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
    /// A second line: the exact reason, such as the reader's line and column.
    pub detail: Option<String>,
    /// The ids of the work kept aside that this notice is about, newest first.
    pub set_aside: Vec<String>,
    /// Replaced by the next notice on the same topic.
    pub topic: Option<Topic>,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice {
            id: 0,
            kind,
            text: text.into(),
            detail: None,
            set_aside: Vec::new(),
            topic: None,
        }
    }

    pub fn about(mut self, topic: Topic) -> Notice {
        self.topic = Some(topic);
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Notice {
        self.detail = Some(detail.into());
        self
    }

    pub fn about_set_aside(mut self, ids: Vec<String>) -> Notice {
        self.set_aside = ids;
        self.topic = Some(Topic::KeptAside);
        self
    }

    /// Whether the notice is about something that outlasts what the person does next (work kept aside or held in
    /// storage); the others are transient, and starting over clears them.
    pub fn lasts(&self) -> bool {
        !self.set_aside.is_empty() || self.topic == Some(Topic::AutosavePaused)
    }
}
