// The work survives: reload restores exactly, a share link restores the plan in a fresh browser, a bad plan file is
// refused without changing anything, an invalid entry shows its message and holds back the template, start over
// asks first. Every test also checks for console errors and requests to other origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { serveDist, launchBrowser, openPlanner, watchedPage, goStep, importPlan, downloadText, fileButton, textbox } from "./support.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await serveDist("/some/sub/path/");
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/// Runs `body` on a fresh page and checks the page stayed clean.
async function onPage(body, options = {}) {
  const watched = await openPlanner(browser, server.url, options);
  try {
    await body(watched);
    assert.deepEqual(watched.errors, [], "no console errors");
    assert.deepEqual([...watched.origins], [server.origin], "no request leaves the origin");
  } finally {
    await watched.context.close();
  }
}

test("an invalid entry shows its message next to the field and holds back the download", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-prod");
    await page.getByRole("combobox", { name: "Region" }).fill("westeurope");
    await goStep(page, "address-space", "Address space");
    const host = textbox(page, "Host subnet Range");
    await host.fill("10.28.0.0/33");
    await assert.doesNotReject(
      page.locator("#field-HostSubnetCidr-findings").getByText(/prefix|10\.28\.0\.0\/33/).first().waitFor(),
    );
    assert.equal(await host.getAttribute("aria-invalid"), "true");
    await goStep(page, "review", "Review and export");
    assert.match(await page.getByTestId("review-status").textContent(), /1 error holds back the template/);
    const download = fileButton(page, "template");
    assert.equal(await download.getAttribute("aria-disabled"), "true");
    let started = false;
    page.on("download", () => (started = true));
    await download.dispatchEvent("click");
    // The click is handled once the app says why the file is not available; by then a download would have started.
    await page.getByTestId("announcer").filter({ hasText: "is not available" }).waitFor({ state: "attached" });
    assert.equal(started, false, "no download starts");
    assert.match(await page.getByTestId("artifact-preview").textContent(), /Held back by 1 error/);
    // The finding is listed by step with a link back to the field, which it focuses.
    await page.getByTestId("review-findings").getByRole("button", { name: "Go to the field" }).first().click();
    await page.getByTestId("step-heading").filter({ hasText: "Address space" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "field-HostSubnetCidr");
  });
});

test("a number that does not read is an error everywhere, holds back the files, and stays as typed", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-prod");
    await page.getByRole("combobox", { name: "Region" }).fill("westeurope");
    await goStep(page, "address-space", "Address space");
    const peak = textbox(page, "Peak cluster nodes");
    await peak.fill("abc");
    const summary = page.getByTestId("step-summary");
    await summary.getByText("Peak cluster nodes: “abc” is not a whole number").waitFor();
    assert.match(await summary.textContent(), /1 error on this step/);
    assert.equal(await page.locator("#step-button-address-space .step-status").textContent(), "1 error");
    await goStep(page, "review", "Review and export");
    assert.match(await page.getByTestId("review-status").textContent(), /1 error holds back the template/);
    assert.equal(await fileButton(page, "template").getAttribute("aria-disabled"), "true");
    assert.match(await page.getByTestId("artifact-preview").textContent(), /Held back.*Peak cluster nodes/);
    // Back on the step, and after a reload, the field shows what was typed, not the old value.
    await goStep(page, "address-space", "Address space");
    assert.equal(await peak.inputValue(), "abc");
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes('"PeakNodes":"abc"'));
    await page.reload();
    await page.getByTestId("step-heading").filter({ hasText: "Address space" }).waitFor();
    assert.equal(await peak.inputValue(), "abc");
    assert.equal(await peak.getAttribute("aria-invalid"), "true");
    // Fixed, the files come back with the new value.
    await peak.fill("120");
    await goStep(page, "review", "Review and export");
    assert.match(await page.getByTestId("review-status").textContent(), /Ready to deploy/);
    const plan = await downloadText(page, fileButton(page, "plan"));
    assert.match(plan.text, /"peakNodes": 120/);
  });
});

