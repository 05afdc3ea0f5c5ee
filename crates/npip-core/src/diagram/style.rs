//! Colours and the embedded style sheet. Colours are CSS custom properties on the `npip-svg` root, defined once here
//! for the light and the dark theme; every shape and text picks them through a class, so the app can restyle a
//! picture without touching it (see docs/diagrams.md).

use super::options::Theme;

/// One colour token: the custom property's name (without `--npip-`) and its light and dark values.
pub struct Token {
    pub name: &'static str,
    pub light: &'static str,
    pub dark: &'static str,
}

const fn t(name: &'static str, light: &'static str, dark: &'static str) -> Token {
    Token { name, light, dark }
}

/// Every colour the pictures use. The app's palette (style/main.css) supplies text, error and warning colours.
pub const PALETTE: &[Token] = &[
    t("bg", "#ffffff", "#0f1620"),
    t("fg", "#17202b", "#e6edf5"),
    t("muted", "#4c5a6a", "#a9b6c5"),
    t("line", "#5b6676", "#8b99ab"),
    t("accent", "#0f5fa8", "#5fb0ff"),
    t("card", "#f3f5f8", "#17212d"),
    t("card-line", "#7d8a9b", "#5a6d85"),
    t("vnet", "#f0f6fd", "#112032"),
    t("vnet-line", "#0f5fa8", "#5fb0ff"),
    t("host", "#dcebf9", "#173452"),
    t("host-line", "#0f5fa8", "#5fb0ff"),
    t("cont", "#dff1e5", "#143524"),
    t("cont-line", "#1d6b38", "#6fd394"),
    t("egress", "#f1eafb", "#261d3a"),
    t("egress-line", "#6a3fa0", "#b894f0"),
    // The control plane in Databricks' neutral brand colours (oat and navy), clear of the error red and warning amber.
    t("cp", "#f4f1ea", "#1b3139"),
    t("cp-line", "#1b3139", "#d9d2c3"),
    t("net", "#eef1f5", "#1f2b39"),
    t("net-line", "#6b7788", "#7d8ea3"),
    t("avoid", "#fcebd2", "#36270c"),
    t("avoid-line", "#8a5300", "#ffc266"),
    t("free", "#ffffff", "#0f1620"),
    t("free-line", "#7d8a9b", "#5a6d85"),
    t("managed", "#e9ecf1", "#222c38"),
    t("managed-line", "#5b6676", "#8b99ab"),
    t("error", "#b3261e", "#ff8a80"),
    t("error-bg", "#fdecea", "#3a1614"),
    t("warn", "#8a5300", "#ffc266"),
    t("warn-bg", "#fff4e0", "#33260f"),
    // The "!" on badges: the background colour, but its own property, so that a page which makes the background
    // transparent (the app does) keeps the glyph.
    t("badge-fg", "#ffffff", "#0f1620"),
];

/// Text colour tokens and the fills they are drawn on; each pair must reach WCAG AA (4.5:1) in both themes.
pub const TEXT_PAIRS: &[(&str, &str)] = &[
    ("fg", "bg"),
    ("fg", "card"),
    ("fg", "vnet"),
    ("fg", "host"),
    ("fg", "cont"),
    ("fg", "egress"),
    ("fg", "cp"),
    ("fg", "net"),
    ("fg", "avoid"),
    ("fg", "free"),
    ("fg", "managed"),
    ("fg", "error-bg"),
    ("fg", "warn-bg"),
    ("muted", "bg"),
    ("muted", "card"),
    ("muted", "vnet"),
    ("muted", "host"),
    ("muted", "cont"),
    ("muted", "egress"),
    ("muted", "cp"),
    ("muted", "net"),
    ("muted", "avoid"),
    ("muted", "managed"),
    ("muted", "warn-bg"),
    ("error", "bg"),
    ("error", "card"),
    ("error", "error-bg"),
    ("warn", "bg"),
    ("warn", "card"),
    ("warn", "warn-bg"),
    // Without secure cluster connectivity the control plane says so in the warning colour.
    ("warn", "cp"),
    ("accent", "bg"),
    // Badge glyphs on the error and warning fills.
    ("badge-fg", "error"),
    ("badge-fg", "warn"),
];

