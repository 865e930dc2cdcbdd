// <ssb-explainer>: the solid-state battery explainer as a custom element.
// Importing this module registers the element (once, however often it is loaded).
// The wasm loads once per page; each element gets its own shadow root and state.
// The wasm-bindgen glue is a static import, so it arrives with this module and
// the wasm can compile while it downloads.
import * as glue from "./pkg/ssb_explainer.js";

const ATTRIBUTES = ["view", "year", "chemistries", "theme", "controls", "data-src"];
const base = new URL(".", import.meta.url);
let wasmReady = null;
let wasmExports = null;
let wasmGlue = null;

function loadWasm() {
  if (!wasmReady) {
    wasmReady = glue.default({ module_or_path: fetch(new URL("pkg/ssb_explainer_bg.wasm", base)) }).then((exports) => {
      wasmExports = exports;
      wasmGlue = glue;
      return glue;
    });
  }
  return wasmReady;
}

function stylesheetLoaded(link) {
  return new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
}

class SsbExplainer extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("ssb-explainer.css", base).href;
      root.append(link);
      this._styled = stylesheetLoaded(link);
    }
    const container = document.createElement("div");
    container.className = "ssb-root ssb-loading";
    container.setAttribute("role", "status");
    container.textContent = "Loading the solid-state battery explainer…";
    this.shadowRoot.append(container);
    this._container = container;
    const generation = (this._generation = (this._generation || 0) + 1);

    Promise.all([loadWasm(), this._styled])
      .then(([glue]) => {
        if (generation !== this._generation || !this.isConnected) return;
        container.textContent = "";
        container.removeAttribute("role");
        // mount() reads the attributes itself, so the first frame is the requested view.
        this._handle = glue.mount(this, container, (view, year, chemistries) => {
          const detail = { view, year, chemistries: chemistries ? chemistries.split(",") : [] };
          this.dispatchEvent(new CustomEvent("ssb-change", { bubbles: true, composed: true, detail }));
        });
      })
      .catch((error) => {
        console.error("<ssb-explainer> could not start:", error);
        container.className = "ssb-root ssb-fatal";
        container.setAttribute("role", "alert");
        container.textContent =
          "The explainer could not start in this browser. " + String(error && error.message ? error.message : error);
      });
  }

  disconnectedCallback() {
    this._generation = (this._generation || 0) + 1;
    if (this._handle) {
      try {
        this._handle.free();
      } catch (error) {
        console.error("<ssb-explainer> could not unmount cleanly:", error);
      }
      this._handle = null;
    }
    if (this._container) {
      this._container.remove();
      this._container = null;
    }
  }

  attributeChangedCallback(name, _old, value) {
    if (this._handle) this._handle.set(name, value);
  }

  /** Bytes of WebAssembly memory in use by all instances (diagnostics; 0 before load). */
  static get wasmMemoryBytes() {
    return wasmExports ? wasmExports.memory.buffer.byteLength : 0;
  }

  /** Bytes allocated on the wasm heap and not yet freed (diagnostics; 0 before load). */
  static get wasmHeapBytes() {
    return wasmGlue ? wasmGlue.heapBytesInUse() : 0;
  }

  /** The current state: {view, year, chemistries}. */
  get state() {
    return this._handle ? this._handle.state() : null;
  }
}

if (!customElements.get("ssb-explainer")) {
  customElements.define("ssb-explainer", SsbExplainer);
}