test("a reload restores the plan and the step exactly", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-reload");
    await page.getByRole("combobox", { name: "Region" }).fill("uksouth");
    await goStep(page, "egress", "Egress");
    await page.locator("#field-EgressType-firewall").check();
    await textbox(page, "Firewall private IP").fill("10.0.1.4");
    await page.reload();
    await page.getByTestId("step-heading").filter({ hasText: "Egress" }).waitFor();
    assert.equal(await page.locator("#field-EgressType-firewall").isChecked(), true);
    assert.equal(await textbox(page, "Firewall private IP").inputValue(), "10.0.1.4");
    await goStep(page, "workspace", "Workspace");
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-reload");
    assert.equal(await page.getByRole("combobox", { name: "Region" }).inputValue(), "uksouth");
  });
});

test("storage that refuses to save is reported once per run of failures, and the work stays on screen", async () => {
  const watched = await watchedPage(browser);
  const { context, page } = watched;
  try {
    // Storage that refuses every write while the page's flag says so (as when it is full or turned off).
    await context.addInitScript(() => {
      window.__refuseSaves = true;
      window.__refused = [];
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__refuseSaves) {
          window.__refused.push(value);
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }
        return setItem.call(this, key, value);
      };
    });
    await page.goto(server.url);
    await page.getByTestId("step-heading").waitFor();
    const refusals = page.getByTestId("notices").getByText(/cannot be saved in this browser/);
    await textbox(page, "Workspace name").fill("adb-full");
    await textbox(page, "Workspace name").fill("adb-full-2");
    await refusals.first().waitFor();
    // The second name's save was tried (and refused) too.
    await page.waitForFunction(() => window.__refused.some((text) => text.includes("adb-full-2")));
    assert.equal(await refusals.count(), 1, "one notice for a run of failed saves");
    assert.match(await refusals.first().textContent(), /Export the plan file to keep it/);
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-full-2");
    // A save that works ends the run; the next failure is news again.
    await page.evaluate(() => (window.__refuseSaves = false));
    await textbox(page, "Workspace name").fill("adb-saved");
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes("adb-saved"));
    await page.evaluate(() => (window.__refuseSaves = true));
    await textbox(page, "Workspace name").fill("adb-full-3");
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=notices] .notice").length >= 2,
    );
    assert.equal(await refusals.count(), 2);
    assert.deepEqual(watched.errors, [], "no console errors");
    assert.deepEqual([...watched.origins], [server.origin], "no request leaves the origin");
  } finally {
    await context.close();
  }
});

test("a share link restores the whole plan in a fresh browser, and keeps other work aside", async () => {
  let link;
  let original;
  await onPage(
    async ({ page }) => {
      await textbox(page, "Workspace name").fill("adb-shared");
      await page.getByRole("combobox", { name: "Region" }).fill("westeurope");
      await goStep(page, "address-space", "Address space");
      await textbox(page, "Peak cluster nodes").fill("120");
      await textbox(page, "Ranges to stay clear of").fill("10.0.0.0/16 hub");
      await goStep(page, "review", "Review and export");
      original = (await downloadText(page, fileButton(page, "plan"))).text;
      await page.getByTestId("copy-link").click();
      await page.getByTestId("notices").getByText("Link copied").waitFor();
      link = await page.evaluate(() => navigator.clipboard.readText());
    },
    { permissions: ["clipboard-read", "clipboard-write"] },
  );
  assert.ok(link.startsWith(server.url + "#plan=2."), link);

  // A fresh context: no saved work at all.
  await onPage(async ({ page }) => {
    await page.goto(link);
    await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
    const restored = (await downloadText(page, fileButton(page, "plan"))).text;
    assert.equal(restored, original);
    assert.equal(new URL(page.url()).hash, "", "the link is read, then dropped from the address bar");
    assert.match(await page.getByTestId("notices").textContent(), /opened from a shared link/);
  });

  // A browser with different saved work: the link wins, the work is kept aside with a notice and a download.
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-mine");
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes('"name": "adb-mine"'));
    await page.goto("about:blank");
    await page.goto(link);
    await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
    const notices = page.getByTestId("notices");
    await notices.getByText("Your own work from before was kept aside").waitFor();
    const kept = await downloadText(page, notices.getByRole("button", { name: "Download it" }));
    assert.match(kept.text, /"name": "adb-mine"/);
    await notices.getByRole("button", { name: "Restore it" }).click();
    await goStep(page, "workspace", "Workspace");
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-mine");
  });
});