/// Lines and shape outlines that carry meaning, and the fills behind them; WCAG asks 3:1 for graphics.
pub const GRAPHIC_PAIRS: &[(&str, &str)] = &[
    ("line", "bg"),
    ("accent", "bg"),
    ("vnet-line", "bg"),
    ("host-line", "vnet"),
    ("cont-line", "vnet"),
    ("egress-line", "bg"),
    ("cp-line", "bg"),
    ("avoid-line", "bg"),
    ("error", "vnet"),
    ("warn", "vnet"),
    ("error", "bg"),
    ("warn", "bg"),
];

pub const FONT_SANS: &str = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
pub const FONT_MONO: &str = "ui-monospace,SFMono-Regular,'Cascadia Mono','DejaVu Sans Mono',Menlo,Consolas,monospace";

/// Rules after the colour variables, all scoped to `.npip-svg` so that an inlined picture styles nothing else.
const RULES: &str = "\
.npip-svg{font-family:FONT_SANS}\
.npip-svg text{fill:var(--npip-fg)}\
.npip-svg .npip-bg{fill:var(--npip-bg)}\
.npip-svg .npip-b{font-weight:600}\
.npip-svg .npip-m{fill:var(--npip-muted)}\
.npip-svg .npip-mono{font-family:FONT_MONO}\
.npip-svg .npip-kick{fill:var(--npip-muted);font-weight:600;letter-spacing:.06em}\
.npip-svg .npip-et{fill:var(--npip-error);font-weight:600}\
.npip-svg .npip-wt{fill:var(--npip-warn);font-weight:600}\
.npip-svg .npip-shape{fill:var(--npip-card);stroke:var(--npip-card-line);stroke-width:1.5}\
.npip-svg .npip-k-vnet>.npip-shape{fill:var(--npip-vnet);stroke:var(--npip-vnet-line);stroke-width:2}\
.npip-svg .npip-k-host>.npip-shape{fill:var(--npip-host);stroke:var(--npip-host-line)}\
.npip-svg .npip-k-cont>.npip-shape{fill:var(--npip-cont);stroke:var(--npip-cont-line)}\
.npip-svg .npip-k-egress>.npip-shape{fill:var(--npip-egress);stroke:var(--npip-egress-line)}\
.npip-svg .npip-k-cp>.npip-shape{fill:var(--npip-cp);stroke:var(--npip-cp-line);stroke-width:2}\
.npip-svg .npip-k-net>.npip-shape{fill:var(--npip-net);stroke:var(--npip-net-line)}\
.npip-svg .npip-k-avoid>.npip-shape{fill:var(--npip-avoid);stroke:var(--npip-avoid-line)}\
.npip-svg .npip-k-free>.npip-shape{fill:var(--npip-free);stroke:var(--npip-free-line);stroke-dasharray:4 3}\
.npip-svg .npip-k-managed>.npip-shape{fill:var(--npip-managed);stroke:var(--npip-managed-line)}\
.npip-svg .npip-k-nsg>.npip-shape{fill:none;stroke:var(--npip-muted);stroke-dasharray:7 4}\
.npip-svg .npip-k-peer>.npip-shape{fill:none;stroke:var(--npip-avoid-line);stroke-width:1.5;stroke-dasharray:7 4}\
.npip-svg .npip-k-chip>.npip-shape{fill:var(--npip-bg);stroke:var(--npip-egress-line);stroke-width:1}\
.npip-svg .npip-k-row>.npip-shape{fill:transparent;stroke:none}\
.npip-svg .npip-icon{fill:none;stroke:var(--npip-muted);stroke-width:1.6}\
.npip-svg .npip-flow{fill:none;stroke:var(--npip-line);stroke-width:2}\
.npip-svg .npip-flow-scc{stroke:var(--npip-accent);stroke-width:3}\
.npip-svg .npip-flow-in{stroke:var(--npip-warn);stroke-width:2.5;stroke-dasharray:8 5}\
.npip-svg .npip-head{fill:var(--npip-line)}\
.npip-svg .npip-head-scc{fill:var(--npip-accent)}\
.npip-svg .npip-head-in{fill:var(--npip-warn)}\
.npip-svg .npip-guide{stroke:var(--npip-error);stroke-width:1;stroke-dasharray:3 3}\
.npip-svg .npip-hatch{stroke:var(--npip-error);stroke-width:2}\
.npip-svg .npip-overlap{stroke:var(--npip-error);stroke-width:2}\
.npip-svg .npip-rule{stroke:var(--npip-card-line);stroke-width:1}\
.npip-svg .npip-swatch{stroke-width:1.5}\
.npip-svg .npip-exposed>.npip-shape{fill:var(--npip-warn-bg);stroke:var(--npip-warn);stroke-width:2.5;stroke-dasharray:8 4}\
.npip-svg .npip-error>.npip-shape,.npip-svg .npip-error>.npip-flow{stroke:var(--npip-error);stroke-width:3.5;stroke-dasharray:none}\
.npip-svg .npip-warning>.npip-shape,.npip-svg .npip-warning>.npip-flow{stroke:var(--npip-warn);stroke-width:3.5;stroke-dasharray:9 4}\
.npip-svg .npip-badge-e{fill:var(--npip-error)}\
.npip-svg .npip-badge-w{fill:var(--npip-warn)}\
.npip-svg .npip-badge-t{fill:var(--npip-badge-fg);font-weight:700}\
";

