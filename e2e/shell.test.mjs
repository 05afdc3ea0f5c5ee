// The release build loads, shows the shell, logs no error and talks to no origin but its own, at the root and
// under a sub-path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launchBrowser, watchedPage, ensureRootBuild, ROOT_DIST } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const base of ["/", "/some/sub/path/"]) {
  test(`shell loads from ${base} with no console error and no foreign request`, async () => {
    const server = await serveDist(base);
    try {
      const { context, page, errors, origins } = await watchedPage(browser);
      await page.goto(server.url);
      await page.getByTestId("step-list").waitFor();
      assert.equal(await page.title(), "NPIP Planner");
      assert.equal(await page.getByTestId("step-list").locator("li").count(), 6);
      assert.match(await page.getByTestId("version").textContent(), /^Version \d+\.\d+\.\d+/);
      assert.deepEqual(errors, []);
      assert.deepEqual([...origins], [server.origin]);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /connect-src 'self'(;|$)/);
      await context.close();
    } finally {
      await server.close();
    }
  });
}

/// Visits the planner once, then reloads it offline: the service worker must have kept every file the page loads.
async function worksOfflineAfterOneVisit(server) {
  const { context, page, errors, origins } = await watchedPage(browser);
  try {
    await page.goto(server.url);
    await page.getByTestId("step-heading").waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("step-heading").waitFor();
    assert.equal(await page.getByTestId("step-heading").textContent(), "Workspace");
    assert.deepEqual(errors, []);
    assert.deepEqual([...origins], [server.origin]);
  } finally {
    await context.close();
  }
}

test("after one visit the planner works offline, from a sub-path", async () => {
  const server = await serveDist("/tools/npip/");
  try {
    await worksOfflineAfterOneVisit(server);
  } finally {
    await server.close();
  }
});

test("after one visit the build with root-relative asset URLs (./x serve's) works offline too", async () => {
  ensureRootBuild();
  const server = await serveDist("/", ROOT_DIST);
  try {
    await worksOfflineAfterOneVisit(server);
  } finally {
    await server.close();
  }
});
