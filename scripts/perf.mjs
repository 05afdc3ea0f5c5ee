// Performance figures of the release build in headless Chromium, as a user feels them: cold load to an interactive
// wizard against a bare Leptos counter built the same way (perf/counter), and the time from a keystroke to the updated
// template and to the updated address map; all of it again under 4x CPU throttling (Chromium's
// Emulation.setCPUThrottlingRate, as Lighthouse emulates a low-end laptop). Prints a table of figures and targets;
// asserts nothing (exit 0 whatever the figures).
// usage: node scripts/perf.mjs   (after ./x dist and the counter's build; ./x perf does all three)
//   PERF_LOADS (15) cold loads of each page per CPU rate, PERF_KEYSTROKES (200; the map takes half) per CPU rate,
//   PERF_RATES ("1,4") the CPU slowdowns to measure, PERF_COUNTER_DIST (target/perf-counter-dist) the counter's build.
import { readFileSync, existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { serveDist, launchBrowser } from "../e2e/support.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const LOADS = Number(process.env.PERF_LOADS ?? 15);
const KEYSTROKES = Number(process.env.PERF_KEYSTROKES ?? 200);
const RATES = (process.env.PERF_RATES ?? "1,4").split(",").map(Number);
const COUNTER_DIST = process.env.PERF_COUNTER_DIST ?? `${ROOT}target/perf-counter-dist`;
const VIEWPORT = { viewport: { width: 1280, height: 720 } };
/// One frame at 60 Hz, rounded as the targets state it.
const FRAME_MS = 16;

// The baseline is only fair if it is built like the app: the same wasm-opt attributes on the rust link.
const rustLink = (path) => {
  const html = readFileSync(path, "utf8");
  const link = html.match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? "";
  return ["data-wasm-opt", "data-wasm-opt-params"].map((a) => link.match(new RegExp(`${a}="([^"]*)"`))?.[1]);
};
const [appOpt, counterOpt] = [rustLink(`${ROOT}index.html`), rustLink(`${ROOT}perf/counter/index.html`)];
if (JSON.stringify(appOpt) !== JSON.stringify(counterOpt)) {
  console.error(`perf: the counter's wasm-opt attributes differ from the app's: ${counterOpt} vs ${appOpt}`);
  process.exit(2);
}
for (const dir of [`${ROOT}dist`, COUNTER_DIST]) {
  if (!existsSync(`${dir}/index.html`)) {
    console.error(`perf: ${dir}/index.html not found (./x perf builds it)`);
    process.exit(2);
  }
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, min: sorted[0], p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

// Record, in the page, when it becomes interactive: for the app, the wizard's step heading and first input are in
// the DOM; for the counter, its button.
const MARK_INTERACTIVE = (selectors) => {
  const observer = new MutationObserver(() => {
    if (selectors.every((s) => document.querySelector(s))) {
      window.__interactive = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};
const APP_READY = ["[data-testid=step-heading]", "input"];
const COUNTER_READY = ["button"];

// Times keystrokes in `inputSelector` until `targetSelector`'s content changes: t0 at keydown (capture), t1 when the
// mutation observer sees the change, t2 at the next animation frame (the frame that shows it).
const INSTALL_PROBE = ([inputSelector, targetSelector]) => {
  window.__samples = [];
  window.__frames = [];
  let start = null;
  document.querySelector(inputSelector).addEventListener("keydown", () => (start = performance.now()), true);
  const observer = new MutationObserver(() => {
    if (start === null) return;
    const t0 = start;
    start = null;
    const t1 = performance.now();
    window.__samples.push(t1 - t0);
    requestAnimationFrame(() => window.__frames.push(performance.now() - t0));
  });
  observer.observe(document.querySelector(targetSelector), { childList: true, subtree: true, characterData: true });
};

async function typeAndMeasure(page, inputSelector, targetSelector, keys) {
  await page.evaluate(INSTALL_PROBE, [inputSelector, targetSelector]);
  await page.focus(inputSelector);
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await page.waitForFunction((n) => window.__frames.length >= n, i + 1, { polling: "raf" });
  }
  return page.evaluate(() => ({ dom: window.__samples, frame: window.__frames }));
}

/// A page in a fresh context (empty cache and storage) with the CPU slowed down `rate` times.
async function freshPage(browser, rate) {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  if (rate !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  }
  return { context, page };
}

async function coldLoad(browser, url, ready, rate) {
  const { context, page } = await freshPage(browser, rate);
  await page.addInitScript(MARK_INTERACTIVE, ready);
  await page.goto(url);
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.__interactive);
  await context.close();
  return ms;
}

async function keystrokes(browser, url, rate) {
  const { context, page } = await freshPage(browser, rate);
  await page.goto(url);
  await page.getByTestId("step-heading").waitFor({ timeout: 120_000 });
  // A plan without errors, so the template is generated on every keystroke.
  await page.locator("#field-WorkspaceName").fill("adb-perf");
  await page.locator("#field-Region").fill("westeurope");
  await page.getByTestId("live-preview").locator("summary").click();
  await page.getByTestId("live-preview-body").locator("pre").waitFor();
  // Alternate adding and removing a character: every keystroke changes the template's workspace name.
  const keys = Array.from({ length: KEYSTROKES }, (_, i) => (i % 2 === 0 ? "x" : "Backspace"));
  const template = await typeAndMeasure(page, "#field-WorkspaceName", "[data-testid=live-preview-body]", keys);

  // The address map: a keystroke in the host subnet's range redraws the map (and revalidates the plan).
  await page.locator("#step-button-address-space").click();
  await page.getByTestId("address-map").locator("svg").waitFor();
  await page.locator("#field-HostSubnetCidr").fill("10.28.0.0/24");
  await page.locator("#field-HostSubnetCidr").press("End");
  const mapKeys = Array.from({ length: Math.max(2, Math.floor(KEYSTROKES / 2)) }, (_, i) =>
    i % 2 === 0 ? "Backspace" : "4",
  );
  const map = await typeAndMeasure(page, "#field-HostSubnetCidr", "[data-testid=address-map]", mapKeys);
  await context.close();
  return { template, map };
}

const app = await serveDist("/");
const counter = await serveDist("/", COUNTER_DIST);
const browser = await launchBrowser();
const version = browser.version();
const loadBefore = loadavg()[0];
const rows = [];
const row = (cpu, figure, s, target, unit = "ms") => rows.push({ cpu, figure, s, target, unit });
try {
  for (const rate of RATES) {
    // Interleaved, alternating which goes first, so that the machine's load falls on both alike.
    const appLoads = [];
    const counterLoads = [];
    const ratios = [];
    for (let i = 0; i < LOADS; i++) {
      const pair = [
        async () => appLoads.push(await coldLoad(browser, app.url, APP_READY, rate)),
        async () => counterLoads.push(await coldLoad(browser, counter.url, COUNTER_READY, rate)),
      ];
      if (i % 2 === 1) pair.reverse();
      for (const load of pair) await load();
      // Each pair's own ratio: both loads ran seconds apart, so a busy spell of the machine weighs on both.
      ratios.push(appLoads[i] / counterLoads[i]);
    }
    const { template, map } = await keystrokes(browser, app.url, rate);

    const keyTarget = rate === 1 ? 8 : FRAME_MS;
    const cpu = rate === 1 ? "1x" : `${rate}x slower`;
    const a = stats(appLoads);
    const c = stats(counterLoads);
    row(cpu, "cold load: app / bare Leptos counter (paired loads)", stats(ratios), { at: "p50", max: 1.5 }, "x");
    row(cpu, "cold load to interactive: the app", a);
    row(cpu, "cold load to interactive: bare Leptos counter", c);
    row(cpu, "keystroke to updated template (DOM)", stats(template.dom), { at: "p95", max: keyTarget });
    row(cpu, "keystroke to updated address map (DOM)", stats(map.dom), { at: "p95", max: keyTarget });
    row(cpu, "keystroke to updated template (next frame)", stats(template.frame));
    row(cpu, "keystroke to updated address map (next frame)", stats(map.frame));
  }
} finally {
  await browser.close();
  await app.close();
  await counter.close();
}

console.log(
  `\nNPIP Planner performance, ${new Date().toISOString().slice(0, 10)}: release builds in headless Chromium ` +
    `${version} on ${cpus().length} cores (load average ${loadBefore.toFixed(1)} at the start, ` +
    `${loadavg()[0].toFixed(1)} at the end); ${LOADS} interleaved cold loads of each page and ${KEYSTROKES} + ` +
    `${Math.max(2, Math.floor(KEYSTROKES / 2))} keystrokes per CPU rate. Figures only: nothing here fails.\n`,
);
const num = (x, unit) => (unit === "x" ? x.toFixed(2) : x.toFixed(1));
const header = ["CPU", "figure", "p50", "p95", "target", "met"];
const lines = rows.map(({ cpu, figure, s, target, unit }) => {
  const t = target ? `${target.at} <= ${target.max}${unit === "x" ? "" : " ms"}` : "";
  const met = target ? (s[target.at] <= target.max ? "met" : "NOT MET") : "";
  return [cpu, figure, num(s.p50, unit), num(s.p95, unit), t, met];
});
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const show = (cells) =>
  console.log(cells.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd());
show(header);
show(widths.map((w) => "-".repeat(w)));
lines.forEach(show);
console.log("\nTimes in ms. The load ratio is taken per interleaved pair (app / counter), then its p50 and p95.");
if (Math.max(loadBefore, loadavg()[0]) > cpus().length) {
  console.log(
    `The machine was busy (load average above its ${cpus().length} cores): the p95 figures then measure other ` +
      "processes as much as this app. Run again on a quiet machine before drawing conclusions from them.",
  );
}
