// Leak check: 1,000 reader interactions and 100 remove/re-add cycles of the
// element leave the JS heap and WebAssembly memory flat after warm-up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openPage, waitForWidget, root } from "./harness.mjs";

const env = useBrowser(before, after);

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

// Puts the widget back in one state, so that before and after compare like with like.
const RESET = async () => {
  const el = document.querySelector("#w");
  const r = el.shadowRoot;
  r.querySelector(".ssb-card__close")?.click();
  const table = [...r.querySelectorAll("button")].find((b) => b.textContent.trim() === "Show as table");
  if (table?.getAttribute("aria-pressed") === "true") table.click();
  el.setAttribute("chemistries", "liquid,semi-solid,sulfide,oxide,polymer,all-solid");
  el.setAttribute("year", "2026");
  el.setAttribute("view", "energy");
  el.setAttribute("view", "timeline");
  await new Promise((res) => setTimeout(res, 50));
};

const CYCLE = async (n) => {
  for (let i = 0; i < n; i++) {
    const el = document.querySelector("#w");
    el.remove();
    // Let the removal take effect (a remove and re-insert in one task is a move).
    await new Promise((res) => setTimeout(res, 0));
    document.body.append(el);
    await new Promise((res) => {
      const check = () => (el.shadowRoot.querySelector(".ssb") ? res() : setTimeout(check, 1));
      check();
    });
  }
};

test("1,000 interactions and 100 remove/re-add cycles leave memory flat", async () => {
  // The leak check's build (make leak-dist) counts the wasm heap; a release build does not.
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}/tests/e2e/pages/leak.html`);
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
  // Warm-up: let caches, allocator and interned strings settle. The last
  // interactions come after the last re-add, so every view of the instance being
  // measured has been shown once (the energy chart is built on first view and kept).
  await page.evaluate(CYCLE, 20);
  await page.evaluate(INTERACT, 300);
  await page.evaluate(RESET);
  const before = await measure();
  assert.ok(before.inUse > 0, "the leak check's build reports the wasm heap in use");
  await page.evaluate(INTERACT, 1000);
  await page.evaluate(RESET);
  const afterInteractions = await measure();
  await page.evaluate(CYCLE, 100);
  // Like with like: the re-added instance shows each view once, as before.
  await page.evaluate(INTERACT, 20);
  await page.evaluate(RESET);
  const afterCycles = await measure();
  const heapGrowth = afterCycles.heap - before.heap;
  const interactionGrowth = afterInteractions.inUse - before.inUse;
  const cycleGrowth = afterCycles.inUse - afterInteractions.inUse;
  console.log(`leak check: JS heap ${before.heap} -> ${afterCycles.heap} B (${heapGrowth}); wasm heap in use ${before.inUse} -> ${afterInteractions.inUse} after 1,000 interactions (${interactionGrowth}) -> ${afterCycles.inUse} after 100 remove/re-add cycles (${cycleGrowth}); wasm memory (high-water mark) ${before.wasm} -> ${afterCycles.wasm} B`);
  assert.ok(heapGrowth < 1_000_000, `JS heap grew by ${heapGrowth} B`);
  // A leak of even 16 bytes an interaction would show as 16 KB here.
  assert.ok(Math.abs(interactionGrowth) <= 8192, `wasm heap in use changed by ${interactionGrowth} B over 1,000 interactions`);
  assert.ok(Math.abs(cycleGrowth) <= 4096, `wasm heap in use changed by ${cycleGrowth} B over 100 remove/re-add cycles`);
  assert.deepEqual(errors, []);
  await context.close();
});
