#!/usr/bin/env python3
"""Assembles dist/ from pkg/ (wasm-pack output), js/, style/, the dataset and the
pages, putting the build-time static fallback where the pages ask for it."""
import shutil
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
dist = root / "dist"
fallback = Path(sys.argv[1]).read_text(encoding="utf-8") if len(sys.argv) > 1 else ""

if dist.exists():
    shutil.rmtree(dist)
(dist / "pkg").mkdir(parents=True)

pkg = root / "pkg"
for name in ("ssb_explainer.js", "ssb_explainer_bg.wasm"):
    shutil.copy(pkg / name, dist / "pkg" / name)
# The data-src reader (reader/), loaded only when a widget has a data-src.
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

# Minify the scripts a page loads (the loader, the iframe scripts, the
# wasm-bindgen glue). esbuild transforms each file alone: imports, exports and
# the `new URL("./…", import.meta.url)` asset literals stay as they are.
esbuild = root / "tools" / "node_modules" / ".bin" / "esbuild"
scripts = sorted(dist.glob("*.js")) + [dist / "pkg" / "ssb_explainer.js", dist / "pkg" / "ssb_reader.js"]
for script in scripts:
    subprocess.run([str(esbuild), str(script), "--minify", "--format=esm", "--log-level=warning",
                    f"--outfile={script}", "--allow-overwrite"], check=True)

# The widget's stylesheet, minified the same way (comments and whitespace out).
css = dist / "ssb-explainer.css"
subprocess.run([str(esbuild), str(css), "--minify", "--log-level=warning",
                f"--outfile={css}", "--allow-overwrite"], check=True)

print(f"dist/ assembled: {sorted(p.name for p in dist.iterdir())}")
