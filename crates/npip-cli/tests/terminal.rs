//! What npip tells people never carries a plan's control characters to the terminal: a name holding ESC sequences
//! (`\x1b[2J` clears the screen, `\x1b]0;…\x07` retitles the window) or a C1 control (U+009B is CSI to some
//! terminals) is shown escaped, `\u{1b}`, in reports on standard output and in every message on standard error.

mod common;

use common::*;
use std::path::PathBuf;

/// The firewall example with control characters in the workspace name, a range's label and an extra FQDN.
fn hostile_plan(dir: &std::path::Path) -> PathBuf {
    let text = std::fs::read_to_string(example("firewall"))
        .unwrap()
        .replace("\"adb-secure-weu\"", "\"adb\\u001b[31mred\\u001b]0;pwned\\u0007\"")
        .replace("hub VNet with the firewall", "hub\\u001b[2J\\u009b31m\\nforged line")
        .replace("\"repo1.maven.org\"", "\"repo1.maven.org\", \"evil\\u001b[5m.com\"");
    let path = dir.join("hostile.json");
    std::fs::write(&path, text).unwrap();
    path
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npip-terminal-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The control characters in a text, but for the line ends between lines.
fn controls(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_control() && *c != '\n').collect()
}

#[test]
fn validate_shows_the_plan_values_escaped() {
    let dir = temp_dir("validate");
    let plan = hostile_plan(&dir);
    let out = npip(&["validate", plan.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let (text, messages) = (stdout(&out), stderr(&out));
    assert_eq!(controls(&text), [], "{text}");
    assert_eq!(controls(&messages), [], "{messages}");
    assert!(
        text.starts_with("Plan for workspace `adb\\u{1b}[31mred\\u{1b}]0;pwned\\u{7}`:"),
        "{text}"
    );
    assert!(text.contains("(hub\\u{1b}[2J\\u{9b}31m\\nforged line)"), "{text}");
    assert!(text.contains("`evil\\u{1b}[5m.com`"), "{text}");
    // A line end inside a value does not start a line of its own.
    assert!(!text.lines().any(|line| line.starts_with("forged line")), "{text}");
    // JSON escapes the C0 controls its own way, as JSON must (`\u001b`); for tools, into a pipe, it is left so.
    let json = stdout(&npip(&["validate", plan.to_str().unwrap(), "--format", "json"]));
    assert!(!json.chars().any(|c| c.is_ascii_control() && c != '\n'), "{json}");
    assert!(json.contains("adb\\u001b[31mred"), "{json}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn emit_messages_show_the_plan_values_escaped() {
    let dir = temp_dir("emit");
    let plan = hostile_plan(&dir);
    // Refused: the errors on standard error.
    let refused = npip(&["emit", "arm", plan.to_str().unwrap()]);
    assert_eq!(code(&refused), 1);
    assert_eq!(controls(&stderr(&refused)), [], "{}", stderr(&refused));
    assert!(stderr(&refused).contains("adb\\u{1b}[31mred"), "{}", stderr(&refused));

    // A plan whose only oddity is a label: emitted, with its warning on standard error.
    let label_only = dir.join("label.json");
    let text = std::fs::read_to_string(example("firewall"))
        .unwrap()
        .replace("hub VNet with the firewall", "hub\\u001b[2J");
    std::fs::write(&label_only, text).unwrap();
    let out = npip(&["emit", "udr", label_only.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(controls(&stderr(&out)), [], "{}", stderr(&out));
    assert!(stderr(&out).contains("(hub\\u{1b}[2J)"), "{}", stderr(&out));
    // Into a pipe or a file the output is the file, byte for byte what the app downloads; only a terminal gets it
    // escaped.
    let checklist = npip_core::emit::udr_checklist(
        &npip_core::read_plan(&std::fs::read_to_string(&label_only).unwrap()).unwrap(),
        &npip_core::emit::Options::default(),
    )
    .unwrap()
    .render(npip_core::emit::Format::Markdown);
    assert!(checklist.contains('\u{1b}'));
    assert_eq!(stdout(&out), checklist);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn read_errors_and_paths_are_shown_escaped() {
    let dir = temp_dir("read");
    let unknown_field = dir.join("field.json");
    std::fs::write(&unknown_field, "{\"version\": 1, \"evil\\u001b[31m\\nx\": 1}").unwrap();
    let out = npip(&["validate", unknown_field.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_eq!(controls(&stderr(&out)), [], "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("evil\\u{1b}[31m\\nx"), "{}", stderr(&out));

    let missing = dir.join("no\u{1b}[2Jsuch.json");
    let out = npip(&["validate", missing.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_eq!(controls(&stderr(&out)), [], "{}", stderr(&out));
    assert!(stderr(&out).contains("no\\u{1b}[2Jsuch.json"), "{}", stderr(&out));

    // The folder `emit all` names in its report.
    let folder = dir.join("out\u{1b}[2J");
    let out = npip(&[
        "emit",
        "all",
        &example("firewall"),
        "--out-dir",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(controls(&stdout(&out)), [], "{}", stdout(&out));
    assert!(
        stdout(&out).contains("out\\u{1b}[2J/azuredeploy.json"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fill_vnet_shows_the_vnet_names_escaped() {
    let dir = temp_dir("fill-vnet");
    let vnet = dir.join("vnet.json");
    std::fs::write(
        &vnet,
        r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
            "name": "spoke\u001b]0;pwned\u0007\nFilled in nothing",
            "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]},
            "subnets": [{"name": "jump\u001b[2Jbox", "addressPrefix": "10.50.2.0/27", "ipConfigurations": [{}]}]}"#,
    )
    .unwrap();
    let out = npip(&["fill-vnet", &example("existing-vnet"), vnet.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(controls(&stderr(&out)), [], "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("Filled in from the VNet spoke\\u{1b}]0;pwned\\u{7}\\nFilled in nothing:"),
        "{}",
        stderr(&out)
    );
    // The plan itself is JSON, which escapes them.
    assert_eq!(controls(&stdout(&out)), [], "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn on_a_terminal_an_emitted_file_is_shown_escaped() {
    // `script` (util-linux, in every Debian) runs npip on a pseudo-terminal, as a person's shell would.
    let dir = temp_dir("tty");
    let plan = hostile_plan(&dir);
    let command = format!("{NPIP} emit record {} 2>/dev/null", plan.display());
    let out = std::process::Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) runs a command on a pseudo-terminal");
    let shown = stdout(&out);
    assert_eq!(code(&out), 0, "{shown}");
    assert!(shown.starts_with("# Design record: adb\\u{1b}"), "{shown}");
    // The terminal turns each line end into \r\n; nothing else is a control character.
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n' && c != '\r'),
        "{shown}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
