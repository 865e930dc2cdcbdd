// A hand-written vanilla JS + SVG energy-density chart with the widget's controls.
import { energyBars, controls, CHEMISTRIES } from "../common.js";

const NS = "http://www.w3.org/2000/svg";
const colors = Object.fromEntries(CHEMISTRIES.map(([id, , c]) => [id, c]));
const svg = document.getElementById("chart");
const state = { year: 2026, chems: new Set(CHEMISTRIES.map((c) => c[0])) };
const data = await (await fetch("../../../dist/solid-state-batteries.json")).json();

function render() {
  const bars = energyBars(data, state.year, state.chems);
  const max = 800;
  svg.replaceChildren();
  svg.setAttribute("height", bars.length * 40 + 10);
  bars.forEach((b, i) => {
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "bar");
    const t = document.createElementNS(NS, "text");
    t.setAttribute("y", i * 40 + 12);
    t.textContent = `${b.m.product} (${b.m.company}) — ${b.f.value} Wh/kg, ${b.f.level}`;
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("y", i * 40 + 16);
    r.setAttribute("height", 14);
    r.setAttribute("width", `${(b.top / max) * 100}%`);
    r.setAttribute("fill", b.f.claim === "claimed" ? "none" : colors[b.m.chemistry]);
    r.setAttribute("stroke", colors[b.m.chemistry]);
    g.append(t, r);
    svg.append(g);
  });
}
controls(document.getElementById("controls"), state, render);
render();
