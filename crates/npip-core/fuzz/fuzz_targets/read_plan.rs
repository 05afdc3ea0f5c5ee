//! Any bytes: the reader never panics; whatever it reads validates without panicking and round-trips through the
//! saved form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use npip_core::plan::{read_plan, read_plan_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = read_plan_bytes(data) {
        let _ = npip_core::rules::validate(&plan);
        let again = read_plan(&plan.to_json_pretty()).expect("a plan that was read reads again after saving");
        assert_eq!(again, plan);
    }
});
