//! The `npip` binary as a person or a pipeline uses it: exit codes, stdout for results, stderr for messages.

mod common;

use common::*;

#[test]
fn validate_exit_codes() {
    let ok = npip(&["validate", &example("nat-gateway")]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert!(stdout(&ok).starts_with("Plan for workspace `adb-prod-weu`: 0 errors"));
    assert!(stderr(&ok).is_empty());

    let text = std::fs::read_to_string(example("nat-gateway")).unwrap();
    let broken = text.replace("\"peakNodes\": 1000", "\"peakNodes\": 0");
    let errors = npip_stdin(&["validate", "-"], broken.as_bytes());
    assert_eq!(code(&errors), 1);
    assert!(stdout(&errors).contains("error NPIP-E013 at peakNodes"));
    assert!(stderr(&errors).contains("1 error"));

    let malformed = npip_stdin(&["validate", "-"], b"{\n  \"version\": 1,\n  oops\n}");
    assert_eq!(code(&malformed), 2);
    assert!(stdout(&malformed).is_empty());
    assert!(
        stderr(&malformed).contains("line 3, column 3"),
        "{}",
        stderr(&malformed)
    );

    let missing = npip(&["validate", "/no/such/plan.json"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read /no/such/plan.json"));
}

#[test]
fn validate_names_the_field_of_a_shape_error() {
    let text = std::fs::read_to_string(example("firewall")).unwrap();
    let wrong = text.replace("\"sccRelayBypass\": false", "\"sccRelayBypass\": \"no\"");
    let out = npip_stdin(&["validate", "-"], wrong.as_bytes());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("at `egress.sccRelayBypass`"), "{}", stderr(&out));
}

#[test]
fn validate_json_is_machine_readable() {
    let out = npip(&["validate", &example("service-tag-routes"), "--format", "json"]);
    assert_eq!(code(&out), 0);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"], 1);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .any(|f| f["code"] == "NPIP-W301" && f["field"] == "egress.type"));
}

#[test]
fn validate_text_and_json_list_the_same_findings_errors_first_with_one_severity_word() {
    let text = std::fs::read_to_string(example("firewall")).unwrap();
    // An error on a late step (egress) and notes on early ones: errors still come first.
    let broken = text.replace(
        "\"firewallPrivateIp\": \"10.0.1.4\"",
        "\"firewallPrivateIp\": \"10.30.2.9\"",
    );
    let json = npip_stdin(&["validate", "-", "--format", "json"], broken.as_bytes());
    assert_eq!(code(&json), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let severities: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    let rank = |s: &str| ["error", "warning", "note"].iter().position(|w| *w == s).unwrap();
    assert!(
        severities.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{severities:?}"
    );
    assert_eq!(severities.first(), Some(&"error"));
    assert!(severities.contains(&"note") && !severities.contains(&"info"));
    // The text lists the same codes in the same order.
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    let text_out = stdout(&npip_stdin(&["validate", "-"], broken.as_bytes()));
    let text_codes: Vec<&str> = text_out
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1).filter(|c| c.starts_with("NPIP-")))
        .collect();
    assert_eq!(codes, text_codes);
    // The rule list says the same word.
    let rules: serde_json::Value = serde_json::from_str(&stdout(&npip(&["rules", "--format", "json"]))).unwrap();
    assert!(rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["severity"] == "note"));
    assert!(!stdout(&npip(&["rules", "--format", "json"])).contains("\"info\""));
}

