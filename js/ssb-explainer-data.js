// The on-demand part of <ssb-explainer>'s loader, imported the first time a
// widget on the page has a `data-src` or a reader asks for a download, so a
// page that needs neither loads none of it:
// - fetching a `data-src`: streamed with a byte cap and a time limit, and
//   cancelled when a newer value or the element's removal aborts it; the
//   on-demand wasm module (`reader/`) then reads and checks the text and hands
//   the widget its dataset baked;
// - building downloads in the same wasm module and saving them (the PNG drawn
//   from the SVG in a canvas).

const READER_WASM_URL = new URL("./pkg/ssb_reader_bg.wasm", import.meta.url);
/** How long a `data-src` may take to arrive, whole, before it is given up. */
export const DATA_TIMEOUT_MS = 10000;

let readerReady = null;
/**
 * The on-demand module (`reader/`: the `data-src` reader and the download
 * writer), loaded once, the first time a widget needs it.
 */
function loadReader() {
  if (!readerReady) {
    readerReady = import("./pkg/ssb_reader.js").then(async (reader) => {
      await reader.default({ module_or_path: fetch(READER_WASM_URL) });
      return reader;
    });
    // A reader that did not load is tried again by the next `data-src`.
    readerReady.catch(() => { readerReady = null; });
  }
  return readerReady;
}

/**
 * Reads and checks a dataset's text with the reader: its baked bytes, or a
 * DataError whose message is the sentence that says what is wrong.
 */
async function readDataset(text) {
  let reader;
  try {
    reader = await loadReader();
  } catch {
    throw new DataError("could not be read: the explainer's data reader did not load.");
  }
  try {
    return reader.read(text);
  } catch (problem) {
    if (typeof problem === "string") throw new DataError(problem);
    // The reader stopped (a bug, not the file): start a fresh one next time.
    readerReady = null;
    throw new DataError("could not be read.");
  }
}

const NOT_BUILT = "The download could not be built: the explainer's download module did not load.";
/**
 * Builds a download in the on-demand module (the widget's wasm carries no CSV
 * or SVG writer) and saves it: resolves, or rejects, with the sentence the
 * widget's status line shows. `order` is `export::Order::to_fields`.
 */
export async function writeDownload(baked, order) {
  let reader;
  try {
    reader = await loadReader();
  } catch {
    throw NOT_BUILT;
  }
  let name, text, done;
  try {
    [name, text, done] = reader.writeDownload(baked, order);
  } catch (problem) {
    if (typeof problem === "string") throw problem;
    // The module stopped (a bug, not the request): start a fresh one next time.
    readerReady = null;
    throw NOT_BUILT;
  }
  if (order[0] !== "png") {
    saveBlob(new Blob([text], { type: order[0] === "csv" ? "text/csv;charset=utf-8" : "image/svg+xml" }), name);
    return done;
  }
  const size = (key) => Number(text.match(new RegExp(` ${key}="(\\d+)"`))?.[1] || 0);
  const [w, h] = [size("width") * 2, size("height") * 2];
  try {
    saveBlob(await drawPng(text, w, h), name);
    return `Downloaded ${name} (${w} × ${h} pixels).`;
  } catch {
    return `${name} could not be drawn. If this page has a Content-Security-Policy, it must allow img-src blob:.`;
  }
}

/** Saves `blob` as a download named `name` (a blob URL, revoked later). */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/** An SVG file drawn into a `w` × `h` canvas, as a PNG blob. */
async function drawPng(svg, w, h) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
  } finally {
    URL.revokeObjectURL(url);
  }
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  canvas.getContext("2d").drawImage(img, 0, 0, w, h);
  const png = await new Promise((resolve) => canvas.toBlob(resolve));
  if (!png) throw new Error("no PNG");
  return png;
}

class DataError extends Error {}

/**
 * Fetches a dataset's text: refuses a declared or streamed body over `limit`
 * bytes as soon as it is known (without reading the rest), and fails on a
 * signal abort with the reason it was given.
 */
async function fetchDatasetText(url, signal, limit) {
  let response;
  try {
    response = await fetch(url, { signal, credentials: "same-origin" });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new DataError("could not be loaded (network error or blocked by the browser).");
  }
  if (!response.ok) throw new DataError(`could not be loaded: the server answered HTTP ${response.status}.`);
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    response.body?.cancel().catch(() => {});
    throw new DataError(`is too large: ${declared} bytes; the limit is ${limit} bytes.`);
  }
  const chunks = [];
  let total = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new DataError(`is too large: more than ${limit} bytes arrived; the limit is ${limit} bytes.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    if (signal.aborted) throw signal.reason;
    throw new DataError("could not be read completely (the connection broke off).");
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DataError("is not UTF-8 text.");
  }
}

/**
 * Fetches `url` (a `data-src`, written as `src`) under `request`, has the
 * reader read and check it, and hands the widget's `handle` the dataset or
 * the sentence that says what is wrong, while the request is `current()`;
 * gives up after DATA_TIMEOUT_MS. Resolves when it is done either way.
 */
export function loadDataset(url, src, request, handle, current, limit) {
  const timer = setTimeout(
    () => request.abort(new DataError(`did not arrive within ${DATA_TIMEOUT_MS / 1000} seconds.`)),
    DATA_TIMEOUT_MS,
  );
  const host = url.protocol === "data:" ? "a data: URL" : url.host;
  return fetchDatasetText(url.href, request.signal, limit)
    .then(
      // A file that arrived is named by its full URL; one that did not, as written.
      (text) => current() && readDataset(text).then(
        (baked) => current() && handle.dataBaked(url.href, host, baked),
        (error) => current() && handle.dataFailed(url.href, error.message),
      ),
      (error) => {
        if (!current()) return;
        handle.dataFailed(src, error instanceof DataError ? error.message : "could not be loaded.");
      },
    )
    .finally(() => clearTimeout(timer));
}