test("a link too long for mail and chat says so, and still restores the plan", async () => {
  // 400 ranges to stay clear of, as a pasted IPAM export might give: the link grows past the safe length.
  const plan = JSON.parse(readFileSync(new URL("../examples/firewall.json", import.meta.url), "utf8"));
  plan.avoid = Array.from({ length: 400 }, (_, i) => ({
    cidr: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
    label: `spoke ${i}`,
  }));
  let link;
  let original;
  await onPage(
    async ({ page }) => {
      await importPlan(page, "many-ranges.json", Buffer.from(JSON.stringify(plan)));
      original = (await downloadText(page, fileButton(page, "plan"))).text;
      await page.getByTestId("copy-link").click();
      await page.getByTestId("notices").getByText(/characters long/).waitFor();
      link = await page.evaluate(() => navigator.clipboard.readText());
    },
    { permissions: ["clipboard-read", "clipboard-write"] },
  );
  assert.ok(link.length > 2000, `${link.length}`);
  await onPage(async ({ page }) => {
    await page.goto(link);
    await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
    assert.equal((await downloadText(page, fileButton(page, "plan"))).text, original);
  });
});

test("saved work this version cannot read is kept aside with a notice, offered as a download, and never overwritten", async () => {
  const corrupt = '{"storageVersion":1}\n{"version": 1, "workspace": {"name": "adb-half-writ';
  await onPage(async ({ page }) => {
    await page.evaluate((text) => localStorage.setItem("npip-planner/state", text), corrupt);
    await page.reload();
    await page.getByTestId("step-heading").waitFor();
    const notices = page.getByTestId("notices");
    await notices.getByText("could not be read, so it was kept aside").waitFor();
    // A fresh plan is shown and autosaved; the unreadable text is still there, under its own key.
    assert.equal(await textbox(page, "Workspace name").inputValue(), "");
    await textbox(page, "Workspace name").fill("adb-new");
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes('"name": "adb-new"'));
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("npip-planner/set-aside/"))
        .map((k) => localStorage.getItem(k)),
    );
    assert.equal(kept.length, 1);
    assert.equal(JSON.parse(kept[0]).content, corrupt);
    const download = await downloadText(page, notices.getByRole("button", { name: "Download it" }));
    assert.equal(download.text, corrupt);
  });
});

test("a bad plan file is refused with its line and column and changes nothing; a good one opens", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-keep");
    await page.getByTestId("import-input").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from('{\n  "version": 1,\n  "workspace": {\n    "name": "x",\n  }\n}\n'),
    });
    const notices = page.getByTestId("notices");
    await notices.getByText("broken.json was not imported").waitFor();
    assert.match(await notices.textContent(), /line 5, column \d+/);
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-keep");
    // A second refusal replaces the first rather than piling up.
    await page.getByTestId("import-input").setInputFiles({
      name: "broken-again.json",
      mimeType: "application/json",
      buffer: Buffer.from("not json"),
    });
    await notices.getByText("broken-again.json was not imported").waitFor();
    assert.equal(await notices.getByText("broken.json was not imported").count(), 0);

    // Dropped onto the page, a plan file from the examples opens on the review step.
    const example = await (await import("node:fs/promises")).readFile(
      new URL("../examples/load-balancer.json", import.meta.url),
      "utf8",
    );
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "load-balancer.json", { type: "application/json" }));
      window.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, example);
    await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
    await notices.getByText("load-balancer.json was imported").waitFor();
    await notices.getByText("The imported plan replaced your previous work").waitFor();
    assert.equal(await notices.getByText(/was not imported/).count(), 0, "the success clears the refusals");
    assert.match(await page.getByTestId("review-status").textContent(), /Ready to deploy/);

    // The examples open from the header the same way.
    await page.getByLabel("Open an example plan").selectOption("existing-vnet");
    await notices
      .getByText("The example “VNet injection into an existing VNet that has other subnets, egress through a NAT gateway” was imported")
      .waitFor();
    assert.match(await page.getByTestId("deploy-commands").textContent(), /--resource-group rg-spoke-network /);
    // Two plans are kept aside now (adb-keep, then the load-balancer plan): one notice says so, not two.
    await notices.getByText("2 pieces of work are kept aside").waitFor();
    assert.equal(await notices.getByText(/replaced your previous work/).count(), 1);
    assert.equal(await notices.getByRole("button", { name: "Download it" }).count(), 2);

    // Start over clears what was just done; the work kept aside keeps its one notice.
    await page.getByTestId("start-over").click();
    await page.getByTestId("confirm-yes").click();
    await notices.getByText("Started over").waitFor();
    assert.equal(await notices.getByText(/was imported/).count(), 0);
    assert.equal(await notices.getByText("2 pieces of work are kept aside").count(), 1);
  });
});

