// End to end: what a reader can take away and what a writer can point at —
// the download menu (CSV of the view's table, SVG and PNG of its chart), the
// copy-link control, the `selected` attribute and `#ssb:` links, on plain,
// hostile-data and strict-CSP pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForWidget, root, axeSource } from "./harness.mjs";

const dataDir = path.join(root, "target/e2e-data");
const builtIn = JSON.parse(fs.readFileSync(path.join(root, "src/data/solid-state-batteries.json"), "utf8"));
let server, browser;

const FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\rCR"];
const MARKUP = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">";

before(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  const hostile = structuredClone(builtIn);
  hostile.milestones.forEach((m, i) => {
    m.product = `${FORMULAS[i % FORMULAS.length]} ${MARKUP} ${m.product}`;
    m.company = `${FORMULAS[(i + 1) % FORMULAS.length]} <b>Co</b>`;
  });
  hostile.hurdles.forEach((h) => (h.name = `=CMD|' /C calc'!A0 ${MARKUP}`));
  hostile.readiness.forEach((t) => (t.subject = `@${MARKUP}`));
  fs.writeFileSync(path.join(dataDir, "formulas.json"), JSON.stringify(hostile));
  server = await serve(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A plain page with one widget `#w` with these attributes. */
async function widgetPage(attrs = {}, options = {}) {
  const opened = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`, options);
  await opened.page.evaluate((attrs) => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, attrs);
  await waitForWidget(opened.page, "#w");
  return opened;
}

/** Chooses `item` in the widget's download menu; returns {name, bytes, status}. */
async function download(page, item, w = page.locator("#w")) {
  await w.getByRole("button", { name: "Download" }).click();
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), w.getByRole("menuitem", { name: item }).click()]);
  const file = path.join(dataDir, `dl-${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  await page.waitForFunction((sel) => !/Preparing|Drawing/.test(document.querySelector(sel).shadowRoot.querySelector(".ssb-share__status")?.textContent || ""), "#" + (await w.getAttribute("id")));
  return { name: dl.suggestedFilename(), bytes, status: await w.locator(".ssb-share__status").textContent() };
}

/** RFC 4180: rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += c;
  }
  assert.equal(cell, "", "the file ends with CRLF");
  return rows;
}

/** The rows of the view's table on screen: each row's header and cells as text. */
async function tableRows(page, caption) {
  return page.locator("#w").evaluate((el, caption) => {
    const table = [...el.shadowRoot.querySelectorAll("table")].find((t) => t.caption?.textContent.startsWith(caption));
    const text = (n) => {
      const c = n.cloneNode(true);
      c.querySelectorAll(".ssb-sr, .ssb-flag, .ssb-block").forEach((x) => x.remove());
      return c.textContent.trim();
    };
    return [...table.tBodies[0].rows].map((r) => [...r.cells].map(text));
  }, caption);
}

/** Parses an SVG file in the page: its title, texts, element and attribute names. */
async function readSvg(page, text) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const all = [...doc.querySelectorAll("*")];
    return {
      error: doc.querySelector("parsererror")?.textContent || null,
      root: doc.documentElement.localName,
      title: doc.querySelector("title")?.textContent,
      texts: [...doc.querySelectorAll("text")].map((t) => t.textContent),
      elements: [...new Set(all.map((e) => e.localName))].sort(),
      attributes: [...new Set(all.flatMap((e) => [...e.attributes].map((a) => a.name)))].sort(),
      width: Number(doc.documentElement.getAttribute("width")),
      height: Number(doc.documentElement.getAttribute("height")),
    };
  }, text);
}

