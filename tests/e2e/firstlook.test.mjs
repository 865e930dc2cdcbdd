// The first look, end to end on the built dist/: the timeline names what it
// shows (direct labels that never collide), the chart is one tab stop with
// arrow keys, a card opens beside its mark and Escape returns focus, every view
// has a takeaway and a key (also without controls).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openPage, waitForWidget } from "./harness.mjs";

const env = useBrowser(before, after);

async function widgetPage({ width = 1100, attrs = {} } = {}) {
  const opened = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/plain.html`, { viewport: { width, height: 900 } });
  await opened.page.evaluate((attrs) => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, attrs);
  await waitForWidget(opened.page, "#w");
  return opened;
}

/** Label texts of the timeline, and every text's box in the chart. */
function chartTexts(page) {
  return page.evaluate(() => {
    const r = document.querySelector("#w").shadowRoot;
    const svg = r.querySelector(".ssb-tl svg");
    const s = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")]
      .filter((t) => t.getClientRects().length && getComputedStyle(t).display !== "none" && !t.closest(".ssb-flag-mark"))
      .map((t) => { const b = t.getBoundingClientRect(); return { text: t.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom }; });
    const labels = [...svg.querySelectorAll(".ssb-tl__label")].map((t) => t.textContent);
    const root = r.querySelector(".ssb-root") || r.host;
    const w = r.host.getBoundingClientRect();
    return { texts, labels, svg: { l: s.left, r: s.right }, host: { l: w.left, r: w.right } };
  });
}

/** Companies and statuses from the table of the same state. */
async function tableRows(page) {
  const w = page.locator("#w");
  await w.getByRole("button", { name: "Show as table" }).click();
  const rows = await page.evaluate(() => [...document.querySelector("#w").shadowRoot.querySelectorAll(".ssb-table tbody tr")]
    .map((tr) => ({ company: tr.querySelector("th button").textContent.split(": ")[0], status: tr.children[3].textContent.trim() })));
  await w.getByRole("button", { name: "Show as table" }).click();
  return rows;
}

for (const width of [1100, 360]) {
  test(`the timeline names its marks without collisions at ${width}px`, async () => {
    const { page, context, errors } = await widgetPage({ width, attrs: { view: "timeline", year: "2026" } });
    const { texts, labels, svg, host } = await chartTexts(page);
    const rows = await tableRows(page);
    const companies = [...new Set(rows.map((r) => r.company))];
    const named = companies.filter((c) => labels.includes(c));
    if (width >= 1000) {
      assert.ok(named.length >= 0.8 * companies.length, `${named.length} of ${companies.length} companies named`);
    } else {
      const happened = rows.filter((r) => ["Shipped", "Pilot line", "Samples", "Demonstration"].includes(r.status));
      for (const r of happened) assert.ok(labels.includes(r.company), `${r.company} (${r.status}) is named on a phone`);
    }
    assert.ok(texts.length > labels.length, "axis and lane texts are there too");
    const noCollisions = ({ texts, svg, host }, year) => {
      for (let i = 0; i < texts.length; i++) {
        const a = texts[i];
        assert.ok(a.l >= Math.min(svg.l, host.l) - 0.5 && a.r <= Math.max(svg.r, host.r) + 0.5, `${year}: "${a.text}" leaves the chart`);
        for (const b of texts.slice(i + 1)) {
          const overlap = a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
          assert.ok(!overlap, `${year}: "${a.text}" overlaps "${b.text}"`);
        }
      }
    };
    noCollisions({ texts, svg, host }, 2026);
    // At the last year the "now" label sits at the right edge, clear of "2030".
    await page.evaluate(() => document.querySelector("#w").setAttribute("year", "2030"));
    await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelector(".ssb-now text").textContent === "End of 2030");
    const at2030 = await chartTexts(page);
    assert.ok(at2030.texts.some((t) => t.text === "End of 2030"));
    noCollisions(at2030, 2030);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the takeaway follows the year and the chemistries", async () => {
  const { page, context } = await widgetPage({ attrs: { view: "timeline", year: "2024" } });
  const takeaway = () => page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector(".ssb-takeaway").textContent);
  const t2024 = await takeaway();
  assert.match(t2024, /^By the end of 2024, \d+ products? had shipped/);
  await page.evaluate(() => document.querySelector("#w").setAttribute("year", "2030"));
  await page.waitForFunction((old) => document.querySelector("#w").shadowRoot.querySelector(".ssb-takeaway").textContent !== old, t2024);
  const t2030 = await takeaway();
  assert.match(t2030, /^By the end of 2030/);
  await page.evaluate(() => document.querySelector("#w").setAttribute("chemistries", "sulfide"));
  await page.waitForFunction(() => /no product with these chemistries had shipped/.test(document.querySelector("#w").shadowRoot.querySelector(".ssb-takeaway").textContent));
  // The live region says the same sentence.
  const live = await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector("[aria-live]").textContent);
  assert.ok(live.includes(await takeaway()));
  await context.close();
});

for (const width of [1100, 360]) {
  test(`a mark under the "now" line opens its card in view; Escape returns focus to the mark (${width}px)`, async () => {
    const { page, context, errors } = await widgetPage({ width, attrs: { view: "timeline", year: "2026" } });
    // Toyota's mass-production target starts where the "End of 2026" line stands.
    const mark = page.locator("#w [data-item='toyota-target']");
    await mark.scrollIntoViewIfNeeded();
    const box = await mark.boundingBox();
    const now = await page.locator("#w .ssb-now line").boundingBox();
    assert.ok(Math.abs(box.x + box.width / 2 - (now.x + now.width / 2)) < 14, "the mark sits under the line");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.locator("#w .ssb-card");
    await card.waitFor();
    assert.match(await card.innerText(), /Toyota/);
    const focused = () => page.evaluate(() => {
      const a = document.querySelector("#w").shadowRoot.activeElement;
      return a ? (a.getAttribute("data-item") || a.className.baseVal || a.className) : null;
    });
    assert.match(String(await focused()), /ssb-card/, "focus moves into the card");
    const c = await card.boundingBox();
    const at = await mark.boundingBox(); // again: focusing the card may scroll
    assert.ok(c.y >= -2 && c.y < 900, `the card starts in view (${c.y})`);
    assert.ok(c.x >= 0 && c.x + c.width <= width + 1, "and fits the width");
    const below = Math.abs(c.y - (at.y + at.height)) < 40;
    const above = Math.abs(c.y + c.height - at.y) < 40;
    assert.ok(below || above, `next to its mark (card ${c.y}–${c.y + c.height}, mark ${at.y}–${at.y + at.height})`);
    assert.ok(width < 600 || Math.abs(c.x - at.x) < 400, "beside it on a wide screen");
    await page.keyboard.press("Escape");
    assert.equal(await card.count(), 0);
    await page.waitForFunction(() => document.querySelector("#w").shadowRoot.activeElement?.getAttribute("data-item") === "toyota-target");
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the chart is one tab stop; arrow keys, Home and End move between marks", async () => {
  const { page, context } = await widgetPage({ attrs: { view: "timeline", year: "2026" } });
  const stops = await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelectorAll("[data-item][tabindex='0']").length);
  assert.equal(stops, 1);
  const marks = await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelectorAll(".ssb-tl [data-item]").length);
  assert.ok(marks > 30);
  await page.locator("#w").getByRole("button", { name: "Show as table" }).focus();
  await page.keyboard.press("Tab");
  const active = () => page.evaluate(() => document.querySelector("#w").shadowRoot.activeElement?.getAttribute("data-item") ?? null);
  const first = await active();
  assert.ok(first, "Tab enters the chart");
  await page.keyboard.press("ArrowRight");
  const second = await active();
  assert.ok(second && second !== first, "ArrowRight moves on");
  assert.equal(await page.evaluate(() => document.querySelector("#w").shadowRoot.activeElement.getAttribute("tabindex")), "0", "the stop moves with focus");
  await page.keyboard.press("End");
  const last = await active();
  await page.keyboard.press("Home");
  assert.equal(await active(), first);
  assert.notEqual(last, first);
  await page.keyboard.press("ArrowDown");
  assert.notEqual(await active(), first, "ArrowDown goes to the row below");
  const name = await page.evaluate(() => document.querySelector("#w").shadowRoot.activeElement.getAttribute("aria-label"));
  assert.match(name, /\(.+\)/, "the name has the date");
  // One more Tab leaves the chart.
  await page.keyboard.press("Tab");
  assert.equal(await active(), null);
  await context.close();
});

test("every view has a key and a takeaway, also with controls hidden", async () => {
  for (const view of ["timeline", "energy", "hurdles", "readiness"]) {
    const { page, context } = await widgetPage({ attrs: { view, year: "2026", controls: "none" } });
    const got = await page.evaluate(() => {
      const r = document.querySelector("#w").shadowRoot;
      const key = r.querySelector(".ssb-chartkey");
      return { key: key?.innerText ?? "", takeaway: r.querySelector(".ssb-takeaway")?.textContent ?? "" };
    });
    assert.match(got.key, /Sources disagree/, view);
    assert.match(got.key, /Semi-solid/, view);
    assert.match(got.key, /level\?/, view);
    if (view === "timeline") assert.match(got.key, /Pilot line/);
    assert.ok(got.takeaway.length > 40, `${view}: ${got.takeaway}`);
    await context.close();
  }
});

test("the timeline is laid out again when the page narrows, and a toggle keeps the new layout", async () => {
  const { page, context, errors } = await widgetPage({ width: 1100, attrs: { view: "timeline", year: "2026" } });
  const layout = () => page.evaluate(() => {
    const r = document.querySelector("#w").shadowRoot;
    const svg = r.querySelector(".ssb-tl svg");
    return { width: svg.getBoundingClientRect().width, more: r.querySelectorAll("[data-expand]").length, lanes: [...r.querySelectorAll(".ssb-tl__lane-label")].filter((t) => t.getBoundingClientRect().height > 0).length };
  });
  const wide = await layout();
  assert.equal(wide.more, 0, "every mark fits at desktop width");
  await page.setViewportSize({ width: 340, height: 900 });
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelectorAll("[data-expand]").length > 0);
  const narrow = await layout();
  assert.ok(narrow.width < 340, `the chart fits the phone: ${narrow.width}`);
  // A toggle changes the widget's height, not its width: the phone layout stays.
  await page.locator("#w").getByRole("button", { name: "Sulfide" }).click();
  await page.waitForFunction((n) => [...document.querySelector("#w").shadowRoot.querySelectorAll(".ssb-tl__lane-label")].filter((t) => t.getBoundingClientRect().height > 0).length === n - 1, narrow.lanes);
  await page.waitForTimeout(100);
  const toggled = await layout();
  assert.ok(toggled.width < 340 && toggled.more > 0, JSON.stringify(toggled));
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelectorAll("[data-expand]").length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a chemistry toggled off: the chart ends below its last lane and what follows it takes clicks", async () => {
  const { page, context, errors } = await widgetPage();
  const measure = () => page.evaluate(() => {
    const r = document.querySelector("#w").shadowRoot;
    const button = [...r.querySelectorAll("button")].find((b) => b.textContent.trim() === "Copy link");
    button.scrollIntoView({ block: "center" });
    const copy = button.getBoundingClientRect();
    const frame = r.querySelector(".ssb-tl__frame").getBoundingClientRect();
    const lanes = [...r.querySelectorAll(".ssb-tl__lane-bg")].filter((l) => l.getBoundingClientRect().height > 0).map((l) => l.getBoundingClientRect());
    const hit = r.elementFromPoint(copy.x + copy.width / 2, copy.y + copy.height / 2);
    return { frameToCopy: copy.top - frame.bottom, laneToFrame: frame.bottom - Math.max(...lanes.map((l) => l.bottom)), height: frame.height, hit: hit?.textContent.trim() };
  });
  const before = await measure();
  await page.locator("#w").getByRole("button", { name: "All-solid, route not stated" }).click();
  await page.waitForFunction(() => [...document.querySelector("#w").shadowRoot.querySelectorAll(".ssb-tl__lane-label")].filter((t) => t.getBoundingClientRect().height > 0).length === 5);
  const after = await measure();
  for (const m of [before, after]) {
    assert.ok(m.laneToFrame >= 0 && m.laneToFrame < 4, `the chart ends at its last lane: ${JSON.stringify(m)}`);
    assert.equal(m.hit, "Copy link", `nothing covers the share bar: ${JSON.stringify(m)}`);
  }
  assert.ok(after.height < before.height - 100, `the chart is shorter: ${before.height} -> ${after.height}`);
  assert.equal(after.frameToCopy, before.frameToCopy, "the share bar follows the chart up");
  await page.getByRole("button", { name: "Copy link" }).click();
  assert.deepEqual(errors, []);
  await context.close();
});
