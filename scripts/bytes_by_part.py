#!/usr/bin/env python3
"""Where the widget's wasm bytes are, by crate and by part of our code.

Usage: scripts/bytes_by_part.py WASM [WASM ...]

Each WASM is a profiling build run through `wasm-opt -Oz -g` (names kept), as
`make bytes` makes it. `twiggy top` lists every item with its size before
compression; a function is counted under the crate its name starts with, and
our own functions under the part of `src/` they live in. Prints one Markdown
table with a column per file (the README's "bytes by crate" table).
"""
import csv
import io
import re
import subprocess
import sys

# (label, name prefixes), first match wins; order as in the README.
PARTS = [
    ("tachys (Leptos views)", ["tachys::", "<tachys::"]),
    ("reactive_graph (Leptos signals)", ["reactive_graph::", "<reactive_graph::"]),
    ("leptos and helpers", ["leptos::", "<leptos::", "any_spawner", "<any_spawner", "throw_error",
                            "send_wrapper", "<send_wrapper", "or_poisoned", "guardian", "<guardian",
                            "either_of", "<either_of", "slotmap", "<slotmap", "indexmap", "<indexmap",
                            "futures", "<futures", "pin_project", "next_tuple", "oco_ref", "<oco_ref"]),
    ("ours: screen, views, app, events, context", ["ssb_explainer::screen", "ssb_explainer::views",
                                                   "ssb_explainer::app", "ssb_explainer::events",
                                                   "ssb_explainer::context", "<ssb_explainer::screen",
                                                   "<ssb_explainer::views", "<ssb_explainer::app",
                                                   "<ssb_explainer::events", "<ssb_explainer::context"]),
    ("ours: charts and export", ["ssb_explainer::charts", "ssb_explainer::export",
                                 "<ssb_explainer::charts", "<ssb_explainer::export"]),
    ("ours: embed, takeaway, state", ["ssb_explainer::embed", "ssb_explainer::takeaway", "ssb_explainer::state",
                                      "<ssb_explainer::embed", "<ssb_explainer::takeaway", "<ssb_explainer::state"]),
    ("ours: model (dates, figures, queries, unbaking)", ["ssb_explainer::model", "<ssb_explainer::model",
                                                         "ssb_explainer::", "<ssb_explainer::"]),
    ("core", ["core::", "<core::", "core[", "<core["]),
    ("alloc, std, dlmalloc, hashbrown", ["alloc::", "<alloc::", "alloc[", "<alloc[", "std::", "<std::", "std[",
                                         "<std[", "dlmalloc", "<dlmalloc", "hashbrown", "<hashbrown"]),
    ("wasm-bindgen, js-sys, web-sys", ["wasm_bindgen", "<wasm_bindgen", "js_sys", "<js_sys", "web_sys",
                                       "<web_sys", "__wbindgen", "__wbg"]),
    ("data segments (baked dataset, strings)", ["data segment"]),
]
OTHER = "other (imports, tables, unnamed)"
SKIP = ['"function names" subsection', "custom section", '"producers"', '"target_features"']


def part_of(name):
    # A blanket impl's method (`<T as reactive_graph::traits::Update>::…`,
    # `<&T as core::fmt::Display>::…`) is the trait's crate's code.
    name = re.sub(r"^<&?(mut )?T as ", "<", name)
    for label, prefixes in PARTS:
        if any(name.startswith(p) for p in prefixes):
            return label
    return OTHER


def bytes_by_part(path):
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "-f", "csv", path],
                         check=True, capture_output=True, text=True).stdout
    sums = {}
    for row in csv.DictReader(io.StringIO(out)):
        name = row["Name"]
        if any(s in name for s in SKIP) or name.startswith("Σ"):
            continue
        size = int(row["ShallowSize"])
        label = part_of(name)
        sums[label] = sums.get(label, 0) + size
    return sums


def main(paths):
    tables = [bytes_by_part(p) for p in paths]
    labels = [label for label, _ in PARTS] + [OTHER]
    header = "| part | " + " | ".join(paths) + " |"
    print(header)
    print("| --- |" + " ---: |" * len(paths))
    for label in labels:
        print(f"| {label} | " + " | ".join(f"{t.get(label, 0):,}" for t in tables) + " |")
    print("| **total** | " + " | ".join(f"{sum(t.values()):,}" for t in tables) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
