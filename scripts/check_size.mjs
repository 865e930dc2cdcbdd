// Size report of what the widget loads, and the budget the release wasm must keep.
// Fails (exit 1) when the wasm's brotli size grows past size-budget.json.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const budget = JSON.parse(fs.readFileSync(path.join(root, "size-budget.json"), "utf8"));
// The widget's files (the loader holds the wasm-bindgen glue it uses), then what
// only a data-src or a download loads (the on-demand module) and the
// published dataset (in the wasm already, baked), which the total leaves out.
const files = ["pkg/ssb_explainer_bg.wasm", "ssb-explainer.js", "ssb-explainer.css", "ssb-explainer-data.js", "pkg/ssb_reader_bg.wasm", "pkg/ssb_reader.js", "solid-state-batteries.json"];
const notCounted = new Set(["ssb-explainer-data.js", "pkg/ssb_reader_bg.wasm", "pkg/ssb_reader.js", "solid-state-batteries.json"]);

const sizes = {};
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of files) {
  const buf = fs.readFileSync(path.join(dist, f));
  const s = {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizes[f] = s;
  if (!notCounted.has(f)) for (const k of Object.keys(total)) total[k] += s[k];
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("file                              raw        gzip      brotli");
for (const [f, s] of Object.entries(sizes)) {
  console.log(`${f.padEnd(32)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`);
}
console.log(`${"widget total (data in the wasm)".padEnd(32)} ${kb(total.raw).padStart(9)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
console.log("(the loader's on-demand part and the on-demand module, ssb_reader, are loaded only for a data-src or a download; the dataset file is for readers and editors)");
const wasm = sizes["pkg/ssb_explainer_bg.wasm"].brotli;
if (wasm > budget.wasm_brotli_bytes) {
  console.error(`size: FAIL — wasm is ${wasm} bytes brotli, over the budget of ${budget.wasm_brotli_bytes} in size-budget.json`);
  process.exit(1);
}
console.log(`size: ok — wasm ${wasm} bytes brotli (budget ${budget.wasm_brotli_bytes})`);
