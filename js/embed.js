// The iframe page's script: builds one <ssb-explainer> from the query string
// (?view=energy&year=2026&chemistries=sulfide,oxide&theme=dark&controls=none)
// and reports the page's height to the parent so the iframe never scrolls.
import "./ssb-explainer.js";

const params = new URLSearchParams(location.search);
const el = document.querySelector("ssb-explainer");
for (const name of ["view", "year", "chemistries", "theme", "controls", "data-src"]) {
  if (params.has(name)) el.setAttribute(name, params.get(name));
}

let last = 0;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: "ssb-explainer:height", height }, "*");
  }
}
new ResizeObserver(report).observe(document.documentElement);
window.addEventListener("load", report);
