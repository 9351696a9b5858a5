#!/usr/bin/env bash
# scripts/example.sh — the end-to-end demo: build py2cpp, translate docs/examples/stats.py to a
# C++ project in out/stats (with --verify), build that project (Release) and run it next to
# `python3 docs/examples/stats.py`, then say whether the two outputs are identical.
# Exit status: 0 when the outputs are identical, 1 when they differ, else the failing step's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
example=docs/examples/stats.py
out=out/stats

bash scripts/setup.sh
[[ -f "$example" ]] || { echo "example: error: $example not found" >&2; exit 2; }

echo "== py2cpp translate $example -o $out --verify"
build/py2cpp translate "$example" -o "$out" --verify

echo "== building $out (Release)"
generator=()  # Ninja for a new build dir; an existing one keeps its generator
if [[ ! -f "$out/build/CMakeCache.txt" ]] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
cmake -S "$out" -B "$out/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$out/build"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "== $out/build/stats"
set +e
"$out/build/stats" </dev/null | tee "$tmp/cpp.txt"
cpp_rc=${PIPESTATUS[0]}
echo "== python3 $example"
python3 "$example" </dev/null >"$tmp/py.txt"
py_rc=$?
set -e
echo "(C++ exit status $cpp_rc, Python exit status $py_rc)"

if cmp -s "$tmp/cpp.txt" "$tmp/py.txt" && [[ "$cpp_rc" == "$py_rc" ]]; then
  echo "== identical: the C++ program printed exactly what Python printed"
else
  echo "== DIFFERENT: the outputs differ (python3 vs C++):"
  diff -u --label python3 --label c++ "$tmp/py.txt" "$tmp/cpp.txt" | head -40 || true
  exit 1
fi