test("start over asks first, in a dialog that keyboard users can leave", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-careful");
    await page.getByTestId("start-over").click();
    const dialog = page.getByRole("dialog", { name: "Start over with a fresh plan?" });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-careful");
    await page.getByTestId("start-over").click();
    await page.getByTestId("confirm-yes").click();
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await textbox(page, "Workspace name").inputValue(), "");
  });
});

test("an existing VNet fills in from its pasted JSON; text that is not a VNet changes nothing and says why", async () => {
  await onPage(async ({ page }) => {
    await textbox(page, "Workspace name").fill("adb-spoke");
    await goStep(page, "network", "Network model");
    await page.locator("#field-NetworkModel-existing-vnet").check();
    await page.getByText("Fill in from the VNet’s JSON").click();
    const pasted = textbox(page, "VNet JSON");
    const resourceId = textbox(page, "VNet resource ID");
    const before = await resourceId.inputValue();
    const result = page.locator("#vnet-import-result");

    await pasted.fill('{ "name": "spoke-weu", "addressSpace": ');
    await page.getByTestId("vnet-import").click();
    await result.getByText(/^Nothing was changed: This is not JSON .*line 1, column \d+/).waitFor();
    assert.equal(await pasted.getAttribute("aria-invalid"), "true");
    assert.equal(await resourceId.inputValue(), before);
    assert.match(await pasted.inputValue(), /spoke-weu/, "the text stays to be fixed");

    const id = "/subscriptions/1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-weu";
    await pasted.fill(
      JSON.stringify({
        id,
        name: "spoke-weu",
        location: "westeurope",
        type: "Microsoft.Network/virtualNetworks",
        addressSpace: { addressPrefixes: ["10.60.0.0/16"] },
        subnets: [
          { name: "apps", addressPrefix: "10.60.0.0/24" },
          { name: "adb-host", addressPrefix: "10.60.8.0/23" },
        ],
        virtualNetworkPeerings: [
          {
            name: "spoke-to-hub",
            remoteAddressSpace: { addressPrefixes: ["10.0.0.0/16"] },
            remoteVirtualNetwork: { id: "/subscriptions/1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-weu" },
          },
        ],
      }, null, 2),
    );
    await page.getByTestId("vnet-import").click();
    await result.getByText(/^Filled in from the VNet spoke-weu/).waitFor();
    assert.match(await result.textContent(), /The workspace region is now westeurope/);
    assert.equal(await pasted.getAttribute("aria-invalid"), "false");
    assert.equal(await pasted.inputValue(), "");
    assert.equal(await resourceId.inputValue(), id);

    await goStep(page, "address-space", "Address space");
    assert.equal(await textbox(page, "The VNet's address prefixes").inputValue(), "10.60.0.0/16");
    assert.equal(
      await textbox(page, "Ranges to stay clear of").inputValue(),
      "10.60.0.0/24 subnet apps\n10.0.0.0/16 peered VNet hub-weu",
    );
    assert.equal(await page.getByRole("textbox", { name: "Host subnet Range" }).inputValue(), "10.60.8.0/23");
    await goStep(page, "workspace", "Workspace");
    assert.equal(await page.getByRole("combobox", { name: "Region" }).inputValue(), "westeurope");
  });
});

