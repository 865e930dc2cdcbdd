# The solid-state battery explainer.
#   make demo   set up, build, serve the demo article on http://127.0.0.1:8000/
#   make test   set up, then run every check and test
#   make dist   build the deployable static folder dist/
#   make bench  benchmark against the vanilla-JS and Chart.js peers
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8000

.PHONY: setup build dist demo test test-native test-browser test-e2e lint size screenshots bench clean

setup:
	@scripts/setup.sh

# Release wasm + JS glue into pkg/.
build: setup
	wasm-pack build --target web --release --no-typescript --no-pack --out-dir pkg

dist: build
	cargo run --quiet --bin ssb-static > target/fallback.html
	python3 scripts/assemble_dist.py target/fallback.html

demo: dist
	@echo "Serving the demo article on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

test-native: setup
	cargo test
	cargo run --quiet --bin ssb-data -- check src/data/solid-state-batteries.json

test-browser: setup
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/

size: dist
	node scripts/check_size.mjs

test: lint test-native test-browser test-e2e size

screenshots: dist
	node scripts/screenshots.mjs

bench: dist
	node bench/run.mjs

clean:
	rm -rf pkg dist target/fallback.html
