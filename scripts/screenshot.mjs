// Takes the README's screenshots from the release build in dist/.
// usage: node scripts/screenshot.mjs   (after ./x dist)
import { serveDist, launchBrowser } from "../e2e/support.mjs";

const server = await serveDist("/");
const browser = await launchBrowser();
try {
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    await page.goto(server.url);
    await page.getByTestId("app-root").waitFor();
    await page.screenshot({ path: `docs/images/app-${scheme}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
