// End to end: data-src failures give a clear message inside the widget (and the
// built-in data stays available); strings from a dataset never become markup;
// the strict CSP a host may set is respected.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForWidget, root } from "./harness.mjs";

const dataDir = path.join(root, "target/e2e-data");
const builtIn = JSON.parse(fs.readFileSync(path.join(root, "src/data/solid-state-batteries.json"), "utf8"));
let server, browser;

before(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, "not-json.json"), "{ this is not json");
  fs.writeFileSync(path.join(dataDir, "wrong-shape.json"), JSON.stringify({ schema_version: 1, title: "x" }));
  const invalid = structuredClone(builtIn);
  invalid.readiness[0].trl_max = 12;
  invalid.milestones[1].sources[0].source = "nowhere";
  fs.writeFileSync(path.join(dataDir, "invalid.json"), JSON.stringify(invalid));
  fs.writeFileSync(path.join(dataDir, "huge.json"), JSON.stringify({ ...builtIn, padding: "x".repeat(2_200_000) }));
  const hostile = structuredClone(builtIn);
  hostile.title = "<script>window.__pwned = 1</script>";
  for (const m of hostile.milestones) {
    m.product = `<img src=x onerror="window.__pwned=1">${m.product}`;
    m.summary = `<a href="javascript:window.__pwned=1">click</a> ${"verylongwordwithoutanybreaks".repeat(20)}`;
    m.company = "javascript:window.__pwned=1";
  }
  hostile.sources[0].cites = ["javascript:alert(1)", "<b>bold</b>"];
  hostile.milestones.find((m) => m.id === "mg4-anxin").figures[0].value = 1e15;
  fs.writeFileSync(path.join(dataDir, "hostile.json"), JSON.stringify(hostile));
  const updated = structuredClone(builtIn);
  updated.milestones.find((m) => m.id === "mg4-anxin").product = "MG4 Anxin (from data-src)";
  fs.writeFileSync(path.join(dataDir, "updated.json"), JSON.stringify(updated));
  server = await serve(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Adds an explainer with these attributes to the page (not waiting for it). */
function addWidget(page, id, attributes) {
  return page.evaluate(({ id, attributes }) => {
    const el = document.createElement("ssb-explainer");
    el.id = id;
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    document.body.append(el);
  }, { id, attributes });
}

async function withDataSrc(src, view = "energy") {
  const opened = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  await addWidget(opened.page, "w", { view, "data-src": src });
  await waitForWidget(opened.page, "#w");
  return opened;
}

const cases = [
  ["a 404", "/target/e2e-data/missing.json", /HTTP 404/],
  ["a network error", "http://127.0.0.1:9/unreachable.json", /network error/],
  ["text that is not JSON", "/target/e2e-data/not-json.json", /not a valid dataset: at \$/],
  ["JSON of the wrong shape", "/target/e2e-data/wrong-shape.json", /missing field `updated`/],
  ["invalid values", "/target/e2e-data/invalid.json", /\$\.milestones\[1\]\.sources\[0\]\.source.*\$\.readiness\[0\]\.trl_max|\$\.readiness\[0\]\.trl_max.*\$\.milestones\[1\]/s],
  ["an oversized file", "/target/e2e-data/huge.json", /too large: \d+ bytes; the limit is 2097152 bytes/],
];

for (const [name, src, pattern] of cases) {
  test(`data-src with ${name} shows what is wrong and keeps the built-in data`, async () => {
    const { page, context, errors } = await withDataSrc(src);
    const alert = page.locator("#w").getByRole("alert");
    await alert.waitFor({ timeout: 15000 });
    assert.match(await alert.innerText(), pattern);
    assert.ok((await page.locator("#w").getByText("MG4 Anxin Edition").filter({ visible: true }).count()) > 0, "built-in data shown");
    assert.ok(errors.some((e) => e.includes("data-src")), "the failure is logged");
    await context.close();
  });
}

test("a valid data-src replaces the built-in data", async () => {
  const { page, context, errors } = await withDataSrc("/target/e2e-data/updated.json");
  await page.locator("#w").getByText("MG4 Anxin (from data-src)").first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("HTML and javascript: URLs in a dataset stay text; nothing executes and no element is created", async () => {
  for (const view of ["timeline", "energy", "hurdles", "readiness"]) {
    const { page, context } = await withDataSrc("/target/e2e-data/hostile.json", view);
    // The hostile file itself must be on screen (a refused file would leave the
    // built-in data, and every check below would pass for the wrong reason).
    const origin = page.locator("#w .ssb-origin");
    await origin.waitFor({ timeout: 15000 });
    assert.match(await origin.textContent(), /<script>window\.__pwned = 1<\/script>/, `${view}: the hostile title, as text`);
    if (view === "timeline") {
      await page.locator("#w").getByRole("button", { name: /MG4 Anxin Edition/ }).first().click();
    }
    if (view === "energy") {
      await page.locator("#w").getByRole("button", { name: /MG4 Anxin Edition/ }).first().click();
    }
    await page.locator("#w .ssb-sources summary").click();
    const report = await page.evaluate(() => {
      const r = document.querySelector("#w").shadowRoot;
      return {
        pwned: window.__pwned,
        imgs: r.querySelectorAll("img").length,
        scripts: r.querySelectorAll("script").length,
        links: [...r.querySelectorAll("a")].map((a) => a.href),
        bolds: r.querySelectorAll("b").length,
        overflow: r.querySelector(".ssb-root").scrollWidth - r.querySelector(".ssb-root").clientWidth,
      };
    });
    assert.equal(report.pwned, undefined, view);
    assert.equal(report.imgs, 0, view);
    assert.equal(report.scripts, 0, view);
    assert.equal(report.bolds, 0, view);
    assert.deepEqual(report.links.filter((h) => h.startsWith("javascript:")), [], view);
    assert.ok(report.overflow <= 1, `${view}: long strings widen the widget by ${report.overflow}px`);
    await context.close();
  }
});

test("a page with a strict CSP runs the widget with zero policy violations", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/csp.html`);
  await waitForWidget(page, "#a");
  await waitForWidget(page, "#b");
  await page.locator("#a").getByRole("tab", { name: "Energy density" }).click();
  await page.locator("#a").getByRole("button", { name: "Oxide", exact: true }).click();
  await page.locator("#a").getByRole("tab", { name: "Manufacturing hurdles" }).click();
  await page.locator("#b").getByText("MG4 Anxin Edition").first().waitFor();
  // #b's data-src went through the reader under the policy (the origin line
  // shows only for data that is not the built-in dataset).
  await page.locator("#b .ssb-origin").waitFor({ timeout: 15000 });
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the data-src reader loads only for a data-src, once for every widget on the page", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  const readerRequests = [];
  page.on("request", (r) => { if (r.url().includes("ssb_reader")) readerRequests.push(r.url()); });
  for (const id of ["a", "b"]) await addWidget(page, id, { view: "energy" });
  await waitForWidget(page, "#a");
  await waitForWidget(page, "#b");
  await page.waitForTimeout(300);
  assert.deepEqual(readerRequests, [], "no reader without a data-src");
  await page.evaluate(() => {
    for (const id of ["a", "b"]) document.getElementById(id).setAttribute("data-src", "/target/e2e-data/updated.json");
  });
  for (const id of ["#a", "#b"]) {
    await page.locator(id).getByText("MG4 Anxin (from data-src)").first().waitFor();
  }
  assert.deepEqual(readerRequests.map((u) => u.replace(/.*\//, "")).sort(), ["ssb_reader.js", "ssb_reader_bg.wasm"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a data-src reader that does not load is said so, and the next data-src tries again", async () => {
  const { page, context } = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  await context.route("**/ssb_reader_bg.wasm", (route) => route.abort());
  await addWidget(page, "w", { view: "energy", "data-src": "/target/e2e-data/updated.json" });
  await waitForWidget(page, "#w");
  const alert = page.locator("#w").getByRole("alert");
  await alert.waitFor({ timeout: 15000 });
  assert.match(await alert.innerText(), /updated\.json could not be read: the explainer's data reader did not load\./);
  await context.unroute("**/ssb_reader_bg.wasm");
  await page.evaluate(() => document.getElementById("w").setAttribute("data-src", "/target/e2e-data/updated.json?again"));
  await page.locator("#w").getByText("MG4 Anxin (from data-src)").first().waitFor();
  assert.equal(await page.locator("#w").getByRole("alert").count(), 0);
  await context.close();
});

test("bytes handed to the widget that are not a baked dataset are refused with a message, not a panic", async () => {
  const { page, context } = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  await addWidget(page, "w", {});
  await waitForWidget(page, "#w");
  await page.evaluate(() => {
    const handle = document.getElementById("w")._handle;
    handle.dataBaked("https://example.org/forged.bin", "example.org", new Uint8Array([0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
  });
  const alert = page.locator("#w").getByRole("alert");
  await alert.waitFor({ timeout: 15000 });
  assert.match(await alert.innerText(), /forged\.bin could not be read\./);
  // Still alive: the built-in data and its controls answer.
  await page.locator("#w").getByRole("tab", { name: "Energy density" }).click();
  assert.ok((await page.locator("#w").getByText("MG4 Anxin Edition").filter({ visible: true }).count()) > 0);
  assert.equal(await page.locator("#w .ssb-fatal").count(), 0);
  await context.close();
});
