// Firefox harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver
// BiDi (puppeteer-core never downloads a browser). Serves the repository root.
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { serve, root, widgetMounted } from "../e2e/harness.mjs";

const require = createRequire(path.join(root, "tools/package.json"));
const puppeteer = require("puppeteer-core");

/** Prefs that keep Firefox off the (closed) network and quiet. */
const PREFS = {
  "app.update.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "extensions.update.enabled": false,
  "media.gmp-manager.updateEnabled": false,
  "browser.newtabpage.enabled": false,
  "browser.startup.homepage": "about:blank",
};

export async function launchFirefox() {
  return puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    protocol: "webDriverBiDi",
    extraPrefsFirefox: PREFS,
    userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), "ssb-firefox-")),
    env: { ...process.env, MOZ_HEADLESS: "1" },
  });
}

/** Opens a page that records console errors and page errors. */
export async function openFirefoxPage(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors };
}

/** Waits until the widget with this selector has mounted (scrolling to it if needed). */
export async function waitForFirefoxWidget(page, selector) {
  await page.waitForFunction(widgetMounted, { timeout: 30000 }, selector);
}

export { serve, root };
