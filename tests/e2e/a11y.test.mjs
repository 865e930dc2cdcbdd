// Accessibility end to end: axe-core (all rules: WCAG 2.2 A/AA and best practices) on the built widget in
// every view, as chart and as table, light and dark, desktop and phone, and with
// no chemistry selected; and a keyboard-only walk through every control.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openPage, waitForWidget, axeSource, root } from "./harness.mjs";

const env = useBrowser(before, after);

async function widgetPage({ width = 1100, theme = "light", attrs = {} } = {}) {
  const opened = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`, { viewport: { width, height: 900 }, colorScheme: theme });
  await opened.page.evaluate((attrs) => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, { theme, ...attrs });
  await waitForWidget(opened.page, "#w");
  await opened.page.addScriptTag({ content: axeSource });
  return opened;
}

async function axe(page) {
  const result = await page.evaluate(async () => {
    // Every rule axe has (WCAG A/AA and best practices), on the widget.
    const r = await window.axe.run({ include: [["#w"]] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  return result;
}

for (const width of [1100, 360]) {
  for (const theme of ["light", "dark"]) {
    test(`axe finds no violations in any view, chart and table, ${theme}, ${width}px`, async () => {
      const { page, context, errors } = await widgetPage({ width, theme, attrs: { view: "timeline", year: "2026" } });
      const w = page.locator("#w");
      for (const tab of ["Timeline", "Energy density", "Manufacturing hurdles", "Readiness"]) {
        await w.getByRole("tab", { name: tab }).click();
        for (const asTable of [false, true]) {
          const toggle = w.getByRole("button", { name: "Show as table" });
          if ((await toggle.getAttribute("aria-pressed")) !== String(asTable)) await toggle.click();
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${tab}, ${asTable ? "table" : "chart"}`);
        }
      }
      // A selected mark's card, and the sources list opened.
      await w.getByRole("tab", { name: "Timeline" }).click();
      const toggle = w.getByRole("button", { name: "Show as table" });
      if ((await toggle.getAttribute("aria-pressed")) === "true") await toggle.click();
      await w.getByRole("button", { name: /MG4 Anxin Edition/ }).first().click();
      await w.locator("summary").click();
      assert.deepEqual(await axe(page), [], "card and sources");
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test("axe finds no violations with no chemistry selected", async () => {
  const { page, context } = await widgetPage({ attrs: { view: "energy" } });
  const w = page.locator("#w");
  for (const name of ["Liquid Li-ion", "Semi-solid", "Sulfide", "Oxide", "Polymer", "All-solid, route not stated"]) {
    await w.getByRole("button", { name, exact: true }).click();
  }
  await w.getByText("No chemistry is selected").first().waitFor();
  assert.deepEqual(await axe(page), []);
  for (const tab of ["Timeline", "Manufacturing hurdles", "Readiness"]) {
    await w.getByRole("tab", { name: tab }).click();
    assert.deepEqual(await axe(page), [], tab);
  }
  await context.close();
});

test("keyboard only: every control is reachable and operable, and a card opens", async () => {
  const { page, context, errors } = await widgetPage({ attrs: { view: "timeline", year: "2026" } });
  const active = () => page.evaluate(() => {
    const a = document.querySelector("#w").shadowRoot.activeElement;
    if (!a) return null;
    return { tag: a.tagName.toLowerCase(), role: a.getAttribute("role"), name: a.getAttribute("aria-label") || a.textContent.trim(), pressed: a.getAttribute("aria-pressed"), selected: a.getAttribute("aria-selected"), value: a.value };
  });
  await page.keyboard.press("Tab");
  assert.equal((await active()).name, "Liquid Li-ion");
  const outline = await page.evaluate(() => getComputedStyle(document.querySelector("#w").shadowRoot.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  await page.keyboard.press("Tab");
  assert.equal((await active()).name, "Semi-solid");
  await page.keyboard.press("Space");
  assert.equal((await active()).pressed, "false");
  await page.keyboard.press("Enter");
  assert.equal((await active()).pressed, "true");
  for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
  assert.match((await active()).name, /Play years/);
  await page.keyboard.press("Tab");
  let a = await active();
  assert.equal(a.tag, "input");
  await page.keyboard.press("ArrowRight");
  assert.equal((await active()).value, "2027");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("Home");
  assert.equal((await active()).value, "2024");
  await page.keyboard.press("End");
  assert.equal((await active()).value, "2030");
  await page.keyboard.press("Tab");
  a = await active();
  assert.equal(a.role, "tab");
  assert.equal(a.name, "Timeline");
  await page.keyboard.press("ArrowRight");
  a = await active();
  assert.equal(a.name, "Energy density");
  assert.equal(a.selected, "true");
  await page.keyboard.press("ArrowLeft");
  assert.equal((await active()).name, "Timeline");
  await page.keyboard.press("Tab");
  assert.equal((await active()).name, "Show as table");
  // Into the chart: one tab stop; the arrow keys move between marks, Enter opens
  // the card, the close button closes it.
  await page.keyboard.press("Tab");
  a = await active();
  assert.equal(a.role, "button");
  const firstMark = a.name;
  await page.keyboard.press("ArrowRight");
  a = await active();
  assert.equal(a.role, "button");
  assert.notEqual(a.name, firstMark, "ArrowRight moves to the next mark");
  const opened = a.name;
  await page.keyboard.press("Enter");
  const card = page.locator("#w .ssb-card");
  await card.waitFor();
  assert.ok((await card.innerText()).includes("Source"));
  let closeFound = false;
  for (let i = 0; i < 80 && !closeFound; i++) {
    await page.keyboard.press("Tab");
    closeFound = (await active())?.name === "Close details";
  }
  assert.ok(closeFound, "the card's close button is reachable");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#w .ssb-card").count(), 0);
  // Focus returns to the very mark that opened the card.
  assert.equal((await active()).role, "button");
  assert.equal((await active()).name, opened);
  assert.deepEqual(errors, []);
  await context.close();
});

test("under reduced motion the play button is off", async () => {
  const opened = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`, { reducedMotion: "reduce" });
  await opened.page.evaluate(() => document.body.append(Object.assign(document.createElement("ssb-explainer"), { id: "w" })));
  await waitForWidget(opened.page, "#w");
  assert.equal(await opened.page.locator("#w").getByRole("button", { name: /Play years/ }).isDisabled(), true);
  await opened.context.close();
});

test("play steps through the years and pauses", async () => {
  const { page, context } = await widgetPage({ attrs: { year: "2024" } });
  const w = page.locator("#w");
  await w.getByRole("button", { name: /Play years/ }).click();
  await page.waitForFunction(() => document.querySelector("#w").state.year >= 2025, null, { timeout: 5000 });
  await w.getByRole("button", { name: /Pause/ }).click();
  const year = await page.evaluate(() => document.querySelector("#w").state.year);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => document.querySelector("#w").state.year), year);
  await context.close();
});
