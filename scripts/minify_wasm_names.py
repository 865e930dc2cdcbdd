#!/usr/bin/env python3
"""Gives the widget's wasm short import, export and module names, and its JS
glue and loader the same names; drops the exports of wasm-streams' classes,
which nothing can call.

wasm-bindgen names each import after the JS function it calls plus a hash
(`__wbg_setAttribute_f75317b2b5cabfb4`), and the glue spells each name again
as a key of its import object: about 160 long names, twice. Binaryen's
`--minify-imports-and-exports-and-modules` renames them (`a`, `b`, …) and
prints the mapping, which this script applies to the glue (import keys,
`wasm.<export>` calls, the import module's name) and to the loader (the raw
exports it reads: `memory`, and the leak check's counter). Anything it
expected and did not find stops the build, so a glue or loader that changes
shape fails here rather than in a browser.

Usage: minify_wasm_names.py WASM GLUE_JS LOADER_JS (all rewritten in place).
The on-demand module (reader/) keeps its names: it has 4 imports, and
renamed and run through -Oz again it came out 49 B larger, against 117 B
its glue would save.
"""
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parent.parent
wasm, glue, loader = (Path(p) for p in sys.argv[1:4])
WASM_OPT = root / "tools" / "node_modules" / ".bin" / "wasm-opt"
# The limit on inlining functions with one caller that wasm-pack's -Oz ran
# with, read from Cargo.toml so the second -Oz below cannot undo it.
ONE_CALLER = [flag for flag in tomllib.loads((root / "Cargo.toml").read_text())
              ["package"]["metadata"]["wasm-pack"]["profile"]["release"]["wasm-opt"]
              if flag.startswith("--one-caller-inline-max-function-size")]
FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
            "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]


def fail(why):
    sys.exit(f"minify_wasm_names: {why}")


def leb(b, i):
    value, shift = 0, 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(b):
    """Each section of wasm bytes `b`: its id and where its body starts and ends."""
    i = 8
    while i < len(b):
        size, start = leb(b, i + 1)
        yield b[i], start, start + size
        i = start + size


def import_modules(path):
    """The module names of a wasm file's imports."""
    b = path.read_bytes()
    modules = set()
    for section, j, _ in sections(b):
        if section != 2:
            continue
        count, j = leb(b, j)
        for _ in range(count):
            n, j = leb(b, j)
            modules.add(b[j:j + n].decode())
            j += n
            n, j = leb(b, j)
            j += n
            kind = b[j]
            j += 1
            if kind == 0:  # function: a type index
                _, j = leb(b, j)
            elif kind in (1, 2):  # table (element type first) or memory: limits
                if kind == 1:
                    j += 1
                flags = b[j]
                _, j = leb(b, j + 1)
                if flags & 1:
                    _, j = leb(b, j)
            elif kind == 3:  # global: type and mutability
                j += 2
            else:
                fail(f"import kind {kind} not expected")
    return modules


def has_names(path):
    """Whether a wasm file has a name section (a profiling build)."""
    b = path.read_bytes()
    for section, start, _ in sections(b):
        if section == 0:
            n, j = leb(b, start)
            if b[j:j + n] == b"name":
                return True
    return False


