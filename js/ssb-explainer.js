// <ssb-explainer>: the solid-state battery explainer as a custom element.
// Importing this module registers the element (once, however often it is loaded).
// The wasm loads once per page; each element gets its own shadow root and state.
// The wasm-bindgen glue is a static import with named bindings: `make dist`
// bundles the parts of it this module uses into this file (one request fewer
// before the wasm is asked for), and bundlers do the same for the npm package.
//
// What this file owns, so the wasm does not have to:
// - mounting lazily: a widget mounts when it comes near the viewport, so a page
//   with hundreds of them stays responsive;
// - moving: an element taken out and put back in the same task keeps its state;
// - `data-src`: the URL and the allowed origins are checked here, superseded
//   requests cancelled; the fetching (streamed, with a byte cap and a time
//   limit) is in this file's on-demand part, `ssb-explainer-data.js`, which
//   hands the text to the data reader (a second, small wasm) and the widget
//   its dataset baked, so the widget's own wasm carries no JSON reader;
// - downloads: the same on-demand part has the wasm module write the CSV and
//   SVG files the Download menu offers, and saves them, the first time a
//   reader asks for one.
import init, { mount, setDownloadWriter, maxDatasetBytes, panicForTests, clickAttributes } from "./pkg/ssb_explainer.js";

const ATTRIBUTES = ["view", "year", "chemistries", "selected", "theme", "controls", "data-src"];
// `ssb-change`: a CustomEvent whose `detail` ({view, year, chemistries,
// selected}) is read from the state's JSON, taken when the reader changed
// it, the first time a listener asks for it (and is the same object after):
// a page that does not listen pays for no parse.
class SsbChange extends CustomEvent {
  constructor(json) {
    super("ssb-change", { bubbles: true, composed: true });
    this._json = json;
  }
  get detail() {
    if (this._json !== undefined) {
      this._detail = JSON.parse(this._json);
      this._json = undefined;
    }
    return this._detail;
  }
}
// Asset URLs are `new URL("./…", import.meta.url)` literals, so bundlers (Vite,
// Rollup, webpack 5, esbuild, Parcel) see them and copy the files.
const WASM_URL = new URL("./pkg/ssb_explainer_bg.wasm", import.meta.url);
const CSS_URL = new URL("./ssb-explainer.css", import.meta.url);
// The iframe page next to our files (dist/). The npm package has no iframe
// page: its copy of this file sets EMBED_URL to null, and links go to the host page.
const EMBED_URL = new URL("./embed.html", import.meta.url);
/** The leak check's build exports this counter; a release build does not. */
const HEAP_COUNTER = "heapBytesInUse";
/** Attributes a shared link may set (`#ssb:` fragments and embed.html's query). */
export const STATE_PARAMS = ["view", "year", "chemistries", "selected", "data-src"];
/** How far outside the viewport a widget starts to mount. */
const MOUNT_MARGIN_PX = 600;

/** Every mounted element, wherever it is (documents, other shadow roots). */
const live = new Set();
let wasmReady = null;
let wasmExports = null;

function loadWasm() {
  if (!wasmReady) {
    wasmReady = init({ module_or_path: fetch(WASM_URL) }).then((exports) => {
      wasmExports = exports;
      setDownloadWriter(writeDownload);
      return mount;
    });
  }
  return wasmReady;
}

// A reader's clicks and the year slider are heard here, not by a listener
// of the wasm's own: the element a click is about (the closest with one of
// the attributes the wasm names, the first it has deciding) is found in
// JavaScript, and the wasm is called once with what it needs. Going through
// a wasm listener and the glue for the same look-ups cost about 40 µs more
// per click. Keys stay with the wasm.
let clickNames = null;
let clickSelector = null;
function listenForClicks(el, container) {
  if (!clickNames) {
    clickNames = clickAttributes().split(",");
    clickSelector = clickNames.map((n) => `[${n}]`).join(",");
  }
  container.addEventListener("click", (event) => {
    const found = event.target.closest?.(clickSelector);
    if (!found || !el._handle) return;
    for (let i = 0; i < clickNames.length; i++) {
      const value = found.getAttribute(clickNames[i]);
      if (value !== null) {
        el._handle.click(i, value, found);
        return;
      }
    }
  });
  container.addEventListener("input", (event) => {
    const slider = event.target;
    if (slider.type !== "range" || !el._handle) return;
    const year = Number.parseInt(slider.value, 10);
    if (Number.isFinite(year)) el._handle.year(year);
  });
}

