# The two commands a teacher needs:
#   make serve   start the playground at http://127.0.0.1:8080/ (installs what is missing first)
#   make test    run every test: lints, native, wasm in headless Chromium, end to end
# Both install what is missing (scripts/setup.sh) and are quick when it is there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# The project's own wasm-opt (npm binaryen) comes before any system one.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CHROMEDRIVER ?= /usr/bin/chromedriver
# `./` serves from any path; give an absolute one (`/course/async/`) if your host needs it.
PUBLIC_URL ?= ./

.PHONY: serve test bench setup lint test-native test-cpython test-browser bundle bundle-course test-e2e catalog-json texts

serve:
	scripts/setup.sh app
	trunk serve

# Each layer's output is kept in target/test-output.txt, and the last line
# adds up every runner's count.
test: setup lint
	@mkdir -p target
	$(MAKE) --no-print-directory test-native test-cpython test-browser bundle bundle-course test-e2e 2>&1 | tee target/test-output.txt
	@scripts/count-tests.sh target/test-output.txt

# Sizes, first render, timer fidelity and the stress figures of the release
# bundle in headless Chromium: prints a table and writes docs/PERFORMANCE.md.
bench: setup
	scripts/setup.sh bench
	$(MAKE) --no-print-directory bundle
	cargo build --release --locked --bin asyncpy
	node scripts/bench.mjs
	python3 scripts/bench-python.py

setup:
	scripts/setup.sh app
	scripts/setup.sh browser

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --workspace --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --workspace --locked

# The CPython side of the comparison: the lecture's cells under asyncio, and
# the comparison logic itself.
test-cpython:
	python3 -m unittest discover -s tests/cpython -v
	node --test tests/cpython/

test-browser:
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test --locked --target wasm32-unknown-unknown --test browser

# The release bundle in dist/: size-optimised wasm (wasm-opt -Oz).
bundle:
	trunk build --release --public-url $(PUBLIC_URL)

# End to end against dist/, including the page against CPython for every
# parameter set of tests/cpython/param_sets.json.
# The same bundle with absolute URLs for a course site's sub-path, in
# dist-course/: the end-to-end tests serve it under /course/async/.
bundle-course:
	trunk build --release --public-url /course/async/ --dist dist-course

# The catalog as JSON (ids, parameters, kinds, expected orders): the
# end-to-end tests take every list from it, so none can forget a scenario.
# Each scenario's description, as the page fetches it (static/texts/); a
# test fails when these files and the scenarios' own words differ.
texts:
	cargo run --quiet --locked -p catalog --bin texts

catalog-json:
	@mkdir -p target
	cargo run --quiet --locked -p catalog --bin catalog-json > target/catalog.json

test-e2e: catalog-json
	node --test tests/e2e/
