// One journey per egress option, as a new user would: a fresh page, every step filled in through the form, then the
// files downloaded from the review step. The downloaded template, parameters and checklists must be byte for byte
// what `npip emit` gives for the plan file exported from the same page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  serveDist,
  launchBrowser,
  openPlanner,
  goStep,
  downloadText,
  fileButton,
  ensureCli,
  npip,
  textbox,
} from "./support.mjs";

let browser;
let server;
let dir;
before(async () => {
  ensureCli();
  browser = await launchBrowser();
  server = await serveDist("/");
  dir = await mkdtemp(join(tmpdir(), "npip-e2e-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function workspaceStep(page, name, region) {
  await textbox(page, "Workspace name").fill(name);
  await page.getByRole("combobox", { name: "Region" }).fill(region);
  await page.getByTestId("next").click();
  await page.getByTestId("step-heading").filter({ hasText: "Network model" }).waitFor();
}

async function next(page, title) {
  await page.getByTestId("next").click();
  await page.getByTestId("step-heading").filter({ hasText: title }).waitFor();
}

/// Downloads every file the review step offers as ready, checks each against the command line, and returns the
/// names of the files it downloaded.
async function downloadsMatchTheCli(page, label) {
  const status = await page.getByTestId("review-status").textContent();
  assert.match(status, /Ready to deploy/, `${label}: ${status}`);

  const plan = await downloadText(page, fileButton(page, "plan"));
  assert.match(plan.name, /\.json$/);
  const planPath = join(dir, `${label}.npip-plan.json`);
  await writeFile(planPath, plan.text);

  const expected = {
    template: ["azuredeploy.json", ["emit", "arm", planPath]],
    parameters: ["azuredeploy.parameters.json", ["emit", "params", planPath]],
    "udr-md": ["udr-checklist.md", ["emit", "udr", planPath, "--format", "md"]],
    "udr-csv": ["udr-checklist.csv", ["emit", "udr", planPath, "--format", "csv"]],
    "firewall-md": ["firewall-checklist.md", ["emit", "firewall", planPath, "--format", "md"]],
    "firewall-csv": ["firewall-checklist.csv", ["emit", "firewall", planPath, "--format", "csv"]],
  };
  const downloaded = [];
  const contents = [];
  for (const [slug, [name, args]] of Object.entries(expected)) {
    const button = fileButton(page, slug);
    if ((await button.getAttribute("aria-disabled")) === "true") {
      // Only checklists may be missing, and only because they do not apply to this plan.
      assert.ok(slug !== "template" && slug !== "parameters", `${label}: ${slug} is ready`);
      assert.match(await page.locator(`[data-file="${slug}"]`).textContent(), /Not needed for this plan/);
      continue;
    }
    const file = await downloadText(page, button);
    assert.equal(file.name, name);
    assert.equal(file.text, npip(args), `${label}: ${name} equals npip ${args.slice(0, 2).join(" ")}`);
    downloaded.push(name);
    contents.push([name, file.text]);
  }
  const archive = await allInOneZip(page, label);
  const record = ["design-record.md", npip(["emit", "record", planPath])];
  assert.deepEqual(archive.slice(0, -1), [...contents, [plan.name, plan.text], record], `${label}: the archive holds every file`);
  return { downloaded, picture: archive.at(-1) };
}

/// The files of the one ZIP archive "Download all" gives ([name, text], in order), as Python's own zipfile module reads
/// it (an independent reader, which also checks every CRC). Its last file is the network diagram. (Headless Chromium
/// starts at most ten downloads per page, so a journey downloads the diagram on its own only where it has room.)
async function allInOneZip(page, label) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-all").click()]);
  assert.match(download.suggestedFilename(), /\.files\.zip$/);
  const read = execFileSync("python3", [
    "-c",
    "import json, sys, zipfile\n" +
      "z = zipfile.ZipFile(sys.argv[1])\n" +
      "print(json.dumps({'bad': z.testzip(), 'files': [[n, z.read(n).decode()] for n in z.namelist()]}))",
    await download.path(),
  ]);
  const archive = JSON.parse(read.toString("utf8"));
  assert.equal(archive.bad, null, `${label}: every entry's CRC holds`);
  const [name, svg] = archive.files.at(-1);
  assert.match(name, /\.network\.svg$/);
  assert.match(svg, /^<svg /);
  return archive.files;
}

const journeys = {
  "NAT gateway, new VNet": async (page) => {
    await workspaceStep(page, "adb-e2e-nat", "westeurope");
    await next(page, "Address space");
    // 400 nodes do not fit the default /24 subnets; the engine's sizing suggests a pair that does.
    await textbox(page, "Peak cluster nodes").fill("400");
    await page.getByTestId("suggest-subnets").click();
    await page.getByRole("status").filter({ hasText: "Suggested host subnet 10.28.0.0/23" }).waitFor();
    assert.equal(await textbox(page, "Host subnet Range").inputValue(), "10.28.0.0/23");
    await next(page, "Connectivity");
    await next(page, "Egress");
    assert.equal(await page.locator("#field-EgressType-nat-gateway").isChecked(), true);
    await textbox(page, "Idle timeout").fill("10");
    await next(page, "Review and export");
    const { downloaded: files, picture: zipped } = await downloadsMatchTheCli(page, "nat");
    assert.deepEqual(files, ["azuredeploy.json", "azuredeploy.parameters.json"]);
    const picture = await downloadText(page, page.getByTestId("download-diagram"));
    assert.equal(picture.name, "adb-e2e-nat.network.svg");
    assert.match(picture.text, /^<svg[^>]*>\s*<title[^>]*>[^<]*adb-e2e-nat/);
    assert.deepEqual(zipped, [picture.name, picture.text], "the archive's diagram is the one Download SVG gives");
  },

  "egress load balancer, new VNet": async (page) => {
    await workspaceStep(page, "adb-e2e-lb", "eastus");
    await next(page, "Address space");
    await next(page, "Connectivity");
    await next(page, "Egress");
    await page.locator("#field-EgressType-load-balancer").check();
    await textbox(page, "Backend pool name").fill("adb-e2e-outbound");
    await next(page, "Review and export");
    await downloadsMatchTheCli(page, "lb");

    // The review's diagram draws the chosen egress, and redraws when it changes.
    const diagram = page.getByTestId("network-diagram");
    const withLoadBalancer = await diagram.textContent();
    assert.match(withLoadBalancer, /outbound load balancer/i);
    await page.locator("#step-button-egress").click();
    await page.locator("#field-EgressType-nat-gateway").check();
    await page.locator("#step-button-review").click();
    await page.getByTestId("step-heading").filter({ hasText: "Review and export" }).waitFor();
    const withNatGateway = await diagram.textContent();
    assert.notEqual(withNatGateway, withLoadBalancer);
    assert.match(withNatGateway, /NAT gateway/i);
    assert.doesNotMatch(withNatGateway, /outbound load balancer/i);

    // The printed design record keeps the diagram and leaves out the buttons and previews.
    await page.emulateMedia({ media: "print" });
    assert.ok(await diagram.locator("svg").isVisible(), "the diagram is printed");
    assert.equal(await page.getByTestId("artifact-tabs").isVisible(), false, "the file list is not printed");
    await page.emulateMedia({ media: "screen" });
  },

  "firewall with routes, new VNet": async (page) => {
    await workspaceStep(page, "adb-e2e-fw", "westeurope");
    await next(page, "Address space");
    await textbox(page, "Ranges to stay clear of").fill("10.0.0.0/16 hub VNet\n192.168.0.0/16 on-premises");
    await next(page, "Connectivity");
    await next(page, "Egress");
    await page.locator("#field-EgressType-firewall").check();
    await textbox(page, "Firewall private IP").fill("10.0.1.4");
    await textbox(page, "More hosts the firewall must allow (optional)").fill("pypi.org\nfiles.pythonhosted.org");
    await next(page, "Review and export");
    const { downloaded: files } = await downloadsMatchTheCli(page, "firewall");
    assert.ok(files.includes("udr-checklist.md") && files.includes("firewall-checklist.csv"), files.join());

    // For a firewall without service tags: the checklists list the region's IP ranges, as `npip emit --ips` does.
    const tagged = await downloadText(page, fileButton(page, "firewall-md"));
    await page.getByRole("switch", { name: /IP ranges, not service tags/ }).check();
    const withIps = await downloadText(page, fileButton(page, "firewall-md"));
    assert.notEqual(withIps.text, tagged.text);
    assert.equal(withIps.text, npip(["emit", "firewall", join(dir, "firewall.npip-plan.json"), "--ips"]));
    assert.match(withIps.text, /\d+\.\d+\.\d+\.\d+\/\d+/);
  },

  "service-tag routes, existing VNet": async (page) => {
    await workspaceStep(page, "adb-e2e-tags", "southeastasia");
    await page.locator("#field-NetworkModel-existing-vnet").check();
    await textbox(page, "VNet resource ID").fill(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/spoke-vnet",
      );
    await next(page, "Address space");
    // The VNet's prefixes are typed on this step, so this step reports them missing: Next shows that first.
    await page.getByTestId("next").click();
    await page.getByTestId("step-summary").getByText(/no address prefixes/).waitFor();
    await textbox(page, "The VNet's address prefixes").fill("172.16.0.0/22");
    await textbox(page, "Ranges to stay clear of").fill("172.16.1.0/24 existing VM subnet");
    await page.getByTestId("suggest-subnets").click();
    await page.getByRole("status").filter({ hasText: /Suggested host subnet/ }).waitFor();
    await next(page, "Connectivity");
    await next(page, "Egress");
    await page.locator("#field-EgressType-service-tag-routes").check();
    await next(page, "Review and export");
    const { downloaded: files } = await downloadsMatchTheCli(page, "tags");
    assert.ok(files.includes("udr-checklist.csv"), files.join());
    // The deploy commands target the existing VNet's resource group.
    assert.match(await page.getByTestId("deploy-commands").textContent(), /--resource-group rg-spoke /);
  },

  "managed NAT gateway, managed VNet": async (page) => {
    await workspaceStep(page, "adb-e2e-managed", "northeurope");
    await page.locator("#field-NetworkModel-managed").check();
    await next(page, "Address space");
    await textbox(page, "Managed VNet prefix (optional)").fill("10.200");
    await next(page, "Connectivity");
    await next(page, "Egress");
    assert.deepEqual(await page.locator('input[name="field-EgressType"]').evaluateAll((r) => r.map((x) => x.value)), [
      "managed-nat-gateway",
    ]);
    await textbox(page, "NAT gateway name (optional)").fill("adb-e2e-managed-nat");
    await next(page, "Review and export");
    const { downloaded: files } = await downloadsMatchTheCli(page, "managed");
    assert.deepEqual(files, ["azuredeploy.json", "azuredeploy.parameters.json"]);
  },
};

for (const [name, journey] of Object.entries(journeys)) {
  test(`journey: ${name}, from a fresh page to files equal to npip's`, async () => {
    const { context, page, errors, origins } = await openPlanner(browser, server.url);
    try {
      await journey(page);
      assert.deepEqual(errors, [], "no console errors");
      assert.deepEqual([...origins], [server.origin], "no request leaves the origin");
    } finally {
      await context.close();
    }
  });
}
