// End to end: the widget on real, imperfect pages — a host script that writes
// back from its ssb-change listener, shrink-to-fit layouts, misbehaving data
// servers, links that point embed.html at someone else's data, huge words,
// late iframes, panics, declarative shadow roots, moves, many widgets, print.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForWidget, addWidgets, root } from "./harness.mjs";

const dataDir = path.join(root, "target/e2e-data");
const builtIn = JSON.parse(fs.readFileSync(path.join(root, "src/data/solid-state-batteries.json"), "utf8"));
let server, foreign, browser;

before(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  const updated = structuredClone(builtIn);
  updated.milestones.find((m) => m.id === "mg4-anxin").product = "MG4 Anxin (from data-src)";
  fs.writeFileSync(path.join(dataDir, "updated.json"), JSON.stringify(updated));
  const last = structuredClone(builtIn);
  last.milestones.find((m) => m.id === "mg4-anxin").product = "MG4 Anxin (the last request)";
  fs.writeFileSync(path.join(dataDir, "last.json"), JSON.stringify(last));
  const invented = structuredClone(builtIn);
  invented.title = "Invented milestones";
  invented.milestones.find((m) => m.id === "mg4-anxin").product = "All-solid at 900 Wh/kg";
  fs.writeFileSync(path.join(dataDir, "invented.json"), JSON.stringify(invented));
  const hugeWord = structuredClone(builtIn);
  hugeWord.milestones[0].summary = "w".repeat(1024 * 1024);
  fs.writeFileSync(path.join(dataDir, "huge-word.json"), JSON.stringify(hugeWord));
  const longWord = structuredClone(builtIn);
  longWord.milestones.find((m) => m.id === "mg4-anxin").summary = "w".repeat(4000);
  fs.writeFileSync(path.join(dataDir, "long-word.json"), JSON.stringify(longWord));
  server = await serve(root);
  foreign = await serve(root, { "/": { "Access-Control-Allow-Origin": "*" } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  foreign?.close();
});

async function plainPage(options) {
  return openPage(browser, `${server.url}/tests/e2e/pages/plain.html`, options);
}

const yearOf = (page, id) => page.evaluate((id) => document.querySelector(`#${id}`).state.year, id);

test("a listener that writes every widget's year back from ssb-change is safe: year steps, tab arrows, play", async () => {
  const { page, context, errors } = await plainPage();
  await addWidgets(page, [{ id: "a" }, { id: "b", view: "energy" }]);
  await page.evaluate(() => {
    window.__seen = 0;
    document.addEventListener("ssb-change", (e) => {
      window.__seen++;
      document.querySelectorAll("ssb-explainer").forEach((w) => w.setAttribute("year", e.detail.year));
    });
  });
  const a = page.locator("#a");
  const b = page.locator("#b");
  // Year steps from the keyboard.
  await a.getByRole("slider", { name: /Year/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await yearOf(page, "b"), await yearOf(page, "a"));
  assert.equal(await b.getByRole("slider", { name: /Year/ }).inputValue(), String(await yearOf(page, "a")));
  // Tab arrows.
  await a.getByRole("tab", { name: "Timeline" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await a.getByRole("tab", { name: "Manufacturing hurdles" }).getAttribute("aria-selected"), "true");
  // Play: the listener moves the other widget along with every step.
  await a.getByRole("button", { name: /Play years/ }).click();
  await page.waitForFunction(() => document.querySelector("#b").state.year >= 2025, null, { timeout: 10000 });
  await a.getByRole("button", { name: /Pause/ }).click();
  assert.equal(await yearOf(page, "b"), await yearOf(page, "a"));
  assert.ok((await page.evaluate(() => window.__seen)) >= 5);
  // Nothing broke: no internal-error state, state readable, a new element starts.
  assert.equal(await page.locator("ssb-explainer .ssb-fatal").count(), 0);
  await addWidgets(page, [{ id: "c", view: "readiness" }]);
  await page.locator("#c").getByRole("tab", { name: "Energy density" }).click();
  assert.equal(await yearOf(page, "a"), await yearOf(page, "c"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a listener that moves or removes the widget that fired keeps the page working", async () => {
  const { page, context, errors } = await plainPage();
  await addWidgets(page, [{ id: "a" }, { id: "b" }]);
  await page.evaluate(() => {
    document.addEventListener("ssb-change", (e) => {
      if (e.target.id === "a") document.body.append(e.target); // a move: state kept
      if (e.target.id === "b") e.target.remove();
    });
  });
  await page.locator("#a").getByRole("button", { name: "Oxide", exact: true }).click();
  assert.equal(await page.locator("#a").getByRole("button", { name: "Oxide", exact: true }).getAttribute("aria-pressed"), "false");
  await page.locator("#b").getByRole("tab", { name: "Readiness" }).click();
  assert.equal(await page.locator("#b").count(), 0);
  await page.locator("#a").getByRole("tab", { name: "Energy density" }).click();
  assert.equal(await page.locator("#a").getByRole("tab", { name: "Energy density" }).getAttribute("aria-selected"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("in block, flex, grid, float and table-cell layouts at 1,080 px the widget fills the space it is given", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/layouts.html`, { viewport: { width: 1080, height: 900 } });
  const boxes = {};
  for (const id of ["in-block", "in-flex", "in-grid", "in-float", "in-table"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitForWidget(page, `#${id}`);
    boxes[id] = await page.evaluate((id) => {
      const r = document.querySelector(`#${id}`).getBoundingClientRect();
      return { width: r.width, height: r.height };
    }, id);
  }
  assert.ok(boxes["in-block"].width >= 1079, JSON.stringify(boxes));
  for (const id of ["in-flex", "in-grid", "in-float", "in-table"]) {
    // 1,080 px less the 200 px sidebar and its gap; a float too wide to sit
    // beside the floated sidebar takes the full width under it, as text does.
    const most = id === "in-float" ? 1080 : 881;
    assert.ok(boxes[id].width >= 840 && boxes[id].width <= most, `${id}: ${JSON.stringify(boxes[id])}`);
    assert.ok(boxes[id].height < boxes["in-block"].height * 1.5, `${id} is ${boxes[id].height}px tall, the block one ${boxes["in-block"].height}px`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

async function failingDataSrc(page, src, pattern, timeout = 15000) {
  await addWidgets(page, [{ id: "w", view: "energy", "data-src": src }]);
  const alert = page.locator("#w").getByRole("alert");
  await alert.waitFor({ timeout });
  assert.match(await alert.innerText(), pattern);
  assert.ok((await page.locator("#w").getByText("MG4 Anxin Edition").filter({ visible: true }).count()) > 0, "built-in data shown");
}

test("a data-src server that never answers times out with a clear message and the built-in data", async () => {
  const { page, context } = await plainPage();
  const started = Date.now();
  await failingDataSrc(page, "/hang/data.json", /did not arrive within 10 seconds/, 20000);
  const took = Date.now() - started;
  assert.ok(took >= 9000 && took < 16000, `gave up after ${took} ms`);
  await context.close();
});

test("a 300 MB chunked data-src is refused once 2 MiB have arrived, and the wasm memory stays small", async () => {
  const { page, context } = await plainPage();
  await failingDataSrc(page, "/stream/300/data.json", /too large: more than 2097152 bytes arrived; the limit is 2097152 bytes/);
  const memory = await page.evaluate(() => customElements.get("ssb-explainer").wasmMemoryBytes);
  assert.ok(memory < 16 * 1024 * 1024, `wasm memory ${memory} B`);
  await context.close();
});

test("300 rapid data-src changes against a slow server: superseded requests are cancelled and the last one wins", async () => {
  const { page, context, errors } = await plainPage();
  await addWidgets(page, [{ id: "w", view: "energy" }]);
  const started = Date.now();
  await page.evaluate(() => {
    const el = document.querySelector("#w");
    for (let i = 0; i < 299; i++) el.setAttribute("data-src", `/slow/1500/target/e2e-data/updated.json?n=${i}`);
    el.setAttribute("data-src", "/slow/1500/target/e2e-data/last.json");
  });
  await page.locator("#w").getByText("MG4 Anxin (the last request)").first().waitFor({ timeout: 10000 });
  const took = Date.now() - started;
  // Without cancelling, six connections at 1.5 s each would need over a minute.
  assert.ok(took < 10000, `the last dataset took ${took} ms`);
  await page.waitForTimeout(2000);
  assert.equal(await page.locator("#w").getByText("MG4 Anxin (from data-src)").count(), 0, "an older answer replaced the last one");
  assert.deepEqual(errors, []);
  await context.close();
});

test("embed.html loads data only from its own origin: a foreign origin and a data: URL are refused and said so", async () => {
  const foreignSrc = `${foreign.url}/target/e2e-data/invented.json`;
  // (Short: a whole dataset would make the request line longer than the test server takes.)
  const dataUrl = "data:application/json," + encodeURIComponent(JSON.stringify({ title: "Invented milestones" }));
  for (const [src, pattern] of [[foreignSrc, /comes from http:\/\/127\.0\.0\.1:\d+, which this page does not allow/], [dataUrl, /comes from a data: URL, which this page does not allow/]]) {
    const { page, context } = await openPage(browser, `${server.url}/dist/embed.html?view=energy&data-src=${encodeURIComponent(src)}`);
    await waitForWidget(page);
    const alert = page.locator("ssb-explainer").getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), pattern);
    assert.equal(await page.locator("ssb-explainer").getByText("All-solid at 900 Wh/kg").count(), 0);
    await context.close();
  }
  // Same-origin data loads in embed.html, and says where it came from.
  const { page, context } = await openPage(browser, `${server.url}/dist/embed.html?view=energy&data-src=${encodeURIComponent("../target/e2e-data/invented.json")}`);
  await page.locator("ssb-explainer").getByText("All-solid at 900 Wh/kg").first().waitFor();
  const origin = await page.locator("ssb-explainer .ssb-origin").innerText();
  assert.match(origin, /loaded from 127\.0\.0\.1:\d+: \u201cInvented milestones\u201d, updated/);
  await context.close();
});

test("the site serving embed.html can allow more data origins with a meta tag", async () => {
  const src = `${foreign.url}/target/e2e-data/invented.json`;
  const html = fs.readFileSync(path.join(root, "dist/embed.html"), "utf8")
    .replace("<head>", `<head>\n  <meta name="ssb-data-origins" content="${foreign.url}">`);
  fs.writeFileSync(path.join(root, "dist/embed-allowing.html"), html);
  try {
    const { page, context } = await openPage(browser, `${server.url}/dist/embed-allowing.html?view=energy&data-src=${encodeURIComponent(src)}`);
    await page.locator("ssb-explainer").getByText("All-solid at 900 Wh/kg").first().waitFor();
    const origin = await page.locator("ssb-explainer .ssb-origin").innerText();
    assert.ok(origin.includes(new URL(foreign.url).host), origin);
    await context.close();
  } finally {
    fs.rmSync(path.join(root, "dist/embed-allowing.html"));
  }
});

test("a writer's own page may load data from another origin, and the widget names that origin", async () => {
  const { page, context } = await plainPage();
  await addWidgets(page, [{ id: "w", view: "timeline", "data-src": `${foreign.url}/target/e2e-data/invented.json` }]);
  await page.locator("#w .ssb-origin").waitFor();
  const text = await page.locator("#w .ssb-origin").innerText();
  assert.ok(text.includes(new URL(foreign.url).host), text);
  assert.match(text, /Invented milestones/);
  // Back to the built-in data: the line goes away.
  await page.evaluate(() => document.querySelector("#w").removeAttribute("data-src"));
  await page.locator("#w .ssb-origin").waitFor({ state: "detached" });
  await context.close();
});

test("a 1 MB unbroken word is refused by the validator at once; a 4,000-character word lays out inside the card", async () => {
  const { page, context } = await plainPage();
  const started = Date.now();
  await failingDataSrc(page, "/target/e2e-data/huge-word.json", /at \$\.milestones\[0\]\.summary: a text of 1048576 bytes; the limit is 4096 bytes per text/);
  assert.ok(Date.now() - started < 8000);
  await context.close();

  const opened = await plainPage();
  await addWidgets(opened.page, [{ id: "w", view: "energy", "data-src": "/target/e2e-data/long-word.json" }]);
  await opened.page.locator("#w .ssb-origin").waitFor();
  const t0 = Date.now();
  await opened.page.locator("#w").getByRole("button", { name: /MG4 Anxin Edition/ }).first().click();
  await opened.page.locator("#w").getByText("wwwwwwwwww", { exact: false }).first().waitFor();
  const openTook = Date.now() - t0;
  const overflow = await opened.page.evaluate(() => {
    const r = document.querySelector("#w").shadowRoot.querySelector(".ssb-root");
    return r.scrollWidth - r.clientWidth;
  });
  assert.ok(overflow <= 1, `the word widens the widget by ${overflow}px`);
  assert.ok(openTook < 3000, `opening the card took ${openTook} ms`);
  await opened.context.close();
});

test("the iframe helper works from <head> and sizes an iframe added later; heights go to the parent's origin only", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/late-iframe.html`);
  // Record the target origin of every message a frame posts to this page. The
  // spy runs in the frame's own realm, so the message still comes from the frame.
  await context.addInitScript(() => {
    if (window === window.top) return;
    const parent = window.parent;
    const post = parent.postMessage;
    parent.postMessage = function (message, target) {
      (parent.__targets ||= []).push(target);
      return post.call(parent, message, target);
    };
  });
  await page.evaluate(() => {
    const f = document.createElement("iframe");
    f.id = "late";
    f.src = "../../../dist/embed.html?view=energy";
    f.title = "Explainer";
    document.body.append(f);
  });
  await page.waitForFunction(() => parseFloat(document.querySelector("#late").style.height) > 600, null, { timeout: 20000 });
  const targets = await page.evaluate(() => window.__targets || []);
  assert.ok(targets.length > 0);
  assert.deepEqual([...new Set(targets)], [server.url]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a panic shows the error state in every widget, also inside another shadow root, and the host page keeps running", async () => {
  const { page, context, errors } = await plainPage();
  await addWidgets(page, [{ id: "a" }]);
  await page.evaluate(() => {
    const host = document.createElement("div");
    host.id = "component";
    document.body.append(host);
    const inner = host.attachShadow({ mode: "open" });
    inner.append(document.createElement("ssb-explainer"));
  });
  await page.waitForFunction(() => document.querySelector("#component").shadowRoot.querySelector("ssb-explainer").shadowRoot?.querySelector(".ssb"));
  const outcome = await page.evaluate(async () => {
    let thrown = false;
    try {
      customElements.get("ssb-explainer").panicForTests();
    } catch {
      thrown = true;
    }
    await new Promise((r) => setTimeout(r, 50));
    return { thrown, stillRunning: true };
  });
  assert.deepEqual(outcome, { thrown: true, stillRunning: true });
  const states = await page.evaluate(() => [
    document.querySelector("#a").shadowRoot.querySelector(".ssb-root").textContent,
    document.querySelector("#component").shadowRoot.querySelector("ssb-explainer").shadowRoot.querySelector(".ssb-root").textContent,
  ]);
  for (const s of states) assert.match(s, /stopped because of an internal error/);
  // A widget added after the panic says so too, instead of hanging on "Loading".
  await page.evaluate(() => document.body.append(Object.assign(document.createElement("ssb-explainer"), { id: "late" })));
  await page.locator("#late").getByRole("alert").waitFor();
  assert.match(await page.locator("#late").getByRole("alert").innerText(), /could not start/);
  assert.ok(errors.some((e) => e.includes("panic requested by a test")));
  await context.close();
});

test("a widget with a declarative shadow root is styled; moving a widget keeps the reader's state", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/declarative.html`);
  await waitForWidget(page, "#d");
  const padding = await page.evaluate(() => getComputedStyle(document.querySelector("#d").shadowRoot.querySelector(".ssb-root")).paddingTop);
  assert.equal(padding, "12px");
  assert.equal(await page.evaluate(() => document.querySelector("#d").shadowRoot.querySelectorAll(".ssb-root").length), 1);
  const d = page.locator("#d");
  await d.getByRole("tab", { name: "Readiness" }).click();
  await d.getByRole("button", { name: "Sulfide", exact: true }).click();
  await page.evaluate(() => document.querySelector("#elsewhere").append(document.querySelector("#d")));
  await page.waitForTimeout(100);
  assert.equal(await d.getByRole("tab", { name: "Readiness" }).getAttribute("aria-selected"), "true");
  assert.equal(await d.getByRole("button", { name: "Sulfide", exact: true }).getAttribute("aria-pressed"), "false");
  assert.deepEqual(errors, []);
  await context.close();
});

for (const stylesheet of ["quick", "slow"]) test(`500 widgets added at once mount only near the viewport, and the rest mount as the reader scrolls (a ${stylesheet} stylesheet)`, async () => {
  const { page, context, errors } = await plainPage();
  // A slow stylesheet lets the viewport observer report while the loading boxes are
  // still unstyled (short): those early reports must not count.
  if (stylesheet === "slow") {
    await context.route("**/ssb-explainer.css", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
  }
  await page.evaluate(() => {
    for (let i = 0; i < 500; i++) {
      const el = document.createElement("ssb-explainer");
      el.id = `w${i}`;
      document.body.append(el);
    }
  });
  await waitForWidget(page, "#w0");
  await page.waitForTimeout(300);
  const mounted = await page.evaluate(() => [...document.querySelectorAll("ssb-explainer")].filter((e) => e.shadowRoot?.querySelector(".ssb")).length);
  assert.ok(mounted >= 1 && mounted <= 10, `${mounted} mounted at once`);
  await page.evaluate(() => document.querySelector("#w499").scrollIntoView());
  await waitForWidget(page, "#w499");
  assert.deepEqual(errors, []);
  await context.close();
});

test("printing hides the controls and shows the sources", async () => {
  const { page, context } = await plainPage();
  await addWidgets(page, [{ id: "w", view: "energy" }]);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => {
    const r = document.querySelector("#w").shadowRoot;
    const sources = r.querySelector(".ssb-sources li");
    return {
      controls: getComputedStyle(r.querySelector(".ssb-controls")).display,
      sourceHeight: sources.getBoundingClientRect().height,
    };
  });
  assert.equal(printed.controls, "none");
  assert.ok(printed.sourceHeight > 0, "the source list is laid out in print");
  await context.close();
});
