//! Entry point: mount the planner app on the page body. Everything else lives in the library.

// Single-threaded wasm only (talc's wasm allocator requires it), which is what the app is built for.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    leptos::mount::mount_to_body(npip_planner::App);
}