fn variables(out: &mut String, dark: bool) {
    for token in PALETTE {
        out.push_str("--npip-");
        out.push_str(token.name);
        out.push(':');
        out.push_str(if dark { token.dark } else { token.light });
        out.push(';');
    }
}

/// The whole `<style>` text. With `Theme::Auto` the picture follows the reader's colour scheme; the classes
/// `npip-light` / `npip-dark` on the root, or `data-theme="light|dark"` on an ancestor (the app's theme toggle sets
/// it on the page's root element), force one.
pub fn style_sheet(theme: Theme) -> String {
    let mut css = String::with_capacity(4096);
    match theme {
        Theme::Light | Theme::Dark => {
            css.push_str(".npip-svg{");
            variables(&mut css, theme == Theme::Dark);
            css.push('}');
        }
        Theme::Auto => {
            // Dark when the reader prefers it, unless the root says light or the page's theme toggle does; the
            // classes and the page's `data-theme` force either way.
            css.push_str(".npip-svg{");
            variables(&mut css, false);
            css.push_str("}@media (prefers-color-scheme:dark){.npip-svg:not(.npip-light):not([data-theme=light] *){");
            variables(&mut css, true);
            css.push_str("}}.npip-svg.npip-dark,[data-theme=dark] .npip-svg{");
            variables(&mut css, true);
            css.push('}');
        }
    }
    css.push_str(&RULES.replace("FONT_SANS", FONT_SANS).replace("FONT_MONO", FONT_MONO));
    css
}

/// WCAG relative luminance of a `#rrggbb` colour.
pub fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let value = u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()? as f64 / 255.0;
        Some(if value <= 0.03928 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// WCAG contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(name: &str) -> &'static Token {
        PALETTE
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no token {name}"))
    }

    fn check(pairs: &[(&str, &str)], minimum: f64) {
        let mut failures = Vec::new();
        for (fore, back) in pairs {
            for dark in [false, true] {
                let pick = |t: &Token| if dark { t.dark } else { t.light };
                let ratio = contrast(pick(token(fore)), pick(token(back))).unwrap();
                if ratio < minimum {
                    failures.push(format!(
                        "{fore} on {back} ({}): {ratio:.2}",
                        if dark { "dark" } else { "light" }
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "below {minimum}:1: {failures:#?}");
    }

    #[test]
    fn text_meets_wcag_aa_in_both_themes() {
        check(TEXT_PAIRS, 4.5);
    }

    #[test]
    fn meaningful_graphics_meet_three_to_one_in_both_themes() {
        check(GRAPHIC_PAIRS, 3.0);
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast("#000000", "#ffffff").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff").unwrap() - 4.48).abs() < 0.01);
        assert_eq!(contrast("#12", "#ffffff"), None);
    }

    #[test]
    fn every_variable_the_rules_use_is_defined() {
        let css = style_sheet(Theme::Auto);
        for used in css.split("var(--npip-").skip(1) {
            let name = used.split(')').next().unwrap();
            assert!(PALETTE.iter().any(|t| t.name == name), "undefined --npip-{name}");
        }
        assert!(!css.contains("url("), "no external references");
    }
}
