# Two commands for a fresh machine (see README.md):
#   make serve   build the app and serve it with the sample content on http://127.0.0.1:8080
#   make test    build it and run every test: native; components in Chromium and
#                Firefox; end to end in Chromium, Firefox and WebKit
# Both install what is missing first (scripts/ensure-tools) and skip what is there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
TOOLS ?= $(HOME)/.local/share/broadsheet-tools
export BROADSHEET_TOOLS := $(TOOLS)
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: serve test lint size bench bench-archive bench-publish bench-documents tools browser-tools bench-tools dist test-native test-wasm test-e2e screenshots

serve: dist
	cargo run --quiet --release -p broadsheet-host -- dist --port $(PORT)

test: lint dist browser-tools test-native test-wasm test-e2e

# Formatting and clippy first, as errors: the native crates, then the wasm
# target with each feature set the library is built with (csr for the
# browser app, ssr for the prerenderer's renders).
lint: tools
	cargo fmt --all --check
	cargo clippy --quiet -p broadsheet --all-targets -- -D warnings
	cargo clippy --quiet -p broadsheet-host -p broadsheet-prerender --all-targets -- -D warnings
	cargo clippy --quiet -p broadsheet --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --quiet -p broadsheet --target wasm32-unknown-unknown --no-default-features --features ssr --lib -- -D warnings

# Lighthouse over the release build, against the static-page limit; prints a table.
bench: dist browser-tools bench-tools
	scripts/bench

tools:
	scripts/ensure-tools

bench-tools:
	scripts/ensure-tools bench

browser-tools:
	scripts/ensure-tools browsers

# The release build, exactly what readers download, with every article in the
# index prerendered to static HTML; the e2e tests run against it.
dist: tools
	trunk build --offline --release

test-native:
	cargo test --quiet -p broadsheet-host
	cargo test --quiet -p broadsheet-prerender -- --nocapture
	cargo test --quiet --lib --test documents --test layers --test budgets
	cargo test --quiet --test nginx

# Components mounted in headless Chromium, then Firefox (webdriver.json holds
# their flags); the test runner picks the browser by which driver it is given.
test-wasm:
	@echo "components: chromium"
	CHROMEDRIVER=$$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test components
	@echo "components: firefox"
	GECKODRIVER=$$(command -v geckodriver) cargo test --target wasm32-unknown-unknown --test components

# The whole suite once per engine (BROADSHEET_ENGINES picks fewer).
test-e2e:
	cargo test --quiet --test e2e

# The seed article in each engine, side by side in target/screenshots/index.html.
screenshots: dist browser-tools
	scripts/screenshots

# How the full build's prerender scales with the archive: 1,000 and 10,000
# generated articles (BENCH_ARCHIVE_FLAGS=--100k adds 100,000); prints a table.
bench-archive: dist bench-tools
	scripts/bench-archive $(BENCH_ARCHIVE_FLAGS)

# What readers download, file by file, and where the wasm's bytes are, by
# crate and by our module.
size: dist
	scripts/ensure-tools size
	scripts/size-report --by-crate

# What publishing, correcting and withdrawing one article costs in a built
# archive of 1,000 and 10,000 articles (BENCH_PUBLISH_FLAGS=--100k adds
# 100,000).
bench-publish: dist bench-tools
	scripts/bench-publish $(BENCH_PUBLISH_FLAGS)

# What one long document costs to decode and render (a live page of 3,000
# updates), natively with the app's components; prints medians.
bench-documents:
	cargo run --quiet --release -p broadsheet-prerender --example document-cost
