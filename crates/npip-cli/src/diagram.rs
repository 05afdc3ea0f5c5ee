//! `npip emit diagram PLAN` and `npip emit address-map PLAN`: the plan's pictures as SVG. The plan is validated first
//! so that findings are marked in the picture; unlike the template, a picture of a plan with errors is still drawn.

use super::{bad_input, err, load_plan, option_value, out, set_once, usage};
use npip_core::diagram::{self, DiagramOptions, DiagramSize, Theme};
use npip_core::{rules, Finding, Plan};
use std::process::ExitCode;

type Draw = fn(&Plan, &[Finding], &DiagramOptions) -> String;

/// `npip emit diagram …`; `args` are the words after `diagram`.
pub fn run_diagram(args: &[String]) -> ExitCode {
    run("diagram", args, diagram::network_svg)
}

/// `npip emit address-map …`; `args` are the words after `address-map`.
pub fn run_address_map(args: &[String]) -> ExitCode {
    run("address-map", args, diagram::address_map_svg)
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
    let mut theme = None;
    let mut i = 0;
    while let Some(word) = args.get(i) {
        if let Some(file) = option_value(args, &mut i, "-o").or_else(|| option_value(args, &mut i, "--output")) {
            set_once(&mut output, "-o/--output", file?)?;
            continue;
        }
        if let Some(value) = option_value(args, &mut i, "--theme") {
            let chosen = match value?.as_str() {
                "auto" => Theme::Auto,
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                other => return Err(format!("unknown theme `{other}` (use auto, light or dark)")),
            };
            set_once(&mut theme, "--theme", chosen)?;
            continue;
        }
        match word.as_str() {
            "--compact" => options.size = DiagramSize::Compact,
            flag if flag.starts_with('-') && flag != "-" => return Err(format!("unknown option `{flag}`")),
            path if plan.is_none() => plan = Some(path.to_string()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
        i += 1;
    }
    if let Some(theme) = theme {
        options.theme = theme;
    }
    let plan = plan.ok_or("which plan? Give the plan file, or - for standard input")?;
    Ok(Request { plan, output, options })
}

fn run(what: &str, args: &[String], draw: Draw) -> ExitCode {
    let request = match parse_args(args) {
        Ok(request) => request,
        Err(message) => return usage(&format!("emit {what}: {message}")),
    };
    let plan = match load_plan("emit", &request.plan) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let findings = rules::validate(&plan);
    let svg = draw(&plan, &findings, &request.options);
    match &request.output {
        Some(path) => match std::fs::write(path, svg.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                err(&format!("npip emit: cannot write {path}: {e}"));
                bad_input()
            }
        },
        None => {
            out(&svg);
            ExitCode::SUCCESS
        }
    }
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
}
