//! The app's reactive building blocks, type-erased at the door.
//!
//! Leptos's `<Show>`, `Memo::new` and `Effect::new` are generic over the closure they are given, so each use
//! compiles its own copy of the framework code around it. The versions here box the closure first, so every use
//! shares one compiled body per value type: the same behaviour for a smaller bundle.

use leptos::prelude::*;

/// Shows `children` while `when` is true, and `fallback` (if any) otherwise. The condition is memoised, so the
/// view is built again only when it changes, not on every change of what it reads.
#[component]
pub fn When(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    shown_while(memo(when), children, fallback)
}

fn shown_while(shown: Memo<bool>, children: ChildrenFn, fallback: ViewFn) -> impl IntoView {
    move || if shown.get() { children() } else { fallback.run() }
}

/// `Memo::new` over a boxed closure: recomputed when what it reads changes, and its readers notified only when the
/// value differs.
pub fn memo<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    boxed_memo(Box::new(compute))
}

fn boxed_memo<T>(compute: Box<dyn Fn() -> T + Send + Sync>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| compute())
}

/// `Effect::new` over a boxed closure: runs once now (after the current render) and again whenever what it reads
/// changes.
pub fn effect(run: impl Fn() + 'static) {
    boxed_effect(Box::new(run));
}

fn boxed_effect(run: Box<dyn Fn()>) {
    Effect::new(move |_| run());
}
