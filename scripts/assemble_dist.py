#!/usr/bin/env python3
"""Assembles dist/ from pkg/ (wasm-pack output), js/, style/, the dataset and the
pages, putting the build-time static fallback where the pages ask for it.

Usage: assemble_dist.py FALLBACK_HTML [--pkg DIR] [--out DIR]
(the leak check's build uses its own pkg and output folders)."""
import argparse
import shutil
import sys
import subprocess
from pathlib import Path

root = Path(__file__).resolve().parent.parent
args = argparse.ArgumentParser()
args.add_argument("fallback", nargs="?")
args.add_argument("--pkg", default=str(root / "pkg"))
args.add_argument("--out", default=str(root / "dist"))
args = args.parse_args()
dist = Path(args.out)
pkg = Path(args.pkg)
fallback = Path(args.fallback).read_text(encoding="utf-8") if args.fallback else ""

if dist.exists():
    shutil.rmtree(dist)
(dist / "pkg").mkdir(parents=True)

# The wasm; its glue is bundled into the loader below.
shutil.copy(pkg / "ssb_explainer_bg.wasm", dist / "pkg" / "ssb_explainer_bg.wasm")
# The on-demand module (reader/), loaded only for a data-src or a download.
reader = root / "target" / "reader-pkg"
for name in ("ssb_reader.js", "ssb_reader_bg.wasm"):
    if not (reader / name).exists():
        sys.exit(f"target/reader-pkg/{name} is missing: run `make build` first")
    shutil.copy(reader / name, dist / "pkg" / name)
if (pkg / "snippets").exists():
    shutil.copytree(pkg / "snippets", dist / "pkg" / "snippets")

for f in (root / "js").glob("*.js"):
    shutil.copy(f, dist / f.name)
shutil.copy(root / "style" / "ssb-explainer.css", dist / "ssb-explainer.css")
shutil.copy(root / "style" / "article.css", dist / "article.css")
for data_file in ("solid-state-batteries.json", "solid-state-batteries.schema.json"):
    shutil.copy(root / "src" / "data" / data_file, dist / data_file)

for page in ("index.html", "embed.html"):
    html = (root / page).read_text(encoding="utf-8")
    if "<!-- ssb:fallback -->" not in html:
        sys.exit(f"{page}: missing the <!-- ssb:fallback --> marker")
    (dist / page).write_text(html.replace("<!-- ssb:fallback -->", fallback), encoding="utf-8")
(dist / "fallback.html").write_text(fallback, encoding="utf-8")

# The loader with the parts of the wasm-bindgen glue it uses, as one minified
# module: the browser asks for the wasm one round trip sooner, and glue for
# exports nothing calls (wasm-streams' classes, which Leptos' server-function
# support keeps in the wasm, once minify_wasm_names.py has taken out what
# made them look used) is left out. Its on-demand part
# (ssb-explainer-data.js) and the on-demand wasm module stay apart, imported
# only when needed; the asset literals (`new URL("./…", import.meta.url)`)
# stay relative to the loader.
esbuild = root / "tools" / "node_modules" / ".bin" / "esbuild"
shutil.copy(pkg / "ssb_explainer.js", dist / "pkg" / "ssb_explainer.js")
loader = dist / "ssb-explainer.js"
# Short import, export and module names in the wasm, and the same in the glue
# and the loader (scripts/minify_wasm_names.py).
subprocess.run([sys.executable, str(root / "scripts" / "minify_wasm_names.py"),
                str(dist / "pkg" / "ssb_explainer_bg.wasm"), str(dist / "pkg" / "ssb_explainer.js"),
                str(loader)], check=True)
subprocess.run([str(esbuild), str(loader), "--bundle", "--minify", "--format=esm", "--log-level=warning",
                "--external:./ssb-explainer-data.js", f"--outfile={loader}", "--allow-overwrite"], check=True)
(dist / "pkg" / "ssb_explainer.js").unlink()
if "intounderlying" in loader.read_text(encoding="utf-8"):
    sys.exit("the loader's bundle still calls wasm-streams' exports, which minify_wasm_names.py dropped")
# Minify the other scripts a page may load (the loader's on-demand part, the
# iframe scripts, the on-demand module's glue), each alone: imports, exports
# and asset literals stay.
scripts = [s for s in sorted(dist.glob("*.js")) if s != loader] + [dist / "pkg" / "ssb_reader.js"]
for script in scripts:
    subprocess.run([str(esbuild), str(script), "--minify", "--format=esm", "--log-level=warning",
                    f"--outfile={script}", "--allow-overwrite"], check=True)

# The widget's stylesheet, minified the same way (comments and whitespace out).
css = dist / "ssb-explainer.css"
subprocess.run([str(esbuild), str(css), "--minify", "--log-level=warning",
                f"--outfile={css}", "--allow-overwrite"], check=True)

print(f"dist/ assembled: {sorted(p.name for p in dist.iterdir())}")
