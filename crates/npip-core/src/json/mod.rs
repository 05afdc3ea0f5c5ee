//! JSON: the writer that keeps keys in the order written (the emitters' stable, readable output), and serde_json's
//! errors in the planner's words for the readers (the plan file, the pasted VNet).

mod error;
mod write;

pub use error::{error_line_column, error_message, error_offset, line_column};
pub use write::JsonWriter;
