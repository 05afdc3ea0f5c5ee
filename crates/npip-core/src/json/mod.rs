//! JSON in and out, without a serialisation framework: a strict parser that keeps positions (for the plan
//! reader's located messages) and a writer that keeps keys in the order written (for stable, readable output).
//!
//! The engine's formats are small and fixed, so reading and writing them by hand is little code; a generic
//! framework would be most of the web bundle's weight for the same job.

mod parse;
mod write;

pub use parse::{line_column, parse, Member, Node, Number, SyntaxError, Value, MAX_DEPTH};
pub use write::JsonWriter;
