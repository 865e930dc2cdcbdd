// End to end: the built dist/ as a writer's page uses it, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openPage, waitForWidget, addWidgets, root } from "./harness.mjs";

const env = useBrowser(before, after);

test("the demo article mounts every embed, and a reader's click changes the view, with no console error", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/dist/index.html`);
  await waitForWidget(page, "#explorer");
  await waitForWidget(page, "#pinned-energy");
  await waitForWidget(page, "#hurdles");
  const explorer = page.locator("#explorer");
  const semi = explorer.getByRole("button", { name: "Semi-solid", exact: true });
  assert.equal(await semi.getAttribute("aria-pressed"), "true");
  await explorer.getByRole("tab", { name: "Energy density" }).click();
  await explorer.locator(".ssb").getByText("MG4 Anxin Edition").first().waitFor();
  await semi.click();
  assert.equal(await semi.getAttribute("aria-pressed"), "false");
  assert.equal(await explorer.locator(".ssb").getByText("MG4 Anxin Edition").filter({ visible: true }).count(), 0);
  // The pinned chart has no controls and kept its own state.
  const pinned = page.locator("#pinned-energy");
  assert.equal(await pinned.getByRole("tab").count(), 0);
  assert.ok((await pinned.locator(".ssb").getByText("MG4 Anxin Edition").filter({ visible: true }).count()) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the year slider answers the keyboard and the event reports the reader's state", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/dist/index.html`);
  await waitForWidget(page, "#explorer");
  await page.evaluate(() => {
    window.__events = [];
    window.__raw = [];
    window.__spread = (e) => window.__events.push({ target: e.target.id, ...e.detail });
    document.addEventListener("ssb-change", window.__spread);
    document.addEventListener("ssb-change", (e) => window.__raw.push(e));
  });
  const slider = page.locator("#explorer").getByRole("slider", { name: /Year/ });
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const events = await page.evaluate(() => window.__events);
  assert.equal(events.length, 2);
  assert.deepEqual(events[1], { target: "explorer", view: "timeline", year: 2024, chemistries: ["liquid", "semi-solid", "sulfide", "oxide", "polymer", "all-solid"], selected: null });
  // Events nobody read at once: each a CustomEvent whose detail, read later,
  // is the state when it fired, one object however often it is read.
  await page.evaluate(() => { document.removeEventListener("ssb-change", window.__spread); window.__raw = []; });
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const unread = await page.evaluate(() => window.__raw.map((e) => ({ custom: e instanceof CustomEvent, type: e.type, bubbles: e.bubbles, composed: e.composed, year: e.detail.year, same: e.detail === e.detail })));
  const fired = (year) => ({ custom: true, type: "ssb-change", bubbles: true, composed: true, year, same: true });
  assert.deepEqual(unread, [fired(2025), fired(2026)]);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  assert.ok((await page.locator("#explorer").getByText("End of 2024", { exact: true }).count()) > 0);
  await page.keyboard.press("End");
  assert.equal(await slider.inputValue(), "2030");
  assert.deepEqual(errors, []);
  await context.close();
});

test("attributes are reactive, and invalid ones fall back with one warning each", async () => {
  const { page, context, errors, warnings } = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`);
  await page.evaluate(() => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    el.setAttribute("view", "energy");
    el.setAttribute("year", "2024");
    document.body.append(el);
  });
  await waitForWidget(page, "#w");
  const w = page.locator("#w");
  assert.equal(await w.getByText("MG4 Anxin Edition").filter({ visible: true }).count(), 0);
  await page.evaluate(() => document.querySelector("#w").setAttribute("year", "2026"));
  await w.getByText("MG4 Anxin Edition").first().waitFor();
  await page.evaluate(() => document.querySelector("#w").setAttribute("chemistries", "sulfide,oxide"));
  assert.equal(await w.getByText("MG4 Anxin Edition").filter({ visible: true }).count(), 0);
  assert.equal(await w.getByRole("button", { name: "Semi-solid", exact: true }).getAttribute("aria-pressed"), "false");
  await page.evaluate(() => document.querySelector("#w").setAttribute("controls", "none"));
  assert.equal(await w.getByRole("tab").count(), 0);
  await page.evaluate(() => document.querySelector("#w").setAttribute("view", "readiness"));
  await w.getByText("How close to mass production?").waitFor();
  // Invalid values: defaults, one warning naming the attribute and the allowed values.
  await page.evaluate(() => {
    const el = document.querySelector("#w");
    el.setAttribute("view", "pie");
    el.setAttribute("year", "1999");
    el.setAttribute("chemistries", "lead-acid");
    el.setAttribute("theme", "sepia");
  });
  await w.getByText("What shipped, and what is only announced").waitFor();
  const ours = warnings.filter((m) => m.startsWith("<ssb-explainer>"));
  assert.equal(ours.length, 4, ours.join("\n"));
  assert.match(ours[0], /view="pie".*timeline, energy, hurdles, readiness/);
  assert.match(ours[1], /year="1999".*2024 to 2030/);
  assert.match(ours[2], /chemistries="lead-acid"/);
  assert.match(ours[3], /theme="sepia".*auto, light, dark/);
  assert.equal(await w.getByText("End of 2026", { exact: true }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("two instances on a hostile page stay independent and keep their own styles", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/hostile.html`);
  await waitForWidget(page, "#a");
  await waitForWidget(page, "#b");
  const a = page.locator("#a");
  const b = page.locator("#b");
  // Hostile CSS hides buttons and SVG on the page; inside the widget they stay visible.
  await a.getByRole("tab", { name: "Energy density" }).waitFor({ state: "visible" });
  const color = await page.evaluate(() => getComputedStyle(document.querySelector("#a").shadowRoot.querySelector(".ssb-title")).color);
  assert.notEqual(color, "rgb(255, 0, 0)");
  const spacing = await page.evaluate(() => getComputedStyle(document.querySelector("#a").shadowRoot.querySelector(".ssb-title")).letterSpacing);
  assert.equal(spacing, "normal");
  assert.ok(await a.locator(".ssb-bar:not([hidden]) .ssb-bar__svg").first().isVisible());
  // Changing one leaves the other alone.
  await a.getByRole("tab", { name: "Readiness" }).click();
  assert.equal(await a.getByRole("tab", { name: "Readiness" }).getAttribute("aria-selected"), "true");
  assert.equal(await b.getByRole("slider", { name: /Year/ }).inputValue(), "2030");
  assert.equal(await a.getByRole("slider", { name: /Year/ }).inputValue(), "2024");
  assert.equal(await b.getByRole("button", { name: "Semi-solid", exact: true }).getAttribute("aria-pressed"), "true");
  assert.equal(await a.getByRole("button", { name: "Sulfide", exact: true }).getAttribute("aria-pressed"), "false");
  // The module was imported twice; the element is defined once and works.
  assert.deepEqual(errors, []);
  await context.close();
});

