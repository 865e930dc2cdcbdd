// Shared by the two peer pages: the dataset's "as of the end of a year" rule
// and the same controls as the widget (chemistry toggles, a year slider).
export const CHEMISTRIES = [
  ["liquid", "Liquid Li-ion", "#5f6b7a"], ["semi-solid", "Semi-solid", "#b35900"], ["sulfide", "Sulfide", "#0b6fb0"],
  ["oxide", "Oxide", "#0a7d5a"], ["polymer", "Polymer", "#b0357f"], ["all-solid", "All-solid, route not stated", "#6b4fbb"],
];

function startYear(date) {
  const v = date.value;
  const m = v.match(/(\d{4})/);
  if (!m) return Infinity;
  const y = +m[1];
  switch (date.precision) {
    case "month": return y + (+v.slice(5, 7) - 1) / 12;
    case "day": return y + (+v.slice(5, 7) - 1) / 12;
    case "quarter": return y + (+v.slice(6) - 1) / 4;
    case "half": return y + (+v.slice(6) - 1) / 2;
    case "part_of_year": return y + ["early", "mid", "late"].indexOf(v.split(" ")[0]) / 3;
    default: return y;
  }
}

/** Energy-density bars known by the end of `year` for the chosen chemistries, highest first. */
export function energyBars(data, year, chems) {
  const bars = [];
  for (const m of data.milestones) {
    if (!chems.has(m.chemistry) || startYear(m.date) >= year + 1) continue;
    for (const f of m.figures || []) {
      if (f.quantity === "energy_density") bars.push({ m, f, top: f.value_max ?? f.value });
    }
  }
  return bars.sort((a, b) => b.top - a.top || a.m.id.localeCompare(b.m.id));
}

/** Builds the controls; calls `onChange(state)` after each change. */
export function controls(root, state, onChange) {
  const chemRow = document.createElement("div");
  for (const [id, name] of CHEMISTRIES) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = name;
    b.dataset.chem = id;
    b.setAttribute("aria-pressed", String(state.chems.has(id)));
    b.addEventListener("click", () => {
      state.chems.has(id) ? state.chems.delete(id) : state.chems.add(id);
      b.setAttribute("aria-pressed", String(state.chems.has(id)));
      onChange(state);
    });
    chemRow.append(b);
  }
  const label = document.createElement("label");
  label.textContent = "Year ";
  const slider = document.createElement("input");
  Object.assign(slider, { type: "range", min: 2024, max: 2030, step: 1, value: state.year });
  slider.addEventListener("input", () => {
    state.year = +slider.value;
    onChange(state);
  });
  label.append(slider);
  root.append(chemRow, label);
}
