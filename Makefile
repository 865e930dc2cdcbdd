# The solid-state battery explainer.
#   make demo   set up, build, serve the demo article on http://127.0.0.1:8000/
#   make test   set up, then run every check and test
#   make dist   build the deployable static folder dist/
#   make bench  benchmark against the vanilla-JS and Chart.js peers
#   make package  pkg/ as the npm package ssb-explainer (then: npm pack pkg/)
#   make bytes  the wasm's bytes by crate and by part of our code (twiggy)
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8000

.PHONY: setup build package dist leak-dist demo test test-native test-browser test-example test-e2e test-firefox lint size screenshots bench bytes clean

setup:
	@scripts/setup.sh

# Release wasm + JS glue into pkg/ (without the `downloads` feature: the
# element's on-demand module builds downloads), and the on-demand module
# (reader/: the data-src reader and the download writer, a second wasm the
# element loads only for a data-src or a download) into target/reader-pkg/.
build: setup
	wasm-pack build --target web --release --no-typescript --no-pack --out-dir pkg -- --no-default-features
	wasm-pack build reader --target web --release --no-typescript --no-pack --out-dir ../target/reader-pkg

# pkg/ as a complete npm package: `import "ssb-explainer"` registers the element.
package: build
	python3 scripts/assemble_package.py

dist: build
	cargo run --quiet --bin ssb-static > target/fallback.html
	python3 scripts/assemble_dist.py target/fallback.html

# The leak check's build: dist/ with a wasm that counts its heap (--features
# leak-check), in target/leak-dist/ for tests/e2e/leak.test.mjs only.
leak-dist: dist
	wasm-pack build --target web --release --no-opt --no-typescript --no-pack --out-dir target/leak-pkg -- --no-default-features --features leak-check
	python3 scripts/assemble_dist.py target/fallback.html --pkg target/leak-pkg --out target/leak-dist

demo: dist
	@echo "Serving the demo article on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
	cargo clippy -p ssb-reader --target wasm32-unknown-unknown -- -D warnings

test-native: setup
	cargo test
	cargo run --quiet --bin ssb-data -- check src/data/solid-state-batteries.json

test-browser: setup
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver

# The Leptos example app (examples/leptos_app.rs) builds for the browser.
test-example: setup
	cargo build --target wasm32-unknown-unknown --example leptos_app

test-e2e: dist package leak-dist
	node --test --test-concurrency=1 tests/e2e/

# Smoke tests of dist/ in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi).
test-firefox: dist
	node --test --test-concurrency=1 tests/firefox/

size: dist
	node scripts/check_size.mjs

test: lint test-native test-browser test-example test-e2e test-firefox size

screenshots: dist
	node scripts/screenshots.mjs

bench: dist
	node bench/run.mjs

# Where the widget's wasm bytes are, by crate and by part of our code (twiggy
# on a profiling build with names kept; the README's "bytes by crate" table).
bytes: setup
	command -v twiggy >/dev/null || cargo install twiggy --locked --version 0.8.0
	wasm-pack build --profiling --target web --no-typescript --no-pack --out-dir target/profiling-pkg -- --no-default-features
	wasm-opt -Oz --one-caller-inline-max-function-size=20 -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
		target/profiling-pkg/ssb_explainer_bg.wasm -o target/profiling.wasm
	python3 scripts/bytes_by_part.py target/profiling.wasm

clean:
	rm -rf pkg dist target/fallback.html
