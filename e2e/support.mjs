// Shared end-to-end helpers: a static server for dist/ (at any base path) and a Chromium launcher that records
// console errors and every request the page makes.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

const DIST = resolve(new URL("../dist", import.meta.url).pathname);
/// The build `./x serve` and a plain `trunk build` make: asset URLs from the site's root (`/npip-planner-….js`).
export const ROOT_DIST = resolve(new URL("../target/dist-root", import.meta.url).pathname);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/// Serves dist/ (or another built folder, `dir`) under `base` (for example "/" or "/some/sub/path/") on 127.0.0.1
/// and a free port.
export async function serveDist(base = "/", dir = DIST) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end("not under " + base);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
    const path = normalize(join(root, rel));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const file = (await stat(path)).isDirectory() ? join(path, "index.html") : path;
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + base, close: () => new Promise((ok) => server.close(ok)) };
}

/// Launches Debian's Chromium headless (never a downloaded browser).
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// Opens a page that records console errors, page errors and the origin of every request.
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const origins = new Set();
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  context.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol === "http:" || url.protocol === "https:") origins.add(url.origin);
  });
  return { context, page, errors, origins };
}

// ---- Planner helpers shared by the journey, state and accessibility tests ----


const ROOT = resolve(new URL("..", import.meta.url).pathname);
const NPIP = join(ROOT, "target/debug/npip");

/// Builds the `npip` command line (debug) so tests can compare the app's files with it.
export function ensureCli() {
  execFileSync("cargo", ["build", "--quiet", "--locked", "-p", "npip-cli", "--bin", "npip"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

/// Builds the release app with root-relative asset URLs into target/dist-root (Trunk's default public URL, as
/// `./x serve` makes it). The crate is already built for dist/, so this is the bindings and wasm-opt again.
export function ensureRootBuild() {
  execFileSync("trunk", ["build", "--release", "--public-url", "/", "--dist", ROOT_DIST], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
  });
}

/// Runs `npip` and returns its standard output.
export function npip(args) {
  return execFileSync(NPIP, args, { encoding: "utf8" });
}

/// Opens the planner in a fresh context and waits until the wizard is interactive.
export async function openPlanner(browser, url, options = {}) {
  const watched = await watchedPage(browser, options);
  await watched.page.goto(url);
  await watched.page.getByTestId("step-heading").waitFor();
  return watched;
}

/// Imports a plan file through the toolbar's file input and waits for the review step, where a good plan opens.
export async function importPlan(page, name, buffer) {
  await page.getByTestId("import-input").setInputFiles({ name, mimeType: "application/json", buffer });
  await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
}

/// Goes to a step through the stepper and waits for its heading.
export async function goStep(page, slug, title) {
  await page.locator(`#step-button-${slug}`).click();
  if (title) await page.getByTestId("step-heading").filter({ hasText: title }).waitFor();
}

/// A text input by its accessible name (labels can also name pictures, so roles keep locators exact).
export function textbox(page, name) {
  return page.getByRole("textbox", { name, exact: true });
}

/// Clicks a button that starts a download and returns the file's name and text.
export async function downloadText(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

/// The download button of one file on the review step (`template`, `parameters`, `udr-md`, …, `plan`).
export function fileButton(page, slug, testId = "download") {
  return page.locator(`[data-file="${slug}"]`).getByTestId(testId);
}

/// Runs axe-core (from node_modules, injected as a local file) and returns the serious and critical violations.
export async function seriousViolations(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!hasAxe) await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
