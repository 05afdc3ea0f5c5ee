//! The files the planner writes: their names, their formats, and how checklists are written.

/// A checklist's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    /// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break.
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Csv, Format::Json];

    /// The file extension, also the name the command line takes (`md`, `csv`, `json`).
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The format named `md`/`markdown`, `csv` or `json`.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The MIME type, for downloads in the app.
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown",
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }
}

/// Choices about how checklists are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Write the region's IP ranges instead of the `AzureDatabricks` service tag (UDR routes and firewall network
    /// rules). Metastore, storage and Event Hubs have no fixed IPs: they keep their tags (UDR) or FQDNs (firewall).
    pub use_ip_addresses: bool,
}

/// The ARM template's file name, the name `az deployment group create --template-file` is usually given.
pub const TEMPLATE_FILE_NAME: &str = "azuredeploy.json";
/// The parameters file's name.
pub const PARAMETERS_FILE_NAME: &str = "azuredeploy.parameters.json";

/// The design record's file name, beside `azuredeploy.json`.
pub const RECORD_FILE_NAME: &str = "design-record.md";

/// One file to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub file_name: String,
    pub contents: String,
}
