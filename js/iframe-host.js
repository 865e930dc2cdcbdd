// Parent-page side of the iframe embed: resizes each explainer iframe to the
// height it reports, accepting messages only from that iframe's own window and origin.
for (const frame of document.querySelectorAll('iframe[src*="embed.html"]')) {
  const origin = new URL(frame.src, location.href).origin;
  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    const data = event.data;
    if (data && data.type === "ssb-explainer:height" && Number.isFinite(data.height)) {
      frame.style.height = `${Math.max(100, Math.min(data.height, 20000))}px`;
    }
  });
}
