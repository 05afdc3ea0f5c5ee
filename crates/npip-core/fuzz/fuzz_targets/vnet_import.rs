//! Any text pasted as a VNet's JSON into the existing-VNet example: the import never panics, a refusal changes
//! nothing, and a fill gives a plan the planner saves and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use npip_core::plan::read_plan;
use npip_core::vnet_import::import_vnet;

fuzz_target!(|data: &[u8]| {
    let example = npip_core::examples::example("existing-vnet").expect("the example exists");
    let before = read_plan(example.text).expect("the example reads");
    let mut plan = before.clone();
    match import_vnet(&mut plan, &String::from_utf8_lossy(data)) {
        Ok(_) => assert_eq!(read_plan(&plan.to_json_pretty()).as_ref(), Ok(&plan)),
        Err(_) => assert_eq!(plan, before),
    }
});
