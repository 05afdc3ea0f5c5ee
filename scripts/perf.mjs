// Performance figures of the release build in headless Chromium: cold load to an interactive wizard, and the time
// from a keystroke to the updated template (and to the updated address map). Prints figures; asserts nothing.
// usage: node scripts/perf.mjs   (after ./x dist; ./x perf does both)
import { serveDist, launchBrowser } from "../e2e/support.mjs";

const LOADS = Number(process.env.PERF_LOADS ?? 15);
const KEYSTROKES = Number(process.env.PERF_KEYSTROKES ?? 200);

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, min: sorted[0], p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

function print(label, s) {
  const f = (x) => x.toFixed(2).padStart(8);
  console.log(`${label.padEnd(44)} n=${String(s.n).padStart(3)}  min${f(s.min)}  p50${f(s.p50)}  p95${f(s.p95)}  max${f(s.max)}  ms`);
}

// Records, in the page, when the wizard becomes interactive: the step heading and the first input are in the DOM.
const MARK_INTERACTIVE = () => {
  const observer = new MutationObserver(() => {
    if (document.querySelector("[data-testid=step-heading]") && document.querySelector("input")) {
      window.__interactive = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

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

const server = await serveDist("/");
const browser = await launchBrowser();
try {
  // Cold loads: a fresh context (empty cache and storage) each time.
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(MARK_INTERACTIVE);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__interactive !== undefined);
    loads.push(await page.evaluate(() => window.__interactive));
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId("step-heading").waitFor();
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
  const mapKeys = Array.from({ length: Math.min(KEYSTROKES, 100) }, (_, i) => (i % 2 === 0 ? "Backspace" : "4"));
  const map = await typeAndMeasure(page, "#field-HostSubnetCidr", "[data-testid=address-map]", mapKeys);
  await context.close();

  console.log(`NPIP Planner performance (release build, headless Chromium, ${new Date().toISOString().slice(0, 10)})`);
  print("cold load to interactive wizard", stats(loads));
  print("keystroke to updated template (DOM)", stats(template.dom));
  print("keystroke to updated template (next frame)", stats(template.frame));
  print("keystroke to updated address map (DOM)", stats(map.dom));
  print("keystroke to updated address map (next frame)", stats(map.frame));
} finally {
  await browser.close();
  await server.close();
}
