//! Any text as a share link: decoding never panics, and whatever it opens the planner saves and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use npip_core::plan::read_plan;
use npip_core::share::decode_plan;

fuzz_target!(|data: &[u8]| {
    let code = String::from_utf8_lossy(data);
    if let Ok(link) = decode_plan(&code) {
        let again = read_plan(&link.plan.to_json_pretty()).expect("an opened link's plan reads again after saving");
        assert_eq!(again, link.plan);
    }
});
