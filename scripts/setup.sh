#!/usr/bin/env bash
# scripts/setup.sh — get a machine ready to build py2cpp, then build it into build/.
#
#   1. Installs the Debian packages the build and the tests need, only those missing
#      (apt-get as root, sudo apt-get otherwise; `apt-get update` only when installing).
#   2. Fetches the tree-sitter-python grammar (grammar/fetch.sh; a no-op when present) and the
#      browser tests' driver, playwright-core (tests/browser/fetch.sh).
#   3. Configures (Ninja, RelWithDebInfo) and builds: build/py2cpp.
#
# Idempotent, and quick when everything is already there. Safe without stdin (CI).
# Environment: SETUP_SKIP_PACKAGES=1 skips step 1; BUILD_TYPE overrides RelWithDebInfo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf 'setup: %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------------
# Each entry is a Debian package; "pkg:cmd" means "also fine if command cmd is on PATH" (npm comes
# with NodeSource's nodejs on some machines, where installing Debian's npm would clash with it).
packages=(
  build-essential g++ cmake ninja-build pkg-config git
  libtree-sitter-dev libfmt-dev catch2 libcli11-dev nlohmann-json3-dev
  clang clang-format python3 ca-certificates npm:npm
  chromium  # the browser test of the --html review pages (tests/browser)
  pybind11-dev python3-dev  # --bindings extension modules (tests/bindings); pyenv Pythons ship their own headers
)

missing=()
if [[ "${SETUP_SKIP_PACKAGES:-0}" != 1 ]]; then
  names=()
  for entry in "${packages[@]}"; do names+=("${entry%%:*}"); done
  # One dpkg-query call for all of them: "name<TAB>status" for each known package.
  declare -A status=()
  while IFS=$'\t' read -r name st; do
    status["${name%%:*}"]="$st"
  done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${names[@]}" 2>/dev/null || true)
  for entry in "${packages[@]}"; do
    pkg="${entry%%:*}"
    cmd=""
    [[ "$entry" == *:* ]] && cmd="${entry#*:}"
    if [[ "${status[$pkg]:-}" == "install ok installed" ]]; then continue; fi
    if [[ -n "$cmd" ]] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
    missing+=("$pkg")
  done
fi

if ((${#missing[@]})); then
  say "installing missing packages: ${missing[*]}"
  if [[ "$(id -u)" == 0 ]]; then
    apt=(apt-get)
  elif command -v sudo >/dev/null 2>&1; then
    apt=(sudo -n apt-get)
  else
    echo "setup: error: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq </dev/null
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# --- 2. Grammar ---------------------------------------------------------------------------------
bash grammar/fetch.sh </dev/null
# The browser tests' driver (playwright-core; the browser is Debian's chromium, above).
bash tests/browser/fetch.sh </dev/null

# --- 3. Configure and build ---------------------------------------------------------------------
build_type="${BUILD_TYPE:-RelWithDebInfo}"
cache=build/CMakeCache.txt
if [[ -f "$cache" ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
  # A build/ configured with another generator cannot be switched in place.
  say "build/ was configured with another generator; reconfiguring it for Ninja"
  rm -rf build/CMakeCache.txt build/CMakeFiles
fi
if [[ -f "$cache" && -f build/build.ninja ]] && grep -qx "CMAKE_BUILD_TYPE:STRING=$build_type" "$cache"; then
  # Already configured: the build re-runs CMake by itself when a CMakeLists.txt changed.
  :
else
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" </dev/null
fi
cmake --build build </dev/null
say "ok: $root/build/py2cpp"
