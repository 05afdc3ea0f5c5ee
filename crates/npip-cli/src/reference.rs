//! The command reference in docs/cli.md, rendered from the definition clap parses with. Each command's `--help` sits
//! in the document between a marker that names the command and an end marker, so the hand-written prose and examples
//! around them stay; `tests/docs.rs` fails when a block is stale and `UPDATE_DOCS=1` rewrites them.

use clap::ColorChoice;

/// Starts a generated block: `<!-- npip help emit arm -->`, and `<!-- npip help -->` for `npip --help`.
const BEGIN: &str = "<!-- npip help";
/// Ends a generated block.
const END: &str = "<!-- end of npip help -->";
/// The width the reference is wrapped to (a terminal is wrapped to its own width, at most this).
const WIDTH: usize = 100;

/// Every command, as the words after `npip` that name it: `[]` for `npip` itself, `["emit", "arm"]`, …; `help` is
/// left out (clap's own).
pub fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: &mut Vec<String>, paths: &mut Vec<Vec<String>>) {
        paths.push(path.clone());
        for sub in command
            .get_subcommands()
            .filter(|c| c.get_name() != "help" && !c.is_hide_set())
        {
            path.push(sub.get_name().to_string());
            walk(sub, path, paths);
            path.pop();
        }
    }
    let mut paths = Vec::new();
    walk(&crate::command(), &mut Vec::new(), &mut paths);
    paths
}

/// What `npip PATH… --help` prints, without colour, wrapped at the reference's width; `None` for no such command.
pub fn help_text(path: &[String]) -> Option<String> {
    let mut command = crate::command().term_width(WIDTH).color(ColorChoice::Never);
    // Building gives every subcommand its full name for the usage line (`npip emit arm`).
    command.build();
    let mut current = &mut command;
    for name in path {
        current = current.find_subcommand_mut(name)?;
    }
    // clap indents the blank line between an option's text and its default; the file keeps no trailing spaces.
    let help = current.render_long_help().to_string();
    Some(help.lines().map(|line| format!("{}\n", line.trim_end())).collect())
}

/// The document with every generated block rendered again from the definition; an error names a marker for no
/// command or a block without its end.
pub fn refresh(document: &str) -> Result<String, String> {
    let mut refreshed = String::with_capacity(document.len());
    let mut lines = document.split_inclusive('\n');
    while let Some(line) = lines.next() {
        refreshed.push_str(line);
        let Some(path) = marker_path(line) else {
            continue;
        };
        let help = help_text(&path).ok_or_else(|| format!("`{}` names no npip command", line.trim_end()))?;
        if !lines.any(|line| line.trim_end() == END) {
            return Err(format!("`{}` has no `{END}` after it", line.trim_end()));
        }
        refreshed.push_str("```text\n");
        refreshed.push_str(&help);
        refreshed.push_str("```\n");
        refreshed.push_str(END);
        refreshed.push('\n');
    }
    Ok(refreshed)
}

/// The commands the document has a generated block for, in its order.
pub fn documented_paths(document: &str) -> Vec<Vec<String>> {
    document.lines().filter_map(marker_path).collect()
}

/// The command a begin marker names: `<!-- npip help emit arm -->` gives `["emit", "arm"]`.
fn marker_path(line: &str) -> Option<Vec<String>> {
    let words = line.trim_end().strip_prefix(BEGIN)?.strip_suffix("-->")?;
    Some(words.split_whitespace().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_block_is_rendered_between_its_markers_and_the_rest_is_kept() {
        let document = "# Title\n\nProse.\n\n<!-- npip help schema -->\nstale\n<!-- end of npip help -->\n\nMore.\n";
        let refreshed = refresh(document).unwrap();
        let help = help_text(&path(&["schema"])).unwrap();
        assert!(help.starts_with("Print the JSON Schema"), "{help}");
        assert!(help.contains("Usage: npip schema"), "{help}");
        assert_eq!(
            refreshed,
            format!("# Title\n\nProse.\n\n<!-- npip help schema -->\n```text\n{help}```\n{END}\n\nMore.\n")
        );
        // Rendering again changes nothing.
        assert_eq!(refresh(&refreshed).unwrap(), refreshed);
    }

    #[test]
    fn a_marker_for_no_command_or_without_its_end_is_an_error() {
        assert!(refresh("<!-- npip help frobnicate -->\n<!-- end of npip help -->\n")
            .unwrap_err()
            .contains("names no npip command"));
        assert!(refresh("<!-- npip help schema -->\ntext\n")
            .unwrap_err()
            .contains("has no"));
    }

    #[test]
    fn every_command_is_listed_with_the_emit_commands_under_emit() {
        let paths = command_paths();
        assert_eq!(paths.first(), Some(&Vec::new()));
        for expected in [
            &["validate"][..],
            &["emit"],
            &["emit", "arm"],
            &["emit", "address-map"],
            &["completions"],
        ] {
            assert!(paths.contains(&path(expected)), "{expected:?} in {paths:?}");
        }
        assert!(!paths.iter().any(|p| p.iter().any(|w| w == "help")));
    }

    #[test]
    fn the_reference_is_wrapped_to_its_width() {
        for path in command_paths() {
            let help = help_text(&path).unwrap();
            let widest = help.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(
                widest <= WIDTH,
                "npip {path:?} --help has a line of {widest} characters"
            );
        }
    }
}
