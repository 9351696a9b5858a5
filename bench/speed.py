#!/usr/bin/env python3
"""Runtime speed of translated programs: generated C++ against CPython.

Each program is a differential fixture (fixtures/diff/bench_*.py), so the suite already proves
its translation prints exactly what CPython prints. There it runs at a small size; here the
lines marked `# bench: ...` are rewritten to their bench size first, e.g.
    N = 300  # bench: N = 300000     becomes     N = 300000
Then, per program:
  1. `py2cpp translate` into WORK/<name>, configure and build that project on its own exactly as
     a user would (CMake, Ninja, CMAKE_BUILD_TYPE=Release: -O2 as the generated CMakeLists.txt
     sets it);
  2. run `python3 <name>.py` and the executable --repeat times each, and keep the minimum CPU
     time (user + system) of the child process (resource.getrusage(RUSAGE_CHILDREN)), which is
     steadier than wall time on a shared machine;
  3. check that both printed the same bytes (at bench size too) and exited with 0.
It prints one row per program (python CPU s, C++ CPU s, speed-up = python / C++) and the
geometric mean of the speed-ups.

Usage: bench/speed.py [--tool build/py2cpp] [--work build/bench-speed] [--repeat 3]
                      [--json FILE] [NAME ...]
Exit status: 0 when every program built, ran and matched CPython's output; 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "diff"

# The programs, each a fixtures/diff/<name>.py with `# bench:` size markers.
PROGRAMS = [
    "bench_nbody",       # float simulation: flat list of floats, sqrt, nested loops
    "bench_mandelbrot",  # float escape-time loop, int grid, ASCII thumbnail
    "bench_primes",      # int number theory: sieve, linear totient sieve, gcd, Miller-Rabin
    "bench_matmul",      # flat-list float matrix multiply, transpose, power iteration
    "bench_dp",          # dynamic programming on strings: LCS with traceback, edit distance
    "bench_strings",     # str += building, split/lower/replace/find/join, run-length encoding
    "bench_sort",        # merge sort, quicksort, sort(), binary search, k-way merge
    "bench_recursion",   # fib, n-queens backtracking, permutations, Takeuchi
    "bench_objects",     # class instances mutated in a list, dict spatial hash, dict word count, BFS
]

MARKER = re.compile(r"^(?P<indent>\s*)[A-Za-z_]\w*\s*=.*#\s*bench:\s*(?P<line>.+?)\s*$")
BUILD_TIMEOUT = 600
RUN_TIMEOUT = 600


@dataclass
class Result:
    name: str
    python_s: float | None = None
    cpp_s: float | None = None
    speedup: float | None = None
    error: str | None = None


def bench_source(text: str) -> tuple[str, int]:
    """The program with every `X = small  # bench: X = big` line replaced by `X = big`."""
    out, count = [], 0
    for line in text.splitlines(keepends=True):
        m = MARKER.match(line)
        if m:
            line = m.group("indent") + m.group("line") + "\n"
            count += 1
        out.append(line)
    return "".join(out), count


def child_cpu(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Runs cmd; returns (user + system CPU seconds of the child, the completed process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=RUN_TIMEOUT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, proc


def build(tool: Path, src: Path, out: Path) -> Path:
    """Translates and builds one program; returns the executable."""
    run = lambda cmd: subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    p = run([str(tool), "translate", str(src), "-o", str(out), "--force", "-q"])
    if p.returncode != 0:
        raise RuntimeError(f"translate failed (exit {p.returncode}):\n{p.stderr}")
    generated = "".join(f.read_text() for f in out.glob("*.cpp"))
    if "TODO(py2cpp)" in generated:
        raise RuntimeError("the translation has stubs (TODO(py2cpp)); see py2cpp-report.json")
    build_dir = out / "build"
    cmake = ["cmake", "-S", str(out), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release"]
    if shutil.which("ninja"):
        cmake += ["-G", "Ninja"]
    for cmd in (cmake, ["cmake", "--build", str(build_dir), "-j2"]):
        p = run(cmd)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed:\n{p.stdout[-3000:]}{p.stderr[-3000:]}")
    exe = build_dir / src.stem
    if not exe.exists():
        raise RuntimeError(f"no executable {exe}")
    return exe


def measure(name: str, tool: Path, work: Path, repeat: int) -> Result:
    r = Result(name)
    fixture = FIXTURES / f"{name}.py"
    if not fixture.exists():
        r.error = f"no fixture {fixture}"
        return r
    text, markers = bench_source(fixture.read_text())
    if markers == 0:
        r.error = "no `# bench:` marker line"
        return r
    src_dir = work / "src"
    src_dir.mkdir(parents=True, exist_ok=True)
    src = src_dir / f"{name}.py"
    src.write_text(text)
    try:
        exe = build(tool, src, work / name)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        r.error = str(e)
        return r
    py_times, cpp_times = [], []
    py_out = cpp_out = None
    for _ in range(repeat):
        t, p = child_cpu([sys.executable, str(src)], src_dir)
        if p.returncode != 0:
            r.error = f"python3 exited {p.returncode}: {p.stderr.decode(errors='replace')[-500:]}"
            return r
        py_times.append(t)
        py_out = p.stdout
        t, p = child_cpu([str(exe)], exe.parent)
        if p.returncode != 0:
            r.error = f"C++ exited {p.returncode}: {p.stderr.decode(errors='replace')[-500:]}"
            return r
        cpp_times.append(t)
        cpp_out = p.stdout
    if py_out != cpp_out:
        r.error = "outputs differ at bench size"
        return r
    r.python_s, r.cpp_s = min(py_times), min(cpp_times)
    # A run below the clock's resolution would divide by zero: count it as one millisecond.
    r.speedup = r.python_s / max(r.cpp_s, 0.001)
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", default=str(ROOT / "build" / "py2cpp"))
    ap.add_argument("--work", default=str(ROOT / "build" / "bench-speed"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = ap.parse_args()
    tool = Path(args.tool).resolve()
    if not tool.exists():
        print(f"speed.py: no tool at {tool} (build py2cpp first)", file=sys.stderr)
        return 1
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    names = args.names or PROGRAMS

    print(f"{'program':<18} {'python CPU s':>12} {'C++ CPU s':>10} {'speed-up':>9}")
    results = []
    for name in names:
        r = measure(name, tool, work, max(1, args.repeat))
        results.append(r)
        if r.error:
            print(f"{name:<18} FAILED: {r.error.splitlines()[0]}")
            for line in r.error.splitlines()[1:12]:
                print(f"    {line}")
        else:
            print(f"{name:<18} {r.python_s:>12.3f} {r.cpp_s:>10.3f} {r.speedup:>8.1f}x")
        sys.stdout.flush()
    ok = [r for r in results if r.error is None]
    if ok:
        geo = math.exp(sum(math.log(r.speedup) for r in ok) / len(ok))
        print(f"geometric mean speed-up: {geo:.1f}x over {len(ok)} programs"
              f" (min of {args.repeat} runs each, CPU time of the child process)")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0 if len(ok) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
