#!/usr/bin/env bash
# bench/run.sh — build py2cpp (scripts/setup.sh) and run the benchmarks, printing the figures.
#   bench/throughput.py : translator throughput (lines/s on a ~50,000-line module, --no-format)
#                         and the latency of `translate --verify` on a ~200-line module.
#   bench/batch.py      : a generated 100-module package through `py2cpp batch`: the tool alone,
#                         with clang-format, the incremental re-run, and the C++ build.
#   bench/speed.py      : CPU time of the bench_* differential fixtures at bench size, as
#                         translated C++ (CMake Release, -O2) against python3, and the speed-ups.
# Extra arguments go to throughput.py (e.g. --repeat 5 --json bench.json).
# Exit status: non-zero when a benchmark failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
status=0

echo "== translator throughput and --verify latency"
python3 bench/throughput.py --tool build/py2cpp "$@" </dev/null || status=1

echo "== batch: where converting a 100-module package spends its time"
python3 bench/batch.py --tool build/py2cpp </dev/null || status=1

echo "== runtime speed: generated C++ vs CPython (CPU time, min of 3 runs)"
python3 bench/speed.py --tool build/py2cpp </dev/null || status=1

exit "$status"
