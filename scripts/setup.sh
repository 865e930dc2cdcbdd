#!/usr/bin/env bash
# Installs what the build and tests need, idempotently: each step checks first
# and skips what is already present at the right version. Everything comes from
# the package registries (rustup's targets, crates.io, Debian, npm).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

# 1. The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Chromium and ChromeDriver from Debian (never a downloaded browser).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi

# 2b. Firefox ESR from Debian, for the second-engine smoke tests (never a downloaded browser).
if ! command -v firefox-esr >/dev/null; then
  log "installing firefox-esr from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends firefox-esr
fi

# 3. wasm-pack at a known version.
WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --locked --version "$WASM_PACK_VERSION"
fi

# 4. wasm-bindgen CLI at exactly Cargo.lock's wasm-bindgen version.
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# 5. npm tools (wasm-opt from binaryen, playwright-core, axe-core, chart.js) in tools/.
if [ ! -f tools/node_modules/.stamp ] || [ tools/package-lock.json -nt tools/node_modules/.stamp ]; then
  log "installing npm tools into tools/node_modules"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  touch tools/node_modules/.stamp
fi

log "ready: $(rustc --version), wasm-pack $(wasm-pack --version | awk '{print $2}'), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(tools/node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null), $(firefox-esr --version 2>/dev/null)"
