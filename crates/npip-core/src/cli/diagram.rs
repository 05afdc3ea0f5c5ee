//! `npip emit diagram PLAN [-o FILE]` and `npip emit address-map PLAN [-o FILE]`: the plan's pictures as SVG.
//!
//! Options: `--compact` for the small version, `--theme auto|light|dark` (default auto: follows the reader's colour
//! scheme). The plan is validated first so that findings are marked in the picture.

use npip_core::diagram::{self, DiagramOptions, DiagramSize, Theme};
use npip_core::{rules, Finding, Plan};
use std::io::{Read, Write};
use std::process::ExitCode;

/// Plans larger than this are refused: a real plan is a few kilobytes.
const MAX_PLAN_BYTES: u64 = 1024 * 1024;

const DIAGRAM_USAGE: &str = "usage: npip emit diagram PLAN.json [-o FILE.svg] [--compact] [--theme auto|light|dark]";
const MAP_USAGE: &str = "usage: npip emit address-map PLAN.json [-o FILE.svg] [--compact] [--theme auto|light|dark]";

type Draw = fn(&Plan, &[Finding], &DiagramOptions) -> String;

/// `npip emit diagram …`; `args` are the words after `diagram`.
pub fn run_diagram(args: &[String]) -> ExitCode {
    run(args, diagram::network_svg, DIAGRAM_USAGE)
}

/// `npip emit address-map …`; `args` are the words after `address-map`.
pub fn run_address_map(args: &[String]) -> ExitCode {
    run(args, diagram::address_map_svg, MAP_USAGE)
}

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    plan: String,
    output: Option<String>,
    options: DiagramOptions,
}

fn parse_args(args: &[String]) -> Result<Request, String> {
    let mut plan = None;
    let mut output = None;
    let mut options = DiagramOptions::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "-o" | "--output" => {
                let file = words.next().ok_or_else(|| format!("{word} needs a file name"))?;
                output = Some(file.clone());
            }
            "--compact" => options.size = DiagramSize::Compact,
            "--theme" => {
                let value = words.next().ok_or("--theme needs auto, light or dark")?;
                options.theme = match value.as_str() {
                    "auto" => Theme::Auto,
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    other => return Err(format!("unknown theme '{other}' (use auto, light or dark)")),
                };
            }
            flag if flag.starts_with('-') && flag != "-" => return Err(format!("unknown option '{flag}'")),
            path if plan.is_none() => plan = Some(path.to_string()),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    let plan = plan.ok_or("which plan? give the plan file (or - for standard input)")?;
    Ok(Request { plan, output, options })
}

fn run(args: &[String], draw: Draw, usage: &str) -> ExitCode {
    let request = match parse_args(args) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("npip: {message}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let plan = match read_plan_file(&request.plan) {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("npip: {message}");
            return ExitCode::from(1);
        }
    };
    let findings = rules::validate(&plan);
    let svg = draw(&plan, &findings, &request.options);
    let written = match &request.output {
        Some(path) => std::fs::write(path, svg.as_bytes()).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::stdout()
            .write_all(svg.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("npip: {message}");
            ExitCode::from(1)
        }
    }
}

// LEAD: stand-in for `plan::read_plan` from the rules/CLI branch; replace this function with it on merge.
/// Reads a plan file (or standard input for `-`), refusing anything over 1 MB.
fn read_plan_file(path: &str) -> Result<Plan, String> {
    let mut text = String::new();
    let limit = MAX_PLAN_BYTES + 1;
    let read = if path == "-" {
        std::io::stdin().take(limit).read_to_string(&mut text)
    } else {
        std::fs::File::open(path)
            .map_err(|e| format!("cannot open {path}: {e}"))?
            .take(limit)
            .read_to_string(&mut text)
    };
    read.map_err(|e| format!("cannot read {path}: {e}"))?;
    if text.len() as u64 > MAX_PLAN_BYTES {
        return Err(format!("{path} is over 1 MB; a plan is a few kilobytes"));
    }
    serde_json::from_str(&text).map_err(|e| format!("{path} is not a plan: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn reads_the_plan_output_and_options() {
        let request = parse_args(&words("plan.json -o out.svg --compact --theme dark")).unwrap();
        assert_eq!(request.plan, "plan.json");
        assert_eq!(request.output.as_deref(), Some("out.svg"));
        assert_eq!(request.options.size, DiagramSize::Compact);
        assert_eq!(request.options.theme, Theme::Dark);
        let request = parse_args(&words("-")).unwrap();
        assert_eq!((request.plan.as_str(), request.output), ("-", None));
    }

    #[test]
    fn explains_bad_arguments() {
        assert!(parse_args(&[]).unwrap_err().contains("which plan"));
        assert!(parse_args(&words("a.json -o")).unwrap_err().contains("-o needs"));
        assert!(parse_args(&words("a.json --theme blue")).unwrap_err().contains("blue"));
        assert!(parse_args(&words("a.json b.json")).unwrap_err().contains("b.json"));
        assert!(parse_args(&words("a.json --wide")).unwrap_err().contains("--wide"));
    }

    #[test]
    fn refuses_large_and_malformed_files() {
        let dir = std::env::temp_dir().join(format!("npip-diagram-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("big.json");
        std::fs::write(&big, vec![b' '; (MAX_PLAN_BYTES + 10) as usize]).unwrap();
        assert!(read_plan_file(big.to_str().unwrap()).unwrap_err().contains("over 1 MB"));
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "{\"version\": 1}").unwrap();
        assert!(read_plan_file(bad.to_str().unwrap())
            .unwrap_err()
            .contains("not a plan"));
        assert!(read_plan_file(dir.join("missing.json").to_str().unwrap())
            .unwrap_err()
            .contains("cannot open"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
