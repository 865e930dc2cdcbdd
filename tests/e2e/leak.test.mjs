// Leak check: 1,000 reader interactions and 100 remove/re-add cycles of the
// element leave the JS heap and WebAssembly memory flat after warm-up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForWidget, root } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const INTERACT = async (n) => {
  const el = document.querySelector("#w");
  const r = el.shadowRoot;
  const named = (name) => [...r.querySelectorAll("button")].find((b) => b.textContent.trim() === name);
  const tabs = ["Timeline", "Energy density", "Manufacturing hurdles", "Readiness"];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: named(["Semi-solid", "Sulfide", "Oxide"][(i / 5) % 3 | 0])?.click(); break;
      case 1: { const s = r.querySelector("input[type=range]"); s.value = String(2024 + (i % 7)); s.dispatchEvent(new Event("input")); break; }
      case 2: [...r.querySelectorAll("[role=tab]")].find((t) => t.textContent.trim() === tabs[(i / 5 | 0) % 4])?.click(); break;
      case 3: named("Show as table")?.click(); break;
      default: (r.querySelector("[data-item]") || r.querySelector(".ssb-linkish"))?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }
    await new Promise((res) => setTimeout(res, 0));
  }
};

const CYCLE = async (n) => {
  for (let i = 0; i < n; i++) {
    const el = document.querySelector("#w");
    el.remove();
    document.body.append(el);
    await new Promise((res) => {
      const check = () => (el.shadowRoot.querySelector(".ssb") ? res() : setTimeout(check, 1));
      check();
    });
  }
};

test("1,000 interactions and 100 remove/re-add cycles leave memory flat", async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/tests/e2e/pages/plain.html`);
  await page.evaluate(() => document.body.append(Object.assign(document.createElement("ssb-explainer"), { id: "w" })));
  await waitForWidget(page, "#w");
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
    const wasm = await page.evaluate(() => customElements.get("ssb-explainer").wasmMemoryBytes);
    const inUse = await page.evaluate(() => customElements.get("ssb-explainer").wasmHeapBytes);
    return { heap, wasm, inUse };
  };
  // Warm-up: let caches, allocator and interned strings settle.
  await page.evaluate(INTERACT, 300);
  await page.evaluate(CYCLE, 20);
  const before = await measure();
  await page.evaluate(INTERACT, 1000);
  await page.evaluate(CYCLE, 100); // ends on a fresh mount in the default state, like "before"
  const afterAll = await measure();
  const heapGrowth = afterAll.heap - before.heap;
  const inUseGrowth = afterAll.inUse - before.inUse;
  console.log(`leak check: JS heap ${before.heap} -> ${afterAll.heap} B (${heapGrowth}); wasm heap in use ${before.inUse} -> ${afterAll.inUse} B (${inUseGrowth}); wasm memory (high-water mark) ${before.wasm} -> ${afterAll.wasm} B`);
  assert.ok(heapGrowth < 1_000_000, `JS heap grew by ${heapGrowth} B`);
  assert.ok(inUseGrowth <= 4096, `wasm heap in use grew by ${inUseGrowth} B`);
  assert.deepEqual(errors, []);
  await context.close();
});
