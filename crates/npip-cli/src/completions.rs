//! `npip completions SHELL`

use crate::{out, Outcome};
use clap_complete::Shell;
use std::process::ExitCode;

/// Print the shell completion script for npip
///
/// bash: `source <(npip completions bash)`, or save it where bash-completion looks
/// (~/.local/share/bash-completion/completions/npip). zsh: save it as `_npip` in a folder on $fpath. fish: save it
/// as ~/.config/fish/completions/npip.fish. PowerShell: `npip completions powershell | Out-String | Invoke-Expression`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut crate::command(), "npip", &mut script);
    out(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
