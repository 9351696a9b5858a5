#!/usr/bin/env bash
# Installs the browser tests' one dependency, playwright-core (the driver only: it downloads no
# browser; the tests use Debian's chromium), from the npm registry into tests/browser/node_modules,
# exactly as package-lock.json pins it. A no-op when that version is already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
want="$(sed -n 's/.*"playwright-core": "\(.*\)".*/\1/p' "$here/package.json")"
have="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$here/node_modules/playwright-core/package.json" 2>/dev/null || true)"
[[ -n "$want" && "$have" == "$want" ]] && exit 0
command -v npm >/dev/null || { echo "tests/browser/fetch.sh: error: npm is required (apt-get install npm)" >&2; exit 1; }
(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund </dev/null)
echo "browser tests: playwright-core $want installed into tests/browser/node_modules"
