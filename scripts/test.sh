#!/usr/bin/env bash
# scripts/test.sh — build py2cpp (scripts/setup.sh) and run the whole test suite with CTest:
# unit tests, golden snapshots, CLI / bad-input tests and the differential CPython-vs-C++ tests.
# Extra arguments go to ctest, e.g.  scripts/test.sh -R golden   or   scripts/test.sh -L unit
# Exit status: ctest's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
exec ctest --test-dir build --output-on-failure -j2 "$@" </dev/null
