// Layout that people see: the printed record is light whatever the theme and lays the checklists out as tables;
// "View larger" shows a picture larger than the page does; pictures keep a legible scale on a projector and a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { serveDist, launchBrowser, openPlanner, importPlan } from "./support.mjs";

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

const FIREWALL = readFileSync(new URL("../examples/firewall.json", import.meta.url));

/// Opens the planner with the firewall example imported (on the review step).
async function withFirewallPlan(options, body) {
  const watched = await openPlanner(browser, server.url, options);
  try {
    await importPlan(watched.page, "firewall.json", FIREWALL);
    await body(watched.page);
    assert.deepEqual(watched.errors, []);
  } finally {
    await watched.context.close();
  }
}

/// How a picture is drawn: the scale of its drawing (an SVG fits its box keeping its proportions) and the smallest
/// text in CSS pixels.
function drawn(page, selector) {
  return page.locator(selector).evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    const scale = Math.min(box.width / view.width, box.height / view.height);
    const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize));
    return { scale, width: view.width * scale, smallestText: Math.min(...sizes) * scale };
  });
}

/// WCAG relative luminance of a computed `rgb(…)` colour.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const how of ["the theme switch set to dark", "a dark system theme"]) {
  test(`printing with ${how} gives a light record`, async () => {
    const options = how.startsWith("a dark system") ? { colorScheme: "dark" } : { colorScheme: "light" };
    await withFirewallPlan(options, async (page) => {
      if (how.startsWith("the theme switch")) {
        // System → Light → Dark.
        await page.getByTestId("theme").click();
        await page.getByTestId("theme").click();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
      }
      await page.emulateMedia({ media: "print" });
      const colours = await page.evaluate(() => {
        const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
        return {
          eyebrow: css(".print-eyebrow", "color"),
          title: css(".print-title h2", "color"),
          body: css("body", "backgroundColor"),
          card: css(".step-card", "backgroundColor"),
          summary: css(".plan-summary dd", "color"),
          diagramText: getComputedStyle(document.querySelector("[data-testid=network-diagram] svg")).getPropertyValue(
            "--npip-fg",
          ),
        };
      });
      for (const key of ["eyebrow", "title", "summary"]) {
        assert.ok(luminance(colours[key]) < 0.1, `${key} text is dark: ${colours[key]}`);
      }
      for (const key of ["body", "card"]) {
        assert.ok(luminance(colours[key]) > 0.9, `${key} background is light: ${colours[key]}`);
      }
      assert.equal(colours.diagramText.trim(), "#17202b", "the diagram takes its light palette");
      // The checklists print as tables at reading size, not as Markdown.
      const checklists = page.locator(".r-checklists");
      assert.equal(await checklists.locator("table.print-table").count(), 3, "routes, application and network rules");
      assert.doesNotMatch(await checklists.textContent(), /<br>|\| --- \|/);
      const size = await checklists.locator("td").first().evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
      assert.ok(size >= 13, `table text is ${size}px`);
    });
  });
}

test("View larger shows the diagram larger than the review does, on a projector and on a phone", async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    await withFirewallPlan({ viewport }, async (page) => {
      const inline = await drawn(page, "[data-testid=network-diagram] svg");
      await page.locator(".r-diagram").getByRole("button", { name: "View larger" }).click();
      const dialog = page.getByRole("dialog", { name: "Network diagram" });
      await dialog.waitFor();
      const large = await drawn(page, ".diagram-dialog[open] .diagram-large svg");
      assert.ok(large.width > inline.width, `${viewport.width}: larger ${large.width} > inline ${inline.width}`);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    });
  }
});

test("pictures keep legible text: the review diagram on a projector, every picture on a phone", async () => {
  await withFirewallPlan({ viewport: { width: 1280, height: 720 } }, async (page) => {
    const review = await drawn(page, "[data-testid=network-diagram] svg");
    assert.ok(review.smallestText >= 11, `review diagram at 1280: ${review.smallestText}px`);
  });
  await withFirewallPlan({ viewport: { width: 390, height: 844 } }, async (page) => {
    const pictures = [
      ["review", "[data-testid=network-diagram] svg"],
      ["address-space", "[data-testid=address-map] svg"],
      ["egress", "[data-testid=egress-diagram] svg"],
    ];
    for (const [slug, selector] of pictures) {
      await page.locator(`#step-button-${slug}`).click();
      await page.locator(selector).waitFor();
      const picture = await drawn(page, selector);
      assert.ok(picture.smallestText >= 9.5, `${slug} at 390: ${picture.smallestText}px`);
      // It scrolls in its own frame, which the keyboard can reach; the page itself does not scroll sideways.
      const frame = page.locator(selector).locator("xpath=..");
      assert.equal(await frame.getAttribute("tabindex"), "0");
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, slug);
    }
  });
});
