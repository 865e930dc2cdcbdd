#!/usr/bin/env python3
"""Turns pkg/ (wasm-pack output) into the npm package `ssb-explainer`: the loader,
glue, wasm, stylesheet, dataset, schema, TypeScript declaration and a README,
with a package.json whose version is Cargo.toml's. `npm pack pkg/` packs it."""
import json
import re
import shutil
from pathlib import Path

root = Path(__file__).resolve().parent.parent
pkg = root / "pkg"
for needed in ("ssb_explainer.js", "ssb_explainer_bg.wasm"):
    if not (pkg / needed).exists():
        raise SystemExit(f"pkg/{needed} is missing: run `make build` first")

cargo = (root / "Cargo.toml").read_text(encoding="utf-8")
version = re.search(r'^version\s*=\s*"([^"]+)"', cargo, re.M).group(1)
license_ = re.search(r'^license\s*=\s*"([^"]+)"', cargo, re.M).group(1)

# In dist/ the glue sits in pkg/ beside the loader; in the package, next to it.
loader = (root / "js" / "ssb-explainer.js").read_text(encoding="utf-8")
if loader.count("./pkg/") != 2:
    raise SystemExit("js/ssb-explainer.js: expected two ./pkg/ paths (the glue and the wasm)")
loader = loader.replace("./pkg/", "./")
# The package has no iframe page: "Copy link" links to the host page there.
embed = 'const EMBED_URL = new URL("./embed.html", import.meta.url);'
if loader.count(embed) != 1:
    raise SystemExit("js/ssb-explainer.js: expected one EMBED_URL line")
loader = loader.replace(embed, "const EMBED_URL = null;")
(pkg / "ssb-explainer.js").write_text(loader, encoding="utf-8")
# The loader's on-demand part (data-src and downloads), with the on-demand
# module's glue and wasm beside it too.
data = (root / "js" / "ssb-explainer-data.js").read_text(encoding="utf-8")
if data.count("./pkg/") != 2:
    raise SystemExit("js/ssb-explainer-data.js: expected two ./pkg/ paths (the reader's glue and wasm)")
(pkg / "ssb-explainer-data.js").write_text(data.replace("./pkg/", "./"), encoding="utf-8")
# The data-src reader (reader/), which the loader imports only for a data-src.
for name in ("ssb_reader.js", "ssb_reader_bg.wasm"):
    source = root / "target" / "reader-pkg" / name
    if not source.exists():
        raise SystemExit(f"target/reader-pkg/{name} is missing: run `make build` first")
    shutil.copy(source, pkg / name)
shutil.copy(root / "style" / "ssb-explainer.css", pkg / "ssb-explainer.css")
for data_file in ("solid-state-batteries.json", "solid-state-batteries.schema.json"):
    shutil.copy(root / "src" / "data" / data_file, pkg / data_file)
shutil.copy(root / "package" / "ssb-explainer.d.ts", pkg / "ssb-explainer.d.ts")
shutil.copy(root / "package" / "README.md", pkg / "README.md")
for stale in (".gitignore", "package.json"):
    (pkg / stale).unlink(missing_ok=True)

files = ["ssb-explainer.js", "ssb-explainer-data.js", "ssb-explainer.d.ts", "ssb-explainer.css", "ssb_explainer.js",
         "ssb_explainer_bg.wasm", "ssb_reader.js", "ssb_reader_bg.wasm", "solid-state-batteries.json", "solid-state-batteries.schema.json", "README.md"]
manifest = {
    "name": "ssb-explainer",
    "version": version,
    "description": "The solid-state battery explainer: an embeddable, sourced, interactive custom element <ssb-explainer> (Leptos + WebAssembly).",
    "license": license_,
    "type": "module",
    "main": "./ssb-explainer.js",
    "module": "./ssb-explainer.js",
    "types": "./ssb-explainer.d.ts",
    "exports": {
        ".": {"types": "./ssb-explainer.d.ts", "default": "./ssb-explainer.js"},
        "./ssb-explainer.css": "./ssb-explainer.css",
        "./solid-state-batteries.json": "./solid-state-batteries.json",
        "./solid-state-batteries.schema.json": "./solid-state-batteries.schema.json",
        "./package.json": "./package.json",
    },
    "files": files,
    "sideEffects": ["./ssb-explainer.js", "./ssb_explainer.js"],
    "keywords": ["custom-element", "web-component", "solid-state-battery", "wasm", "leptos", "data-visualization"],
}
(pkg / "package.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
missing = [f for f in files if not (pkg / f).exists()]
if missing:
    raise SystemExit(f"package is missing {missing}")
print(f"pkg/ is the npm package ssb-explainer@{version}: {', '.join(files)}")
