// Smoke tests of the built dist/ in a second engine: Debian's Firefox ESR.
// The demo article, a toggle, the year slider, a data-src error, a strict CSP,
// and no console error anywhere. Fails when the widget does not render there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchFirefox, openFirefoxPage, waitForFirefoxWidget, serve, root } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve(root);
  browser = await launchFirefox();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** An element inside a widget's shadow root. */
function inWidget(page, host, selector) {
  return page.evaluateHandle((host, selector) => document.querySelector(host).shadowRoot.querySelector(selector), host, selector);
}

/** A button in a widget by its visible name. */
function buttonNamed(page, host, name) {
  return page.evaluateHandle((host, name) =>
    [...document.querySelector(host).shadowRoot.querySelectorAll("button")].find((b) => b.textContent.trim() === name), host, name);
}

const textOf = (page, host) => page.evaluate((host) => document.querySelector(host).shadowRoot.querySelector(".ssb").innerText, host);

test("Firefox: the demo article mounts every embed, and a toggle and the year slider work", async () => {
  const { page, errors } = await openFirefoxPage(browser, `${server.url}/dist/index.html`);
  for (const id of ["#pinned-energy", "#explorer", "#hurdles"]) await waitForFirefoxWidget(page, id);
  await page.evaluate(() => document.querySelector("#explorer").scrollIntoView());
  const energyTab = await buttonNamed(page, "#explorer", "Energy density");
  await energyTab.click();
  await page.waitForFunction(() => document.querySelector("#explorer").shadowRoot.querySelector(".ssb").innerText.includes("MG4 Anxin Edition"));
  const semi = await buttonNamed(page, "#explorer", "Semi-solid");
  assert.equal(await semi.evaluate((b) => b.getAttribute("aria-pressed")), "true");
  await semi.click();
  await page.waitForFunction(() => [...document.querySelector("#explorer").shadowRoot.querySelectorAll("button")].find((b) => b.textContent.trim() === "Semi-solid").getAttribute("aria-pressed") === "false");
  assert.ok(!(await textOf(page, "#explorer")).includes("MG4 Anxin Edition"), "semi-solid bars hidden");
  const slider = await inWidget(page, "#explorer", 'input[type="range"]');
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.querySelector("#explorer").state.year), 2024);
  assert.equal(await slider.evaluate((s) => s.value), "2024");
  assert.deepEqual(errors, []);
  await page.close();
});

test("Firefox: a data-src that is not JSON shows what is wrong and keeps the built-in data", async () => {
  const { page } = await openFirefoxPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  await page.evaluate(() => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    el.setAttribute("view", "energy");
    el.setAttribute("data-src", "/tests/firefox/not-a-dataset.txt");
    document.body.append(el);
  });
  await waitForFirefoxWidget(page, "#w");
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelector('[role="alert"]'), { timeout: 15000 });
  const alert = await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector('[role="alert"]').innerText);
  assert.match(alert, /not a valid dataset: at \$/);
  assert.ok((await textOf(page, "#w")).includes("MG4 Anxin Edition"), "built-in data shown");
  await page.close();
});

test("Firefox: a page with a strict CSP runs the widget with zero policy violations and no console error", async () => {
  const { page, errors } = await openFirefoxPage(browser, `${server.url}/tests/e2e/pages/csp.html`);
  await waitForFirefoxWidget(page, "#a");
  await waitForFirefoxWidget(page, "#b");
  const tab = await buttonNamed(page, "#a", "Manufacturing hurdles");
  await tab.click();
  await page.waitForFunction(() => document.querySelector("#a").shadowRoot.querySelector(".ssb").innerText.includes("Dry rooms"));
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});
