//! Entry point: mount the planner app on the page body. Everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(npip_planner::App);
}
