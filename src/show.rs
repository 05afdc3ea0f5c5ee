//! `When`: the app's own conditional block, in place of Leptos's `<When>`.
//!
//! `<When>` is generic over its condition and its children, so each of the app's sixteen uses compiled its own
//! memo and its own two-branch view. `When` erases both at the door (the condition into a `Signal`, the children
//! into a boxed `ChildrenFn`), so they all share one compiled body.

use leptos::prelude::*;

/// Shows `children` while `when` is true, and `fallback` (if any) otherwise. The condition is memoised, so the
/// view is built again only when it changes, not on every change of what it reads.
#[component]
pub fn When(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    shown_while(Signal::derive(when), children, fallback)
}

fn shown_while(when: Signal<bool>, children: ChildrenFn, fallback: ViewFn) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || if shown.get() { children() } else { fallback.run() }
}