let dataReady = null;
/**
 * The on-demand part of this loader (`ssb-explainer-data.js`: fetching a
 * `data-src` with its limits, and building and saving downloads with the
 * on-demand wasm module), imported once, the first time a widget needs it.
 */
function loadDataModule() {
  if (!dataReady) {
    dataReady = import("./ssb-explainer-data.js");
    // A module that did not load is tried again by the next need.
    dataReady.catch(() => { dataReady = null; });
  }
  return dataReady;
}

/** What the status line says when the download module does not load. */
const NOT_BUILT = "The download could not be built: the explainer's download module did not load.";
/** What a `data-src` banner says when the data reader does not load. */
const NOT_READ = "could not be read: the explainer's data reader did not load.";

/**
 * Builds a download in the on-demand module and saves it: resolves, or
 * rejects, with the sentence the widget's status line shows.
 */
function writeDownload(baked, order) {
  return loadDataModule().then((data) => data.writeDownload(baked, order), () => { throw NOT_BUILT; });
}

function stylesheetLoaded(link) {
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
}

// One observer for every widget on the page: it mounts each as it nears the viewport.
let nearViewport = null;
const waitingForViewport = new Set();
function observeUntilNear(el) {
  if (typeof IntersectionObserver !== "function") return el._becameNear();
  if (!nearViewport) {
    nearViewport = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        // A report from before the widget's styles and code are ready is ignored:
        // unstyled loading boxes are short, so far more of them look near than will
        // be once styled. The check when both are ready measures again.
        if (entry.isIntersecting && entry.target._ready) stopWaiting(entry.target)._becameNear();
      }
    }, { rootMargin: `${MOUNT_MARGIN_PX}px 0px` });
  }
  waitingForViewport.add(el);
  nearViewport.observe(el);
}
function stopWaiting(el) {
  nearViewport?.unobserve(el);
  waitingForViewport.delete(el);
  return el;
}
/** Whether an element is within the mount margin of the viewport now. */
function isNearViewport(el) {
  const r = el.getBoundingClientRect();
  return r.bottom >= -MOUNT_MARGIN_PX && r.top <= innerHeight + MOUNT_MARGIN_PX && r.right >= 0 && r.left <= innerWidth;
}

