//! docs/cli.md holds each command's `--help` as the command line prints it, rendered from the same definition that
//! parses the arguments. Run with `UPDATE_DOCS=1` to rewrite the blocks after changing a command.

use npip_cli::reference::{command_paths, documented_paths, refresh};

const CLI_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/cli.md");

#[test]
fn cli_md_has_the_help_of_every_command_as_npip_prints_it() {
    let on_disk = std::fs::read_to_string(CLI_MD).unwrap();
    let generated = refresh(&on_disk).unwrap();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(CLI_MD, &generated).unwrap();
        return;
    }
    assert!(
        on_disk == generated,
        "docs/cli.md is out of date: run `UPDATE_DOCS=1 cargo test -p npip-cli --test docs` and commit it"
    );
}

#[test]
fn cli_md_documents_every_command_once() {
    let on_disk = std::fs::read_to_string(CLI_MD).unwrap();
    let mut documented = documented_paths(&on_disk);
    let mut commands = command_paths();
    documented.sort();
    commands.sort();
    assert_eq!(
        documented, commands,
        "docs/cli.md needs one `<!-- npip help COMMAND -->` block per command"
    );
}
