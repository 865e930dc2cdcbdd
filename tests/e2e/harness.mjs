// Shared end-to-end harness: serves dist/ on 127.0.0.1 and drives Debian's
// Chromium through playwright-core (which never downloads a browser).
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import net from "node:net";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
const require = createRequire(path.join(root, "tools/package.json"));
export const { chromium } = require("playwright-core");
export const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run", "--disable-quic",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Serves a directory (default dist/) on 127.0.0.1; returns {url, close}. */
export async function serve(dir = path.join(root, "dist"), headers = {}) {
  const port = await freePort();
  const proc = spawn("python3", [path.join(root, "tests/e2e/server.py"), String(port), dir], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, SSB_TEST_HEADERS: JSON.stringify(headers) },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url + "/");
      if (r.ok || r.status === 404) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, close: () => proc.kill() };
}

export async function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Opens a page that records console errors and page errors. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1100, height: 900 }, colorScheme: options.colorScheme || "light", reducedMotion: options.reducedMotion || "no-preference", javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
    if (m.type() === "warning") warnings.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  return { page, context, errors, warnings };
}

/**
 * Runs in the page: whether the widget with this selector has mounted; one that
 * has not is scrolled to, since widgets mount as they near the viewport.
 */
export function widgetMounted(selector) {
  const el = document.querySelector(selector);
  if (!el) return false;
  if (el.shadowRoot && el.shadowRoot.querySelector(".ssb")) return true;
  el.scrollIntoView({ block: "nearest" });
  return false;
}

/** Waits until the explainer with this selector has mounted its controls or view. */
export async function waitForWidget(page, selector = "ssb-explainer") {
  await page.waitForFunction(widgetMounted, selector, { timeout: 20000 });
}

/** Adds an explainer per entry (its attributes, `id` among them) to the page's body, and waits for each with an id to mount. */
export async function addWidgets(page, widgets) {
  await page.evaluate((widgets) => {
    for (const attrs of widgets) {
      const el = document.createElement("ssb-explainer");
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
    }
  }, widgets);
  for (const w of widgets) if (w.id) await waitForWidget(page, `#${w.id}`);
}

/** Registers before/after hooks that serve the repository root and launch Chromium; returns a live handle. */
export function useBrowser(before, after) {
  const env = {};
  before(async () => {
    env.server = await serve(root);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}
