//! How a picture is drawn: its size, its colours and the start of its ids.

/// How big a picture is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiagramSize {
    /// The whole picture, laid out for 1280 pixels wide (the review step, a projector, the download).
    #[default]
    Full,
    /// A small, narrow version with the essentials (beside the egress and address-space steps).
    Compact,
}

/// Which colours the embedded style sheet uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's colour scheme (`prefers-color-scheme`), unless the page's root element says
    /// `data-theme="light"` or `"dark"`, or the SVG root carries the class `npip-light` or `npip-dark`.
    #[default]
    Auto,
    Light,
    Dark,
}

/// How to draw a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramOptions {
    pub size: DiagramSize,
    pub theme: Theme,
    /// Start of every `id` inside the picture. Pictures shown on one page need different prefixes (the network
    /// diagram and the address map already differ). Letters, digits, `-` and `_`, starting with a letter.
    pub id_prefix: String,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            size: DiagramSize::Full,
            theme: Theme::Auto,
            id_prefix: "npip".to_string(),
        }
    }
}

impl DiagramOptions {
    pub fn compact() -> Self {
        DiagramOptions {
            size: DiagramSize::Compact,
            ..DiagramOptions::default()
        }
    }

    /// The id prefix with anything unsafe for an XML id or a CSS selector removed.
    pub(super) fn safe_prefix(&self) -> String {
        let cleaned: String = self
            .id_prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(40)
            .collect();
        if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
            cleaned
        } else {
            "npip".to_string()
        }
    }
}
