#!/usr/bin/env bash
# Installs what the playground needs and is quick when it is already there.
#
#   scripts/setup.sh app      Rust's wasm32 target, trunk, wasm-bindgen-cli (the
#                             version in Cargo.lock), the crates, and the npm tools
#                             kept in node_modules/ (wasm-opt, playwright-core)
#   scripts/setup.sh browser  Chromium and chromedriver from the system's apt
#   scripts/setup.sh bench    twiggy, which `make bench` uses to weigh the wasm
#                             by crate
#
# Every version is pinned: trunk here, wasm-bindgen in Cargo.toml/Cargo.lock,
# the npm tools in package-lock.json. Nothing is downloaded outside the
# package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
TWIGGY_VERSION=0.8.0

say() { printf '[setup] %s\n' "$*" >&2; }

# The wasm-bindgen version that Cargo.lock resolved; the CLI must match it.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

setup_app() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding Rust's wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi
  local wb
  wb=$(wasm_bindgen_version)
  if [ -z "$wb" ]; then
    say "Cargo.lock names no wasm-bindgen version"; exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f1-2)" != "wasm-bindgen $wb" ]; then
    say "installing wasm-bindgen-cli $wb (a few minutes, once)"
    # No --locked: the CLI's own lock file names a crate release the
    # registry no longer serves.
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi
  # trunk builds with --offline (Trunk.toml), so the crates must be here first.
  cargo fetch --locked --quiet
  if [ ! -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
    say "installing the npm tools (binaryen's wasm-opt, playwright-core) into node_modules/"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.setup-lock
  fi
}

setup_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and chromedriver with apt"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

setup_bench() {
  # It says "twiggy-opt 0.8.0".
  if [ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
    say "installing twiggy $TWIGGY_VERSION (a few minutes, once)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked --force
  fi
}

case "${1:-}" in
  app) setup_app ;;
  browser) setup_browser ;;
  bench) setup_bench ;;
  all) setup_app; setup_browser ;;
  *) echo "usage: $0 app|browser|bench|all" >&2; exit 2 ;;
esac
