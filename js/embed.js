// The iframe page's script: builds one <ssb-explainer> from the query string
// (?view=energy&year=2026&chemistries=sulfide,oxide&selected=mg4-anxin&theme=dark&controls=none&data-src=…)
// and reports the page's height to the parent so the iframe never scrolls.
//
// Anyone can write a link to this page, so `data-src` is limited: only data from
// this page's own origin loads, unless the site that serves this page lists more
// origins in <meta name="ssb-data-origins" content="https://data.example.org …">.
import { STATE_PARAMS } from "./ssb-explainer.js";

const params = new URLSearchParams(location.search);
const el = document.querySelector("ssb-explainer");
const listed = document.querySelector('meta[name="ssb-data-origins"]')?.content.split(/\s+/).filter(Boolean) || [];
el.allowedDataOrigins = [location.origin, ...listed];
for (const name of [...STATE_PARAMS, "theme", "controls"]) {
  if (params.has(name)) el.setAttribute(name, params.get(name));
}

// The height goes to the embedding page's origin only, never to "*". Browsers
// tell it through ancestorOrigins (Chromium, WebKit) or the referrer (others).
function parentOrigin() {
  if (location.ancestorOrigins && location.ancestorOrigins.length) return location.ancestorOrigins[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

const target = window.parent !== window ? parentOrigin() : null;
let last = 0;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (target && target !== "null" && height !== last) {
    last = height;
    window.parent.postMessage({ type: "ssb-explainer:height", height }, target);
  }
}
new ResizeObserver(report).observe(document.documentElement);
window.addEventListener("load", report);