#[test]
fn a_plan_over_one_megabyte_is_refused() {
    let big = vec![b' '; 1_048_577];
    let out = npip_stdin(&["validate", "-"], &big);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("larger than 1 MB"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["validate"],
        vec!["validate", "a.json", "b.json"],
        vec!["validate", "x.json", "--format", "yaml"],
        vec!["rules", "--format"],
        vec!["schema", "extra"],
        vec!["size"],
        vec!["size", "--nodes", "many"],
        vec!["size", "--nodes", "10", "--avoid", "10.0.0.0/24"],
        vec!["size", "--nodes", "10", "--vnet", "10.0.0.1/16"],
        // A value given twice: which was meant cannot be known.
        vec![
            "size",
            "--nodes",
            "10",
            "--vnet",
            "10.0.0.0/16",
            "--vnet",
            "10.1.0.0/16",
        ],
        vec!["size", "--nodes", "10", "--nodes=20"],
        vec!["size", "--nodes", "10", "--format", "json", "--format", "text"],
        vec!["validate", "x.json", "--format", "json", "--format=text"],
        vec!["rules", "--format", "md", "--format", "json"],
        vec!["regions", "--format", "json", "--format", "json"],
        vec!["emit", "udr", "x.json", "--format", "md", "--format", "csv"],
        vec!["emit", "arm", "x.json", "-o", "a.json", "--output", "b.json"],
        vec!["emit", "diagram", "x.json", "--theme", "light", "--theme", "dark"],
        vec!["example", "nope"],
        vec!["fill-vnet", "x.json"],
        vec!["fill-vnet", "-", "-"],
        vec!["fill-vnet", "x.json", "v.json", "-o", "a.json", "-o", "b.json"],
    ] {
        let out = npip(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    for args in [
        vec!["--help"],
        vec!["help"],
        vec!["help", "size"],
        vec!["validate", "--help"],
        vec!["size", "-h"],
    ] {
        let out = npip(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(stdout(&out).contains("Usage: npip"), "{args:?}");
    }
    assert!(stdout(&npip(&["--version"])).starts_with("npip "));
}

#[test]
fn rules_md_is_the_docs_file() {
    let out = npip(&["rules", "--format", "md"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), npip_core::rules::docs::rules_markdown());
    let text = stdout(&npip(&["rules"]));
    assert_eq!(text.lines().count(), npip_core::rules::RULES.len());
    let json: serde_json::Value = serde_json::from_str(&stdout(&npip(&["rules", "--format=json"]))).unwrap();
    assert_eq!(json["rules"].as_array().unwrap().len(), npip_core::rules::RULES.len());
}

#[test]
fn size_answers_both_forms() {
    let out = npip(&["size", "--nodes", "1000", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (value["subnetPrefix"].as_u64(), value["vnetPrefix"].as_u64()),
        (Some(22), Some(21))
    );

    let out = npip(&[
        "size",
        "--nodes",
        "800",
        "--vnet",
        "10.50.0.0/16",
        "--avoid",
        "10.50.0.0/24",
        "--avoid=10.50.1.0/26",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Host subnet:       10.50.248.0/22"),
        "{}",
        stdout(&out)
    );

    let list = "# in use\n10.0.0.0/25\n\n10.0.1.0/24 # hub\n";
    let out = npip_stdin(
        &["size", "--nodes", "50", "--vnet", "10.0.0.0/16", "--avoid-file", "-"],
        list.as_bytes(),
    );
    assert!(
        stdout(&out).contains("Host subnet:       10.0.0.128/26"),
        "{}",
        stdout(&out)
    );

    let out = npip(&["size", "--nodes", "200", "--vnet", "10.0.0.0/24"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("cannot hold two /24 subnets"));
    assert_eq!(code(&npip(&["size", "--nodes", "40000"])), 1);
}

#[test]
fn size_judges_its_vnet_by_the_plan_rules() {
    // What validate refuses for a plan's VNet, size refuses for --vnet, with the rule's code and message.
    for (vnet, code_expected) in [
        ("127.0.0.0/16", "NPIP-E005"),
        ("10.0.0.0/15", "NPIP-E004"),
        ("10.0.0.0/25", "NPIP-E004"),
    ] {
        let out = npip(&["size", "--nodes", "50", "--vnet", vnet]);
        assert_eq!(code(&out), 2, "{vnet}");
        assert!(stdout(&out).is_empty(), "{vnet}");
        assert!(stderr(&out).contains(code_expected), "{vnet}: {}", stderr(&out));
    }
    // A warning of those rules is said, and the answer still given.
    let out = npip(&["size", "--nodes", "50", "--vnet", "20.0.0.0/16"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("warning NPIP-W001"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Host subnet:       20.0.0.0/26"));
    // The most nodes a workspace holds: a /16 VNet is the largest, so not "/16 or larger".
    let text = stdout(&npip(&["size", "--nodes", "32763"]));
    assert!(
        text.contains("VNet:              /16, the largest VNet injection allows"),
        "{text}"
    );
    assert!(!text.contains("or larger"), "{text}");
    let text = stdout(&npip(&["size", "--nodes", "1000"]));
    assert!(text.contains("/21 or larger, up to /16"), "{text}");
    let out = npip(&[
        "size",
        "--nodes",
        "10",
        "--vnet",
        "10.0.0.0/16",
        "--vnet",
        "10.1.0.0/16",
    ]);
    // clap's wording since the move to clap (it was "--vnet is given more than once").
    assert!(
        stderr(&out).contains("'--vnet <CIDR>' cannot be used multiple times"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn examples_print_and_validate() {
    let list = stdout(&npip(&["example"]));
    assert_eq!(list.lines().count(), 7);
    for line in list.lines() {
        let name = line.split_whitespace().next().unwrap();
        let out = npip(&["example", name]);
        assert_eq!(code(&out), 0);
        assert_eq!(stdout(&out), std::fs::read_to_string(example(name)).unwrap());
        let check = npip_stdin(&["validate", "-"], &out.stdout);
        assert_eq!(code(&check), 0, "{name}: {}", stdout(&check));
    }
}

#[test]
fn schema_is_json_and_describes_the_plan() {
    let out = npip(&["schema"]);
    assert_eq!(code(&out), 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(schema["title"], "Plan");
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn fill_vnet_fills_an_existing_vnet_plan_and_refuses_anything_else() {
    let dir = std::env::temp_dir().join(format!("npip-fill-vnet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let vnet = dir.join("vnet.json");
    let id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-uks";
    std::fs::write(
        &vnet,
        format!(
            r#"{{"id": "{id}", "name": "spoke-uks", "location": "uksouth",
                 "addressSpace": {{"addressPrefixes": ["10.50.0.0/16"]}},
                 "subnets": [{{"name": "jumpbox", "addressPrefix": "10.50.2.0/27"}}]}}"#
        ),
    )
    .unwrap();

    let filled = npip(&["fill-vnet", &example("existing-vnet"), vnet.to_str().unwrap()]);
    assert_eq!(code(&filled), 0, "{}", stderr(&filled));
    let plan = npip_core::read_plan(&stdout(&filled)).unwrap();
    let injection = plan.network.injection().unwrap();
    assert!(matches!(&injection.vnet, npip_core::plan::Vnet::Existing { resource_id, .. } if resource_id == id));
    assert_eq!(
        plan.avoid.last().map(|a| (a.cidr.as_str(), a.label.as_str())),
        Some(("10.50.2.0/27", "subnet jumpbox"))
    );
    assert!(
        stderr(&filled).starts_with("Filled in from the VNet spoke-uks"),
        "{}",
        stderr(&filled)
    );

    // From standard input, into a file; the file is a plan the other commands read.
    let text = std::fs::read_to_string(&vnet).unwrap();
    let target = dir.join("filled.json");
    let piped = npip_stdin(
        &[
            "fill-vnet",
            &example("existing-vnet"),
            "-",
            "-o",
            target.to_str().unwrap(),
        ],
        text.as_bytes(),
    );
    assert_eq!(code(&piped), 0, "{}", stderr(&piped));
    assert!(stdout(&piped).is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), stdout(&filled));
    assert_eq!(code(&npip(&["validate", target.to_str().unwrap()])), 0);

    // Not into an existing VNet, or not a VNet: nothing is written and the reason is given.
    let refused = npip(&["fill-vnet", &example("nat-gateway"), vnet.to_str().unwrap()]);
    assert_eq!(code(&refused), 2);
    assert!(stdout(&refused).is_empty());
    assert!(stderr(&refused).contains("existing VNet first"), "{}", stderr(&refused));
    let not_json = npip_stdin(&["fill-vnet", &example("existing-vnet"), "-"], b"spoke");
    assert_eq!(code(&not_json), 2);
    assert!(
        stderr(&not_json).contains("<stdin>: This is not JSON"),
        "{}",
        stderr(&not_json)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = npip(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["validate", "fill-vnet", "address-map", "avoid-file", "out-dir"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let out = npip(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty());
}

#[test]
fn spellings_that_worked_before_clap_still_work() {
    // Each of these was accepted by the hand-written parser; scripts may use them.
    let plan = example("firewall");
    let emitted = |args: &[&str]| {
        let out = npip(args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let template = emitted(&["emit", "arm", &plan]);
    assert_eq!(emitted(&["emit", "arm", &plan, "--format", "json"]), template);
    assert_eq!(emitted(&["emit", "arm", &plan, "--format=json", "--ips"]), template);
    let params = emitted(&["emit", "params", &plan]);
    assert_eq!(emitted(&["emit", "params", &plan, "--format", "json"]), params);
    let checklist = emitted(&["emit", "udr", &plan]);
    assert_eq!(emitted(&["emit", "udr", &plan, "--format", "markdown"]), checklist);
    assert_eq!(emitted(&["emit", "udr", "--format=md", &plan]), checklist);
    let record = emitted(&["emit", "record", &plan]);
    assert_eq!(emitted(&["emit", "record", &plan, "--ips"]), record);
    assert!(emitted(&["emit", "diagram", &plan, "--theme=dark", "--compact"]).starts_with("<svg"));
    assert_eq!(code(&npip(&["emit", "arm", &plan, "--format", "md"])), 2);
    for args in [
        vec!["help", "emit", "arm"],
        vec!["emit", "help", "arm"],
        vec!["emit", "arm", "--help"],
    ] {
        let out = npip(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(
            stdout(&out).contains("Usage: npip emit arm"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
}