/// Fills the page's local storage until the browser refuses more (as when an origin's quota is used up).
async function fillStorage(page) {
  await page.evaluate(() => {
    let n = 0;
    for (let size = 512 * 1024; size >= 8; ) {
      try {
        localStorage.setItem(`filler/${n++}`, "f".repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
}

const savedText = () => localStorage.getItem("npip-planner/state") || "";

test("saved work that cannot be kept aside when a link opens stays in storage, and autosave waits for the person", async () => {
  let link;
  await onPage(
    async ({ page }) => {
      await textbox(page, "Workspace name").fill("adb-linked");
      await page.getByTestId("copy-link").click();
      await page.getByTestId("notices").getByText("Link copied").waitFor();
      link = await page.evaluate(() => navigator.clipboard.readText());
    },
    { permissions: ["clipboard-read", "clipboard-write"] },
  );
  await onPage(async ({ page }) => {
    // Saved work larger than the linked plan, then storage full.
    await textbox(page, "Workspace name").fill("adb-mine");
    await goStep(page, "address-space", "Address space");
    const ranges = Array.from({ length: 60 }, (_, i) => `172.20.${i}.0/24 spoke ${i}`).join("\n");
    await textbox(page, "Ranges to stay clear of").fill(ranges);
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes("spoke 59"));
    await fillStorage(page);
    await page.goto("about:blank");
    await page.goto(link);
    await page.getByTestId("step-heading").waitFor();
    const notices = page.getByTestId("notices");
    await notices.getByText("could not be kept aside").waitFor();
    assert.match(await notices.textContent(), /autosave is paused/);
    assert.doesNotMatch(await notices.textContent(), /untouched/);
    // The linked plan is on screen; the saved work is still in storage, also after an edit.
    await goStep(page, "workspace", "Workspace");
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-linked");
    await textbox(page, "Workspace name").fill("adb-linked-2");
    assert.match(await page.evaluate(savedText), /"name": "adb-mine"/);
    // The person takes a copy, then lets autosave go on.
    const held = await downloadText(page, notices.getByRole("button", { name: "Download the saved work" }));
    assert.match(held.text, /"name": "adb-mine"/);
    assert.match(held.text, /spoke 59/);
    await notices.getByRole("button", { name: "Discard it and save this plan" }).click();
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes('"name": "adb-linked-2"'));
    assert.equal(await notices.getByText(/autosave is paused/).count(), 0);
  });
});

test("work typed in another tab is never silently overwritten: the other tab says so and keeps its own aside", async () => {
  const watched = await openPlanner(browser, server.url);
  const { context, page } = watched;
  try {
    await textbox(page, "Workspace name").fill("adb-first");
    await page.waitForFunction(() => (localStorage.getItem("npip-planner/state") || "").includes('"name": "adb-first"'));
    const second = await context.newPage();
    second.on("pageerror", (err) => watched.errors.push(String(err)));
    await second.goto(server.url);
    await second.getByTestId("step-heading").waitFor();
    assert.equal(await textbox(second, "Workspace name").inputValue(), "adb-first");
    await textbox(second, "Workspace name").fill("adb-second");

    // The first tab shows the other tab's work, says so, and keeps its own version aside.
    const notices = page.getByTestId("notices");
    await notices.getByText("changed in another tab").waitFor();
    assert.equal(await textbox(page, "Workspace name").inputValue(), "adb-second");
    const kept = await downloadText(page, notices.getByRole("button", { name: "Download it" }));
    assert.match(kept.text, /"name": "adb-first"/);

    // The other way round too: an edit here is news in the second tab, whose own work is kept aside there.
    await textbox(page, "Workspace name").fill("adb-third");
    const secondNotices = second.getByTestId("notices");
    await secondNotices.getByText("changed in another tab").waitFor();
    assert.equal(await textbox(second, "Workspace name").inputValue(), "adb-third");
    const keptThere = await downloadText(second, secondNotices.getByRole("button", { name: "Download it" }).first());
    assert.match(keptThere.text, /"name": "adb-(first|second)"/);
    // Both tabs now agree, and what is saved is the last edit.
    assert.match(await page.evaluate(savedText), /"name": "adb-third"/);
    assert.deepEqual(watched.errors, [], "no console errors");
  } finally {
    await context.close();
  }
});