test("removing and re-adding an element unmounts and mounts again without errors", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/dist/index.html`);
  await waitForWidget(page, "#explorer");
  for (let i = 0; i < 5; i++) {
    await page.evaluate(async () => {
      const el = document.querySelector("#explorer");
      const parent = el.parentNode;
      const next = el.nextSibling;
      el.remove();
      await new Promise((r) => setTimeout(r, 0));
      window.__removedChildren = el.shadowRoot.querySelectorAll(".ssb").length;
      parent.insertBefore(el, next);
    });
    assert.equal(await page.evaluate(() => window.__removedChildren), 0, "unmounted on removal");
    await waitForWidget(page, "#explorer");
  }
  assert.equal(await page.evaluate(() => document.querySelector("#explorer").shadowRoot.querySelectorAll(".ssb").length), 1);
  await page.locator("#explorer").getByRole("tab", { name: "Energy density" }).click();
  await page.locator("#explorer .ssb").getByText("MG4 Anxin Edition").first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the iframe page reports its height and the parent sizes the frame to it", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/dist/index.html`);
  const frame = page.locator("#iframe-embed");
  await frame.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => parseFloat(document.querySelector("#iframe-embed").style.height) > 600, null, { timeout: 20000 });
  const { frameHeight, docHeight } = await page.evaluate(() => {
    const f = document.querySelector("#iframe-embed");
    return { frameHeight: parseFloat(f.style.height), docHeight: f.contentDocument.documentElement.getBoundingClientRect().height };
  });
  assert.ok(Math.abs(frameHeight - Math.ceil(docHeight)) <= 1, `${frameHeight} vs ${docHeight}`);
  const inner = page.frameLocator("#iframe-embed").locator("ssb-explainer");
  assert.equal(await inner.getByRole("tab", { name: "Readiness" }).getAttribute("aria-selected"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("without JavaScript the page shows the static summary and energy table with sources", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}/dist/index.html`, { javaScriptEnabled: false });
  const fallback = page.locator("#explorer .ssb-fallback");
  assert.ok(await fallback.isVisible());
  const text = await fallback.innerText();
  assert.match(text, /Semi-solid batteries/);
  assert.match(text, /MG4 Anxin Edition/);
  assert.match(text, /400\u00a0Wh\/kg/);
  assert.match(text, /Tipping Point \(Feb 2026\)/);
  assert.ok((await fallback.locator("table th[scope=col]").count()) >= 5);
  await context.close();
});

test("a disagreement between two documents shows on its item in Readiness: the marker, both sides and both sources", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`);
  await page.evaluate(() => {
    const el = Object.assign(document.createElement("ssb-explainer"), { id: "w" });
    el.setAttribute("view", "readiness");
    el.setAttribute("year", "2026");
    document.body.append(el);
  });
  await waitForWidget(page, "#w");
  const w = page.locator("#w");
  const gotion = w.locator(".ssb-trl li.ssb-bar").filter({ has: page.locator(".ssb-bar__name", { hasText: "Gotion" }) });
  assert.equal(await gotion.count(), 1);
  assert.equal(await gotion.locator(".ssb-bar__label .ssb-flag").count(), 1, "the row carries the sources-disagree marker");
  // The disagreement is a disclosure beside the row: closed, then opened by the reader.
  const toggle = gotion.locator("summary", { hasText: "Sources disagree: How far along is the sulfide route?" });
  const conflict = gotion.getByRole("region", { name: /Sources disagree: How far along is the sulfide route\?/ });
  assert.equal(await conflict.isVisible(), false);
  await toggle.click();
  await conflict.waitFor({ state: "visible" });
  const text = await conflict.innerText();
  assert.match(text, /Readiness differs/);
  assert.match(text, /lab-to-pilot transition/);
  assert.match(text, /Process Engineering \(mid-2026\), Where We Actually Are in 2026/);
  assert.match(text, /TRL 7/);
  assert.match(text, /How Far \(2025\), 01/);
  // The outlook names who says what comes next, with its period.
  const outlook = w.getByRole("region", { name: "What comes next, and who says so" });
  assert.match(await outlook.innerText(), /2026–2028 · Forecast · Process Engineering/);
  assert.match(await outlook.innerText(), /Dry-electrode processing/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a chart left hidden while the reader works in another view shows the reader's state when it comes back", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`);
  await addWidgets(page, [{ id: "a" }, { id: "b" }]);
  // What a reader sees of a widget's chart: the timeline's name and its visible
  // marks with their classes, or the energy chart's visible bars.
  const seen = (id) => page.evaluate((id) => {
    const r = document.getElementById(id).shadowRoot;
    const visible = (e) => e.getBoundingClientRect().height > 0;
    const svg = r.querySelector(".ssb-tl svg");
    const marks = [...r.querySelectorAll(".ssb-tl [data-item]")].filter(visible).map((m) => `${m.getAttribute("data-item")} ${m.getAttribute("class")}`);
    const bars = [...r.querySelectorAll(".ssb-bar")].filter(visible).map((b) => b.textContent);
    return JSON.stringify({ label: visible(svg) ? svg.getAttribute("aria-label") : null, marks, bars });
  }, id);
  // The reader moves #a's year slider; #b, the reference, is set by attributes.
  const slideTo = (year) => page.evaluate((year) => {
    const s = document.getElementById("a").shadowRoot.querySelector("input[type=range]");
    s.value = year;
    s.dispatchEvent(new Event("input", { bubbles: true }));
  }, year);
  const setReference = (attributes) => page.evaluate((attributes) => {
    for (const [name, value] of Object.entries(attributes)) document.getElementById("b").setAttribute(name, value);
  }, attributes);
  const a = page.locator("#a");
  // The reader opens Energy density from the timeline and changes chemistry and year there...
  await a.getByRole("tab", { name: "Energy density" }).click();
  await a.getByRole("button", { name: "Sulfide", exact: true }).click();
  await slideTo("2024");
  // ...and the timeline, hidden meanwhile, shows that state when it is back,
  // as a widget opened on it does.
  await a.getByRole("tab", { name: "Timeline" }).click();
  await setReference({ chemistries: "liquid,semi-solid,oxide,polymer,all-solid", year: "2024" });
  await page.waitForTimeout(100);
  const timeline = await seen("a");
  assert.match(JSON.parse(timeline).label, /^Timeline as of the end of 2024/);
  assert.equal(timeline, await seen("b"));
  // The other way round: energy hidden while the reader works on the timeline.
  await a.getByRole("button", { name: "Sulfide", exact: true }).click();
  await slideTo("2030");
  await a.getByRole("tab", { name: "Energy density" }).click();
  await setReference({ chemistries: "liquid,semi-solid,sulfide,oxide,polymer,all-solid", year: "2030", view: "energy" });
  await page.waitForTimeout(100);
  const energy = await seen("a");
  assert.ok(JSON.parse(energy).bars.length > 0);
  assert.equal(energy, await seen("b"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the demo article and the iframe page preload the wasm, and the loader uses that copy: one download, no warning", async () => {
  for (const url of ["/dist/index.html", "/dist/embed.html?view=energy"]) {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const warnings = [];
    page.on("console", (m) => ["warning", "error"].includes(m.type()) && warnings.push(m.text()));
    const wasm = [];
    page.on("request", (r) => {
      if (r.frame() === page.mainFrame() && new URL(r.url()).pathname.endsWith("/pkg/ssb_explainer_bg.wasm")) wasm.push(r.url());
    });
    await page.goto(env.server.url + url, { waitUntil: "load" });
    await waitForWidget(page);
    const preload = await page.evaluate(() => {
      const link = document.querySelector('head link[rel="preload"][as="fetch"]');
      return link && { href: link.href, crossOrigin: link.crossOrigin };
    });
    assert.ok(preload?.href.endsWith("/pkg/ssb_explainer_bg.wasm"), `${url}: a preload of the widget's wasm in <head>`);
    assert.equal(preload.crossOrigin, "anonymous", `${url}: the preload matches the loader's fetch()`);
    // A preload the loader's request cannot use is a second download, and
    // Chromium warns that it was not used.
    assert.equal(wasm.length, 1, `${url}: the wasm was asked for ${wasm.length} times`);
    assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], url);
    await context.close();
  }
});
