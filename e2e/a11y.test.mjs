// Accessibility: axe-core finds no serious or critical violation on any step, in the light and the dark theme, at the
// default size, on a 390-wide phone and on a 1280×720 projector, with findings on screen and with the dialogs open;
// and the wizard works from the keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { serveDist, launchBrowser, openPlanner, goStep, importPlan, seriousViolations } from "./support.mjs";

const STEPS = [
  ["workspace", "Workspace"],
  ["network", "Network model"],
  ["address-space", "Address space"],
  ["connectivity", "Connectivity"],
  ["egress", "Egress"],
  ["review", "Review and export"],
];

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await serveDist("/");
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function report(violations) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(", ")}`).join("\n");
}

const VIEWPORTS = [
  ["default size", undefined],
  ["390×844 phone", { width: 390, height: 844 }],
  ["1280×720 projector", { width: 1280, height: 720 }],
];

for (const [size, viewport] of VIEWPORTS)
for (const colorScheme of ["light", "dark"]) {
  test(`axe: no serious or critical violation on any step (${colorScheme}, ${size})`, async () => {
    // bypassCSP: the page's policy (rightly) refuses the injected axe script.
    const options = { colorScheme, bypassCSP: true, ...(viewport ? { viewport } : {}) };
    const { context, page, errors } = await openPlanner(browser, server.url, options);
    try {
      // One h1 on the page (the product name), whatever the step.
      assert.equal(await page.locator("h1").count(), 1);
      // Every step button is named by its step (hidden text counts only if it is in the accessibility tree), and
      // the whole stepper is on screen.
      const width = page.viewportSize().width;
      const stepper = page.getByRole("navigation", { name: "Planner steps" });
      for (const [slug, title] of STEPS) {
        const button = stepper.getByRole("button", { name: new RegExp(`^${title}`) });
        assert.equal(await button.getAttribute("id"), `step-button-${slug}`, `${title} names its button`);
        const box = await button.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= width, `step ${title} fits: ${JSON.stringify(box)}`);
      }
      // Findings on screen: Next on the empty first step shows its errors.
      await page.getByTestId("next").click();
      await page.getByTestId("step-summary").waitFor();
      assert.deepEqual(await seriousViolations(page), [], "workspace step with errors");
      for (const [slug, title] of STEPS) {
        await goStep(page, slug, title);
        const violations = await seriousViolations(page);
        assert.equal(violations.length, 0, `${title} (${colorScheme}, ${size}):\n${report(violations)}`);
      }
      // The network diagram, larger.
      await page.locator(".r-diagram").getByRole("button", { name: "View larger" }).click();
      await page.getByRole("dialog", { name: "Network diagram" }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], "network diagram, larger");
      await page.keyboard.press("Escape");
      // Every egress option's inputs, on an existing VNet (which offers all four).
      await goStep(page, "network", "Network model");
      await page.locator("#field-NetworkModel-existing-vnet").check();
      // The existing VNet's JSON import, open, after a paste that is not a VNet.
      await page.getByText("Fill in from the VNet’s JSON").click();
      await page.getByRole("textbox", { name: "VNet JSON" }).fill("[]");
      await page.getByTestId("vnet-import").click();
      await page.locator("#vnet-import-result").getByText("Nothing was changed").waitFor();
      assert.deepEqual(await seriousViolations(page), [], `VNet import (${colorScheme}, ${size})`);
      await goStep(page, "egress", "Egress");
      for (const option of ["load-balancer", "firewall", "service-tag-routes"]) {
        await page.locator(`#field-EgressType-${option}`).check();
        const violations = await seriousViolations(page);
        assert.equal(violations.length, 0, `egress ${option} (${colorScheme}, ${size}):\n${report(violations)}`);
      }
      // The connectivity warning, and the start-over dialog.
      await goStep(page, "connectivity", "Connectivity");
      await page.getByRole("switch", { name: /Secure cluster connectivity/ }).uncheck();
      await page.getByText("What opens up without it").waitFor();
      assert.deepEqual(await seriousViolations(page), [], "connectivity with SCC off");
      await page.getByTestId("start-over").click();
      await page.getByRole("dialog").waitFor();
      assert.deepEqual(await seriousViolations(page), [], "start-over dialog");
      await page.keyboard.press("Escape");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test("keyboard: the stepper moves with arrow keys, and focus lands on each new step's heading", async () => {
  const { context, page, errors } = await openPlanner(browser, server.url);
  try {
    await page.locator("#step-button-workspace").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.id), "step-button-address-space");
    await page.keyboard.press("Enter");
    await page.getByTestId("step-heading").filter({ hasText: "Address space" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "step-heading");
    // Tab from the heading reaches the step's first input.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const tag = await page.evaluate(() => document.activeElement.tagName);
    assert.ok(["INPUT", "A", "TEXTAREA", "BUTTON"].includes(tag), tag);
    // The stepper's current step is announced as such.
    assert.equal(await page.locator("#step-button-address-space").getAttribute("aria-current"), "step");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("reflow: on a 390-wide phone and a 1280×720 projector no step scrolls the page sideways", async () => {
  const example = readFileSync(new URL("../examples/firewall.json", import.meta.url));
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 720 }]) {
    const { context, page } = await openPlanner(browser, server.url, { viewport });
    try {
      const sideways = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // Fresh, then with a full plan whose diagram, checklists and previews have long lines.
      for (const [slug, title] of STEPS) {
        await goStep(page, slug, title);
        assert.equal(await sideways(), 0, `fresh ${title} at ${viewport.width}px`);
      }
      await importPlan(page, "firewall.json", example);
      await page.getByTestId("checklist-ips").check();
      await page.locator('[data-file="firewall-md"]').getByRole("button", { name: "Preview" }).click();
      await page.getByTestId("artifact-preview").getByText("# Firewall checklist").waitFor();
      assert.equal(await sideways(), 0, `firewall checklist preview at ${viewport.width}px`);
      for (const [slug, title] of STEPS) {
        await goStep(page, slug, title);
        assert.equal(await sideways(), 0, `firewall plan, ${title} at ${viewport.width}px`);
      }
    } finally {
      await context.close();
    }
  }
});
