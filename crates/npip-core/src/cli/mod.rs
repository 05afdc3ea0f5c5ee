//! The `npip` commands, one file each. (Minimal: the lead merges this with the main dispatcher.)

pub mod diagram;