/** The width and height a PNG declares in its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "a PNG signature");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const OWN_ELEMENTS = ["circle", "g", "line", "path", "rect", "svg", "text", "title"];

test("the CSV of each view has the rows of its table, a header row and sources; the file says view and year", async () => {
  const { page, context, errors } = await widgetPage({ year: "2027", chemistries: "sulfide,oxide,semi-solid" });
  const w = page.locator("#w");
  await w.getByRole("button", { name: "Show as table" }).click();
  const timeline = await download(page, "Data (CSV)");
  assert.equal(timeline.name, "ssb-timeline-2027.csv");
  assert.notEqual(timeline.bytes[0], 0xef, "no byte-order mark");
  const csv = parseCsv(timeline.bytes.toString("utf8"));
  assert.deepEqual(csv[0], ["Date", "Company", "Product", "Chemistry", "Status", "As of 2027", "Sources disagree", "Sources"]);
  const shown = await tableRows(page, "Milestones as of the end of 2027");
  assert.ok(shown.length > 5);
  assert.deepEqual(csv.slice(1).map((r) => [r[0], `${r[1]}: ${r[2]}`, r[3], r[4], r[5], r[7]]), shown);
  assert.match(timeline.status, /Downloaded ssb-timeline-2027\.csv/);

  await w.getByRole("tab", { name: "Energy density" }).click();
  const energy = parseCsv((await download(page, "Data (CSV)")).bytes.toString("utf8"));
  assert.deepEqual(energy[0].slice(3, 7), ["Energy density", "Value", "Value (upper end of a range)", "Unit"]);
  const bars = await tableRows(page, "Energy density figures known by the end of 2027");
  assert.equal(energy.length - 1, bars.length);
  energy.slice(1).forEach((r, i) => {
    assert.equal(r[3], bars[i][2], "the value as the table shows it");
    assert.ok(r.at(-1).length > 0, `row ${i} has its sources`);
  });
  assert.ok(energy.slice(1).every((r) => r[6] === "" || r[6] === "Wh/kg"));

  await w.getByRole("tab", { name: "Manufacturing hurdles" }).click();
  const hurdles = parseCsv((await download(page, "Data (CSV)")).bytes.toString("utf8"));
  const matrix = await tableRows(page, "Severity of each hurdle by chemistry");
  assert.deepEqual(hurdles.slice(1).map((r) => r[0]), matrix.map((r) => r[0]));
  assert.deepEqual(hurdles[0], ["Hurdle", "Severity: Semi-solid", "Why: Semi-solid", "Severity: Sulfide", "Why: Sulfide", "Severity: Oxide", "Why: Oxide", "Sources"]);
  assert.deepEqual(hurdles.slice(1).map((r) => [r[1], r[3], r[5]]), matrix.map((r) => [r[1], r[2], r[3]]));

  await w.getByRole("tab", { name: "Readiness" }).click();
  const ready = parseCsv((await download(page, "Data (CSV)")).bytes.toString("utf8"));
  const trl = await tableRows(page, "TRL assessments holding by the end of 2027");
  assert.deepEqual(ready.slice(1).map((r) => [r[0], r[1], r[2], r[5]]), trl.map((r) => [r[0], r[1], r[2], r[3]]));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the SVG names the chart, the state and the sources, draws every mark, and the PNG is twice its size", async () => {
  const { page, context, errors } = await widgetPage({ year: "2026", chemistries: "sulfide,oxide", theme: "dark" });
  const svgFile = await download(page, "Chart (SVG)");
  assert.equal(svgFile.name, "ssb-timeline-2026.svg");
  const svg = await readSvg(page, svgFile.bytes.toString("utf8"));
  assert.equal(svg.error, null);
  assert.equal(svg.root, "svg");
  assert.equal(svg.title, "What shipped, and what is only announced");
  assert.ok(svg.texts.includes("As of the end of 2026 · Sulfide, Oxide"), svg.texts.slice(0, 3).join(" | "));
  assert.ok(svg.texts.some((t) => t.startsWith("Sources: ") || t.includes("Sources: ")), "a source line");
  assert.ok(svg.texts.includes("End of 2026"));
  assert.deepEqual(svg.elements.filter((e) => !OWN_ELEMENTS.includes(e)), []);
  assert.ok(!svg.attributes.includes("class") && !svg.attributes.includes("style"), "styled with presentation attributes");
  // Dark theme: the file's background is the widget's dark background.
  const bg = await page.locator("#w .ssb-root").evaluate((el) => getComputedStyle(el).getPropertyValue("--bg").trim());
  assert.ok(svgFile.bytes.toString("utf8").includes(`fill="${bg}"`), `background ${bg}`);
  // Every label the chart shows on screen is in the file.
  const labels = await page.locator("#w").evaluate((el) => [...el.shadowRoot.querySelectorAll(".ssb-tl__label")].map((t) => t.textContent));
  for (const l of labels) assert.ok(svg.texts.includes(l), l);

  const png = await download(page, "Chart (PNG)");
  assert.equal(png.name, "ssb-timeline-2026.png");
  assert.deepEqual(pngSize(png.bytes), { width: svg.width * 2, height: svg.height * 2 });
  assert.match(png.status, /Downloaded ssb-timeline-2026\.png/);

  await page.locator("#w").getByRole("tab", { name: "Energy density" }).click();
  const energy = await readSvg(page, (await download(page, "Chart (SVG)")).bytes.toString("utf8"));
  assert.equal(energy.title, "Energy density: claims, samples and products");
  const names = await page.locator("#w").evaluate((el) => [...el.shadowRoot.querySelectorAll(".ssb-bar:not([hidden]) .ssb-bar__name")].map((t) => t.textContent));
  assert.ok(names.length > 0);
  for (const n of names) assert.ok(energy.texts.includes(n), n);
  await page.locator("#w").getByRole("tab", { name: "Readiness" }).click();
  const ready = await readSvg(page, (await download(page, "Chart (SVG)")).bytes.toString("utf8"));
  assert.equal(ready.title, "How close to mass production?");
  await page.locator("#w").getByRole("tab", { name: "Manufacturing hurdles" }).click();
  await page.locator("#w").getByRole("button", { name: "Download" }).click();
  assert.deepEqual(await page.locator("#w").getByRole("menuitem").allTextContents(), ["Data (CSV)"], "a table has no image");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a hostile dataset's CSV has no formula cell and its SVG no element or attribute from the data", async () => {
  const { page, context } = await widgetPage({ "data-src": "/target/e2e-data/formulas.json" });
  const w = page.locator("#w");
  await w.getByText("Not the explainer's own data").waitFor();
  for (const view of ["Timeline", "Energy density", "Manufacturing hurdles", "Readiness"]) {
    await w.getByRole("tab", { name: view }).click();
    const rows = parseCsv((await download(page, "Data (CSV)")).bytes.toString("utf8"));
    const cells = rows.flat();
    assert.ok(cells.some((c) => c.includes("<script>")), `${view}: the hostile strings are in the file, as text`);
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    assert.deepEqual(formulas, [], view);
    assert.ok(cells.some((c) => c.startsWith("'=") || c.startsWith("'@")), `${view}: a formula kept as text`);
    if (view === "Manufacturing hurdles") continue;
    const svgText = (await download(page, "Chart (SVG)")).bytes.toString("utf8");
    const svg = await readSvg(page, svgText);
    assert.equal(svg.error, null, view);
    assert.deepEqual(svg.elements.filter((e) => !OWN_ELEMENTS.includes(e)), [], view);
    assert.deepEqual(svg.attributes.filter((a) => a.startsWith("on") || a === "href" || a.includes(":")), [], view);
    assert.ok(svg.texts.some((t) => t.includes("<b>Co</b>") || t.includes("<script>")), `${view}: the strings are text`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test("the menu works from the keyboard, closes on Escape, Tab and an outside click, and axe finds nothing with it open", async () => {
  const { page, context } = await widgetPage();
  const w = page.locator("#w");
  const button = w.getByRole("button", { name: "Download" });
  const active = () => page.evaluate(() => {
    const a = document.querySelector("#w").shadowRoot.activeElement;
    return a && (a.getAttribute("role") || a.localName) + ":" + a.textContent.trim();
  });
  await button.focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await active(), "menuitem:Data (CSV)");
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), "menuitem:Chart (SVG)");
  await page.keyboard.press("End");
  assert.equal(await active(), "menuitem:Chart (PNG)");
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), "menuitem:Data (CSV)", "wraps");
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run({ include: [["#w"]] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), []);
  await page.keyboard.press("Escape");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.ok(!(await w.getByRole("menu").isVisible()));
  assert.match(await active(), /^button:Download/, "focus back on the button");
  await button.click();
  assert.ok(await w.getByRole("menu").isVisible());
  await page.mouse.click(5, 5);
  assert.ok(!(await w.getByRole("menu").isVisible()), "an outside click closes it");
  await button.click();
  await w.getByRole("menuitem", { name: "Data (CSV)" }).focus();
  await page.keyboard.press("Tab");
  assert.ok(!(await w.getByRole("menu").isVisible()), "Tab closes it");
  // Enter on an item downloads.
  await button.focus();
  await page.keyboard.press("ArrowDown");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.equal(dl.suggestedFilename(), "ssb-timeline-2026.csv");
  await context.close();
});

test("Copy link copies a link that opens the same view, year, chemistries and card, and says so", async () => {
  const { page, context } = await widgetPage({ view: "energy", year: "2025", chemistries: "sulfide,semi-solid" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const w = page.locator("#w");
  await w.locator('[data-item="mg4-anxin"]').first().click();
  await w.locator(".ssb-card").waitFor();
  await w.getByRole("button", { name: "Copy link" }).click();
  const status = w.getByRole("status").filter({ hasText: "Link copied" });
  await status.waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${server.url}/dist/embed.html?view=energy&year=2025&chemistries=semi-solid,sulfide&selected=mg4-anxin`);
  const other = await context.newPage();
  await other.goto(link);
  await waitForWidget(other);
  await other.locator("ssb-explainer .ssb-card").waitFor();
  assert.deepEqual(await other.evaluate(() => document.querySelector("ssb-explainer").state), {
    view: "energy", year: 2025, chemistries: ["semi-solid", "sulfide"], selected: "mg4-anxin",
  });
  await context.close();
});

test("when the clipboard refuses, the link is shown to copy by hand", async () => {
  const { page, context } = await widgetPage({ year: "2028" });
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  });
  await page.locator("#w").getByRole("button", { name: "Copy link" }).click();
  const field = page.locator("#w").getByRole("textbox", { name: "Link to this view" });
  await field.waitFor();
  assert.match(await field.inputValue(), /embed\.html\?view=timeline&year=2028$/);
  assert.match(await page.locator("#w").getByRole("status").filter({ hasText: "did not allow" }).textContent(), /Copy the link/);
  // Focus arriving on the field selects the whole link, ready to copy, each
  // time (a script's focus() keeps the caret where it was without that).
  const selected = () => field.evaluate((f) => f.value.slice(f.selectionStart, f.selectionEnd));
  for (let i = 0; i < 2; i++) {
    await page.locator("#w").getByRole("button", { name: "Copy link" }).focus();
    await field.evaluate((f) => f.setSelectionRange(0, 0));
    await field.evaluate((f) => f.focus());
    assert.equal(await selected(), await field.inputValue(), "the link is selected on focus");
  }
  await context.close();
});

test("selected opens that item's card without scrolling the page; it is reactive and ssb-change reports it", async () => {
  const { page, context, warnings } = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`, { viewport: { width: 1000, height: 700 } });
  await page.evaluate(() => {
    const spacer = document.createElement("div");
    spacer.style.height = "900px";
    document.body.append(spacer);
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    el.setAttribute("selected", "mg4-anxin");
    document.body.append(el);
    window.__events = [];
    el.addEventListener("ssb-change", (e) => window.__events.push(e.detail));
  });
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot?.querySelector(".ssb-card"));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => scrollY), 0, "the host page did not scroll");
  const w = page.locator("#w");
  assert.match(await w.locator(".ssb-card").getAttribute("aria-label"), /MG4 Anxin/);
  // A hurdle's id opens the hurdles view on that hurdle.
  const hurdle = builtIn.hurdles[1];
  await page.evaluate((id) => document.querySelector("#w").setAttribute("selected", id), hurdle.id);
  await w.getByRole("tab", { name: "Manufacturing hurdles", selected: true }).waitFor();
  assert.equal(await w.locator("tr.is-selected th").first().textContent(), hurdle.name);
  // An unknown id warns once, however often it is set.
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => document.querySelector("#w").setAttribute("selected", "no-such-item"));
    await page.evaluate(() => document.querySelector("#w").setAttribute("selected", "no-such-item "));
  }
  await page.waitForTimeout(100);
  assert.equal(warnings.filter((m) => m.includes("no-such-item")).length, 1, warnings.join("\n"));
  assert.equal((await page.evaluate(() => document.querySelector("#w").state)).selected, hurdle.id, "ignored");
  // A reader's selection is reported.
  await w.getByRole("tab", { name: "Timeline" }).click();
  await w.locator('[data-item="mg4-anxin"]').first().click();
  const last = await page.evaluate(() => window.__events.at(-1));
  assert.equal(last.selected, "mg4-anxin");
  await w.getByRole("button", { name: "Close details" }).click();
  assert.equal((await page.evaluate(() => window.__events.at(-1))).selected, null);
  await context.close();
});

test("a selected id from a data-src dataset opens once that dataset has loaded", async () => {
  const custom = structuredClone(builtIn);
  custom.milestones[0].id = "only-in-this-file";
  fs.writeFileSync(path.join(dataDir, "own-ids.json"), JSON.stringify(custom));
  const { page, context, warnings } = await widgetPage({ "data-src": "/target/e2e-data/own-ids.json", selected: "only-in-this-file" });
  await page.locator("#w .ssb-card").waitFor();
  assert.equal((await page.evaluate(() => document.querySelector("#w").state)).selected, "only-in-this-file");
  assert.deepEqual(warnings.filter((m) => m.includes("only-in-this-file")), []);
  await context.close();
});

test("with share-link=\"page\" the link points at the host page, and opening it restores that widget", async () => {
  const { page, context } = await widgetPage({ "share-link": "page", view: "readiness", year: "2029" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.locator("#w").getByRole("button", { name: "Copy link" }).click();
  await page.locator("#w").getByRole("status").filter({ hasText: "Link copied" }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${server.url}/tests/e2e/pages/plain.html#ssb:for=w&view=readiness&year=2029`);
  const other = await context.newPage();
  await other.goto(link);
  await other.evaluate(() => {
    const el = document.createElement("ssb-explainer");
    el.id = "w";
    el.setAttribute("share-link", "page");
    document.body.append(el);
  });
  await waitForWidget(other, "#w");
  assert.deepEqual(await other.evaluate(() => document.querySelector("#w").state), {
    view: "readiness", year: 2029, chemistries: ["liquid", "semi-solid", "sulfide", "oxide", "polymer", "all-solid"], selected: null,
  });
  await context.close();
});

test("the download module loads at the first download, once per page; one that does not load is said so and the next download tries again", async () => {
  const { page, context } = await widgetPage({ view: "energy" });
  const requests = [];
  page.on("request", (r) => { if (r.url().includes("ssb_reader")) requests.push(r.url().replace(/.*\//, "")); });
  await context.route("**/ssb_reader_bg.wasm", (route) => route.abort());
  assert.deepEqual(requests, [], "nothing on demand before a download");
  const w = page.locator("#w");
  await w.getByRole("button", { name: "Download" }).click();
  await w.getByRole("menuitem", { name: "Data (CSV)" }).click();
  await w.getByRole("status").filter({ hasText: "could not be built" }).waitFor();
  assert.equal(await w.locator(".ssb-share__status").textContent(),
    "The download could not be built: the explainer's download module did not load.");
  await context.unroute("**/ssb_reader_bg.wasm");
  const csv = await download(page, "Data (CSV)");
  assert.equal(csv.name, "ssb-energy-2026.csv");
  assert.match(csv.status, /^Downloaded ssb-energy-2026\.csv: \d+ rows\.$/);
  const svg = await download(page, "Chart (SVG)");
  assert.match(svg.bytes.toString("utf8"), /^<\?xml/);
  assert.equal(requests.filter((u) => u === "ssb_reader_bg.wasm").length, 2, "the failed load, then one load for both downloads");
  await context.close();
});

test("under the strict CSP, CSV and SVG download with no violation; PNG needs img-src blob: and says so without it", async () => {
  const strict = await openPage(browser, `${server.url}/tests/e2e/pages/csp.html`);
  await waitForWidget(strict.page, "#a");
  const a = strict.page.locator("#a");
  assert.match((await download(strict.page, "Data (CSV)", a)).name, /\.csv$/);
  assert.match((await download(strict.page, "Chart (SVG)", a)).name, /\.svg$/);
  assert.deepEqual(await strict.page.evaluate(() => window.__violations), []);
  await a.getByRole("button", { name: "Download" }).click();
  await a.getByRole("menuitem", { name: "Chart (PNG)" }).click();
  await a.getByRole("status").filter({ hasText: "img-src blob:" }).waitFor();
  await strict.context.close();

  const allowing = await openPage(browser, `${server.url}/tests/e2e/pages/csp-png.html`);
  await waitForWidget(allowing.page, "#a");
  const png = await download(allowing.page, "Chart (PNG)", allowing.page.locator("#a"));
  assert.ok(pngSize(png.bytes).width > 600);
  assert.deepEqual(await allowing.page.evaluate(() => window.__violations), []);
  assert.deepEqual(allowing.errors, []);
  await allowing.context.close();
});