/** The widths (px, content box) at or under which the widget's CSS changes layout. */
const BREAKPOINTS = [520, 600, 640];
function widthClasses(width) {
  return BREAKPOINTS.filter((b) => width <= b).join(" ");
}
function setWidthClasses(container, width) {
  const value = widthClasses(width);
  if (container.getAttribute("data-max") !== value) container.setAttribute("data-max", value);
}
// One observer keeps every mounted widget's width classes current and tells
// the widget its width (its charts are laid out for it). Its first report
// comes after the first frame's layout, so nothing forces a layout early. It
// watches a ruler of no height beside the container, as wide as the
// container's content (same side padding): a toggle changes the container's
// height, and an observer of the container itself was called at every toggle
// (about 0.03 ms of script each time) for nothing.
let resizes = null;
function observeWidth(container) {
  const style = getComputedStyle(container);
  setWidthClasses(container, container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  if (typeof ResizeObserver !== "function") return;
  resizes ||= new ResizeObserver((entries) => {
    for (const entry of entries) {
      // It watches rulers only; each knows its container.
      const box = entry.target._ssbContainer;
      setWidthClasses(box, entry.contentRect.width);
      // The widget lays out again only for a change of 4 px or more.
      const width = Math.round(entry.contentRect.width);
      const handle = entry.target.getRootNode().host?._handle;
      if (handle && box._ssbWidth !== width) {
        box._ssbWidth = width;
        handle.setWidth(width);
      }
    }
  });
  const ruler = document.createElement("div");
  ruler.className = "ssb-width";
  ruler.setAttribute("aria-hidden", "true");
  ruler._ssbContainer = container;
  container._ssbRuler = ruler;
  container.after(ruler);
  resizes.observe(ruler);
}

/**
 * What "Copy link" puts before the state's query string: the iframe page next
 * to our files, or — with `share-link="page"`, or where there is no iframe page
 * (the npm package) — this page with a `#ssb:` fragment (naming the element by
 * its id, when it has one).
 */
function shareBase(el) {
  if (EMBED_URL && el.getAttribute("share-link") !== "page") return EMBED_URL.href + "?";
  const page = new URL(location.href);
  page.hash = "";
  return page.href + "#ssb:" + (el.id ? `for=${encodeURIComponent(el.id)}&` : "");
}

/** Applies a `#ssb:` fragment of this page's address to `el`, if it is for `el`. */
function applyFragment(el) {
  if ((EMBED_URL && el.getAttribute("share-link") !== "page") || !location.hash.startsWith("#ssb:")) return;
  const params = new URLSearchParams(location.hash.slice(5));
  if ((params.get("for") || "") !== (el.id || "")) return;
  for (const name of STATE_PARAMS) {
    if (params.has(name)) el.setAttribute(name, params.get(name));
  }
}

/** A `data-src` failure with the sentence the widget shows. */
/** Whether `url` may be loaded under `allowed` (a list of origins; null allows any). */
function originAllowed(url, allowed) {
  if (!allowed) return true;
  return allowed.includes(url.origin);
}

class SsbExplainer extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  constructor() {
    super();
    /** Origins `data-src` may load from; `null` (the default) allows any. Set by embed.html. */
    this.allowedDataOrigins = null;
  }

  connectedCallback() {
    // Moved within the same task (removed, then inserted again): keep everything.
    if (this._pendingTeardown) {
      this._pendingTeardown = false;
      return;
    }
    if (this._container) return;
    if (!this._fragmentRead) {
      this._fragmentRead = true;
      applyFragment(this);
    }
    // A shadow root may already be there (declarative shadow DOM, or an earlier
    // connection): reuse it, and make sure our stylesheet is in it.
    const root = this.shadowRoot || this.attachShadow({ mode: "open" });
    let link = root.querySelector("link[data-ssb-style]");
    if (!link) {
      link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = CSS_URL.href;
      link.setAttribute("data-ssb-style", "");
      root.prepend(link);
    }
    this._styled = stylesheetLoaded(link);
    // What a declarative root holds (a server-rendered placeholder) gives way to the widget.
    for (const stale of [...root.children]) {
      if (stale.localName !== "link" && stale.localName !== "style") stale.remove();
    }
    const container = document.createElement("div");
    container.className = "ssb-root ssb-loading";
    container.setAttribute("role", "status");
    container.textContent = "Loading the solid-state battery explainer…";
    root.append(container);
    this._container = container;
    const generation = (this._generation = (this._generation || 0) + 1);

    this._ready = false;
    const near = new Promise((resolve) => (this._becameNear = resolve));
    observeUntilNear(this);
    // Once the wasm and styles are ready, measure: near now means mount now (the
    // observer's reports before this were ignored). Measured once styled, so the
    // loading box has its reserved height; every waiting widget measures in the
    // same turn, before any of them mounts, so the page lays out once.
    Promise.all([loadWasm(), this._styled]).then(() => {
      if (generation !== this._generation) return;
      this._ready = true;
      if (waitingForViewport.has(this) && isNearViewport(this)) stopWaiting(this)._becameNear();
    }, () => {});
    Promise.all([loadWasm(), this._styled, near])
      .then(([mount]) => {
        if (generation !== this._generation || !this.isConnected) return;
        container.textContent = "";
        container.removeAttribute("role");
        observeWidth(container);
        // mount() reads the attributes itself, so the first frame is the requested view.
        this._handle = mount(this, container, (json) => this.dispatchEvent(new SsbChange(json)), shareBase(this));
        listenForClicks(this, container);
        live.add(this);
        // The built-in data is already there; only a data-src needs loading.
        if ((this.getAttribute("data-src") || "").trim()) this._loadData(this.getAttribute("data-src"));
      })
      .catch((error) => {
        if (generation !== this._generation) return;
        console.error("<ssb-explainer> could not start:", error);
        container.className = "ssb-root ssb-fatal";
        container.setAttribute("role", "alert");
        container.textContent =
          "The explainer could not start in this browser. " + String(error && error.message ? error.message : error);
      });
  }

  disconnectedCallback() {
    // Tear down at the end of the task, unless the element is back by then (a move).
    this._pendingTeardown = true;
    queueMicrotask(() => {
      if (!this._pendingTeardown) return;
      this._pendingTeardown = false;
      this._teardown();
    });
  }

  _teardown() {
    this._generation = (this._generation || 0) + 1;
    stopWaiting(this);
    live.delete(this);
    this._dataRequest?.abort(new DOMException("the element was removed", "AbortError"));
    this._dataRequest = null;
    if (this._handle) {
      try {
        this._handle.free();
      } catch (error) {
        console.error("<ssb-explainer> could not unmount cleanly:", error);
      }
      this._handle = null;
    }
    if (this._container) {
      const ruler = this._container._ssbRuler;
      if (ruler) {
        resizes?.unobserve(ruler);
        ruler.remove();
      }
      this._container.remove();
      this._container = null;
    }
  }

  attributeChangedCallback(name, _old, value) {
    if (!this._handle) return;
    if (name === "data-src") this._loadData(value);
    else this._handle.set(name, value);
  }

  /** Loads `data-src` (or goes back to the built-in data); a newer call cancels an older one. */
  _loadData(value) {
    this._dataRequest?.abort(new DOMException("a newer data-src replaced it", "AbortError"));
    this._dataRequest = null;
    const src = (value || "").trim();
    const handle = this._handle;
    if (!src) {
      handle.set("data-src", null);
      return;
    }
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch {
      handle.dataFailed(src, "is not a valid URL.");
      return;
    }
    if (!originAllowed(url, this.allowedDataOrigins)) {
      const from = url.protocol === "data:" || url.origin === "null" ? `a ${url.protocol} URL` : url.origin;
      handle.dataFailed(src, `comes from ${from}, which this page does not allow (allowed: ${this.allowedDataOrigins.join(", ") || "none"}).`);
      return;
    }
    const request = new AbortController();
    this._dataRequest = request;
    handle.dataLoading(src);
    const current = () => this._dataRequest === request;
    loadDataModule()
      .then(
        (data) => data.loadDataset(url, src, request, handle, current, maxDatasetBytes()),
        () => current() && handle.dataFailed(src, NOT_READ),
      )
      .finally(() => {
        if (current()) this._dataRequest = null;
      });
  }

  /** Bytes of WebAssembly memory in use by all instances (diagnostics; 0 before load). */
  static get wasmMemoryBytes() {
    return wasmExports ? wasmExports.memory.buffer.byteLength : 0;
  }

  /**
   * Makes the wasm panic on purpose: only for the test that checks every
   * widget on the page then shows its error state. Not for use.
   */
  static panicForTests() {
    panicForTests();
  }

  /**
   * Bytes allocated on the wasm heap and not yet freed: only in the leak
   * check's build (`make leak-dist`); null in a release build, 0 before load.
   */
  static get wasmHeapBytes() {
    if (!wasmExports) return 0;
    const count = wasmExports[HEAP_COUNTER];
    return typeof count === "function" ? count() : null;
  }

  /** The current state: {view, year, chemistries, selected}. */
  get state() {
    return this._handle ? this._handle.state() : null;
  }
}

if (!customElements.get("ssb-explainer")) {
  customElements.define("ssb-explainer", SsbExplainer);
  // Print the sources with the chart: open each closed source list for the
  // print, and close it again after (browsers without ::details-content).
  const opened = [];
  addEventListener("beforeprint", () => {
    for (const widget of live) {
      const details = widget.shadowRoot.querySelector("details.ssb-sources");
      if (details && !details.open) {
        details.open = true;
        opened.push(details);
      }
    }
  });
  addEventListener("afterprint", () => {
    for (const el of opened.splice(0)) el.open = false;
  });
}
