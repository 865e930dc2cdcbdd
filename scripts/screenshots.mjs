// Screenshots of every view at phone and desktop widths, light and dark, from
// the real dist/ build: docs/screenshots/<view>-<width>-<theme>.png.
import { serve, launch, openPage, waitForWidget, root } from "../tests/e2e/harness.mjs";
import path from "node:path";
import fs from "node:fs";

const out = path.join(root, "docs/screenshots");
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
const views = process.argv[2] ? process.argv[2].split(",") : ["timeline", "energy", "hurdles", "readiness"];
const widths = [{ name: "phone", width: 360 }, { name: "desktop", width: 1100 }];
try {
  for (const view of views) {
    for (const { name, width } of widths) {
      for (const theme of ["light", "dark"]) {
        const { page, context, errors } = await openPage(browser, `${server.url}/embed.html?view=${view}&year=2026&theme=${theme}`, { viewport: { width, height: 900 }, colorScheme: theme });
        await waitForWidget(page);
        await page.waitForTimeout(300);
        const file = path.join(out, `${view}-${name}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        if (errors.length) console.error(`${view} ${name} ${theme}: console errors:`, errors);
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