def enc(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def drop_exports(path, unused):
    """Removes the exports whose names match `unused` from a wasm file (the
    functions behind them go with the -Oz below); returns their names."""
    b = path.read_bytes()
    out, dropped = bytearray(b[:8]), []
    for section, start, end in sections(b):
        body = b[start:end]
        if section == 7:
            count, k = leb(body, 0)
            kept = []
            for _ in range(count):
                n, at = leb(body, k)
                name = body[at:at + n].decode()
                _, after = leb(body, at + n + 1)
                if re.search(unused, name):
                    dropped.append(name)
                else:
                    kept.append(body[k:after])
                k = after
            body = enc(len(kept)) + b"".join(kept)
        out += bytes([section]) + enc(len(body)) + body
    path.write_bytes(bytes(out))
    return dropped


# wasm-streams' stream classes (IntoUnderlyingSource, …), which Leptos'
# server-function support keeps in the module: JS can only get one from Rust,
# and the glue has no way to (no `__wrap`, no import that makes one), so their
# exports are never called; without them -Oz drops their code.
STREAMS = r"^(__wbg_)?intounderlying"
js = glue.read_text(encoding="utf-8")
if re.search(r"IntoUnderlying\w*\.__wrap|new IntoUnderlying", js):
    fail(f"{glue.name} can make wasm-streams' objects now: their exports are needed")
dropped = drop_exports(wasm, STREAMS)
# Their classes then go from the glue too: what keeps a bundler from leaving
# them out is a `Symbol.dispose` line and a finalization registry each, both
# run when the module loads.
classes = re.findall(r"^export class (IntoUnderlying\w+) \{", js, re.M)
js, disposers = re.subn(r"^if \(Symbol\.dispose\) (IntoUnderlying\w+)\.prototype\[Symbol\.dispose\] = "
                        r"\1\.prototype\.free;\n", "", js, flags=re.M)
js, registries = re.subn(r"^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n"
                         r"    \? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\n"
                         r"    : new FinalizationRegistry\(ptr => wasm\.__wbg_intounderlying\w+_free\(ptr, 1\)\);\n",
                         "", js, flags=re.M)
if not (len(classes) == disposers == registries):
    fail(f"{glue.name}: {len(classes)} stream classes, {disposers} dispose lines, {registries} registries")
old_modules = import_modules(wasm)
# -Oz again: Binaryen writes a module it only read with unoptimized stack IR
# (700 B more code); with -Oz the code comes out 300 B smaller than it went in.
# A profiling build keeps its function names (-g).
keep_names = ["-g"] if has_names(wasm) else []
run = subprocess.run([str(WASM_OPT), str(wasm), *FEATURES, *keep_names, "-Oz", *ONE_CALLER,
                      "--minify-imports-and-exports-and-modules", "-o", str(wasm)],
                     check=True, capture_output=True, text=True)
mapping = json.loads(run.stdout)
new_modules = import_modules(wasm)
if len(old_modules) != 1 or len(new_modules) != 1:
    fail(f"one import module expected, found {sorted(old_modules)} -> {sorted(new_modules)}")

for module, old, new in mapping["imports"]:
    # Each import is a key of the glue's import object.
    js, n = re.subn(rf"(?<![\w$]){re.escape(old)}(?=\s*:)", new, js)
    if n != 1:
        fail(f"import {old} is a key {n} times in {glue.name}")
(old_module,), (new_module,) = old_modules, new_modules
js, n = re.subn(re.escape(json.dumps(old_module)) + r"(?=\s*:)", json.dumps(new_module), js)
if n != 1:
    fail(f"the import module {old_module} is named {n} times in {glue.name}")
exports = dict(mapping["exports"])
for old, new in exports.items():
    js = re.sub(rf"\bwasm\.{re.escape(old)}\b", f"wasm.{new}", js)
left = [old for old in exports if re.search(rf"\bwasm\.{re.escape(old)}\b", js)]
if left:
    fail(f"still called by their old names: {left}")
glue.write_text(js, encoding="utf-8")

# The loader reads two raw exports: the memory, and the leak check's counter
# (only in that build).
source = loader.read_text(encoding="utf-8")
if "wasmExports.memory" not in source or 'HEAP_COUNTER = "heapBytesInUse"' not in source:
    fail(f"{loader.name} no longer reads wasmExports.memory and HEAP_COUNTER as expected")
source = source.replace("wasmExports.memory", f"wasmExports.{exports['memory']}")
if "heapBytesInUse" in exports:
    source = source.replace('HEAP_COUNTER = "heapBytesInUse"', f'HEAP_COUNTER = "{exports["heapBytesInUse"]}"')
loader.write_text(source, encoding="utf-8")
print(f"{wasm.name}: minified {len(mapping['imports'])} import and {len(exports)} export names; "
      f"dropped {len(dropped)} exports nothing calls and {len(classes)} classes of the glue")
