// Parent-page side of the iframe embed: resizes each explainer iframe to the
// height it reports. One listener serves every frame, including frames added
// after this script ran, and it works from <head>: a message is accepted only
// from an iframe's own window and from the origin that iframe's src names.
const installed = Symbol.for("ssb-explainer:iframe-host");
if (!window[installed]) {
  window[installed] = true;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "ssb-explainer:height" || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      let origin;
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch {
        return;
      }
      if (event.origin !== origin) return;
      frame.style.height = `${Math.max(100, Math.min(data.height, 20000))}px`;
      return;
    }
  });
}
