// Takes the README's screenshots from the release build in dist/: a plan opened from the examples, shown at
// 1280×720 (a projector) in both themes and on a 390-wide phone.
// usage: node scripts/screenshot.mjs   (after ./x dist)
import { readFileSync } from "node:fs";
import { serveDist, launchBrowser, importPlan } from "../e2e/support.mjs";

const server = await serveDist("/");
const browser = await launchBrowser();
const example = readFileSync(new URL("../examples/firewall.json", import.meta.url));

/// A page with the firewall example imported, notices dismissed, at the given step.
async function open({ width, height, colorScheme, step }) {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  await page.goto(server.url);
  await page.getByTestId("step-heading").waitFor();
  await importPlan(page, "firewall.json", example);
  for (const close of await page.locator(".notice-close").all()) await close.click();
  await page.locator(`#step-button-${step}`).click();
  await page.waitForTimeout(200);
  // Screenshots show the page, not a focus ring left by the step change.
  await page.evaluate(() => document.activeElement?.blur());
  return page;
}

try {
  const shots = [
    ["app-light", { width: 1280, height: 720, colorScheme: "light", step: "address-space" }],
    ["app-dark", { width: 1280, height: 720, colorScheme: "dark", step: "egress" }],
    ["app-review", { width: 1280, height: 720, colorScheme: "light", step: "review" }],
    ["app-phone", { width: 390, height: 844, colorScheme: "light", step: "egress" }],
  ];
  for (const [name, options] of shots) {
    const page = await open(options);
    await page.screenshot({ path: `docs/images/${name}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
