// The same chart and controls with Chart.js (from npm, served locally).
import { energyBars, controls, CHEMISTRIES } from "../common.js";

const colors = Object.fromEntries(CHEMISTRIES.map(([id, , c]) => [id, c]));
const state = { year: 2026, chems: new Set(CHEMISTRIES.map((c) => c[0])) };
const data = await (await fetch("../../../dist/solid-state-batteries.json")).json();
const canvas = document.getElementById("chart");

function config() {
  const bars = energyBars(data, state.year, state.chems);
  return {
    labels: bars.map((b) => `${b.m.product} (${b.f.level})`),
    datasets: [{
      label: "Wh/kg",
      data: bars.map((b) => b.top),
      backgroundColor: bars.map((b) => (b.f.claim === "claimed" ? "transparent" : colors[b.m.chemistry])),
      borderColor: bars.map((b) => colors[b.m.chemistry]),
      borderWidth: 2,
    }],
  };
}
const chart = new window.Chart(canvas, {
  type: "bar",
  data: config(),
  options: { indexAxis: "y", animation: false, maintainAspectRatio: false, scales: { x: { min: 0, max: 800, title: { display: true, text: "Wh/kg" } } } },
});
canvas.dataset.drawn = "1";
controls(document.getElementById("controls"), state, () => {
  chart.data = config();
  chart.update();
});
