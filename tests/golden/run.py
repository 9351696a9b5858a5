#!/usr/bin/env python3
"""Golden (snapshot) tests: py2cpp's output must match the checked-in expected files.

For each fixtures/golden/<name>.py the harness copies it into a temp dir, runs
`py2cpp translate <name>.py -o out` there (relative paths, so the output can't depend on where
the repository lives) and compares every generated file except the runtime headers (py2cpp/*),
.clang-format and .py2cpp-manifest.json -- i.e. <name>.hpp, <name>.cpp, main.cpp,
CMakeLists.txt, py2cpp-report.json -- with fixtures/golden/<name>.expected/<file>.
It also translates a second time into a fresh dir and requires byte-identical output
(determinism, all files). Differences are shown as unified diffs.

Update the snapshots after an intended change of the generated code with
    python3 tests/golden/run.py --update [NAME ...]      or      UPDATE_GOLDEN=1 ...
which rewrites the expected files, removes expected files that are no longer generated and
reports what changed (review the result with `git diff fixtures/golden`).

Prints `PASS name` / `FAIL name: reason` and closes with `N passed, M failed`.
Exit status: 0 when all passed, 1 otherwise, 2 on bad usage.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 120            # seconds per translation
DIFF_LINES = 60          # diff lines shown per file
EXCLUDED_FILES = {".clang-format", ".py2cpp-manifest.json"}
EXCLUDED_DIRS = {"py2cpp"}


@dataclass
class Result:
    name: str
    failure: str | None = None
    details: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # --update: what was rewritten

    def fail(self, reason: str, details: list[str] | None = None) -> None:
        if self.failure is None:
            self.failure = reason
        self.details.extend(details or [])


def compared(rel: str) -> bool:
    parts = rel.split("/")
    return parts[0] not in EXCLUDED_DIRS and rel not in EXCLUDED_FILES


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def text_diff(a: bytes, b: bytes, name_a: str, name_b: str) -> list[str]:
    la = a.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    lb = b.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    la = [l if l.endswith("\n") else l + "\\ (no newline at end)\n" for l in la]
    lb = [l if l.endswith("\n") else l + "\\ (no newline at end)\n" for l in lb]
    diff = [l.rstrip("\n") for l in difflib.unified_diff(la, lb, name_a, name_b)]
    if not diff:
        diff = [f"(files differ only in bytes the text view hides: {len(a)} vs {len(b)} bytes)"]
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
    return diff


def translate(tool: str, src: Path, tmp: Path, label: str) -> tuple[dict[str, bytes] | None, str]:
    """Translate a copy of src inside tmp/label; returns (files or None, error text)."""
    work = tmp / label
    work.mkdir()
    shutil.copyfile(src, work / src.name)
    try:
        proc = subprocess.run([tool, "translate", src.name, "-o", "out"], cwd=work,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"py2cpp translate timed out after {TIMEOUT} s"
    except OSError as e:
        return None, f"cannot run py2cpp: {e}"
    if proc.returncode != 0:
        return None, (f"py2cpp translate exited {proc.returncode}\n"
                      + proc.stderr.decode("utf-8", "replace"))
    if not (work / "out").is_dir():
        return None, "py2cpp translate exited 0 but wrote no output dir"
    return snapshot(work / "out"), ""


def check(tool: str, src: Path, update: bool) -> Result:
    res = Result(src.stem)
    expected_dir = src.with_name(src.stem + ".expected")
    with tempfile.TemporaryDirectory(prefix="py2cpp-golden-") as t:
        tmp = Path(t)
        first, err = translate(tool, src, tmp, "a")
        if first is None:
            res.fail("translation failed", err.splitlines()[:40])
            return res
        second, err = translate(tool, src, tmp, "b")
        if second is None:
            res.fail("second translation failed", err.splitlines()[:40])
            return res
    if first != second:
        changed = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
        details = [f"files differing between two runs: {', '.join(changed)}"]
        k = changed[0]
        details += text_diff(first.get(k, b""), second.get(k, b""), f"run1/{k}", f"run2/{k}")
        res.fail("output is not deterministic", details)
        return res

    generated = {k: v for k, v in first.items() if compared(k)}
    expected = snapshot(expected_dir) if expected_dir.is_dir() else {}

    if update:
        for rel, data in generated.items():
            if rel not in expected:
                res.changes.append(f"{rel} (new)")
            elif expected[rel] != data:
                res.changes.append(f"{rel} (changed)")
            else:
                continue
            target = expected_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for rel in sorted(expected.keys() - generated.keys()):
            (expected_dir / rel).unlink()
            res.changes.append(f"{rel} (removed)")
        # Drop directories the removals left empty.
        if expected_dir.is_dir():
            for d in sorted((p for p in expected_dir.rglob("*") if p.is_dir()), reverse=True):
                if not any(d.iterdir()):
                    d.rmdir()
        return res

    if not expected:
        res.fail(f"no expected files: {expected_dir} is missing or empty (run with --update)")
        return res
    problems = []
    for rel in sorted(generated.keys() | expected.keys()):
        if rel not in expected:
            problems.append(rel)
            res.details.append(f"{rel}: generated but not in {expected_dir.name}/")
        elif rel not in generated:
            problems.append(rel)
            res.details.append(f"{rel}: expected but no longer generated")
        elif generated[rel] != expected[rel]:
            problems.append(rel)
            res.details += text_diff(expected[rel], generated[rel], f"expected/{rel}",
                                     f"generated/{rel}")
    if problems:
        res.fail(f"output differs from snapshot: {', '.join(problems)}")
    return res


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(
        description="Golden tests: compare py2cpp output for fixtures/golden/<name>.py with "
                    "fixtures/golden/<name>.expected/ (and check the output is deterministic).",
        epilog="To accept new output after an intended change: run with --update (or set "
               "UPDATE_GOLDEN=1, e.g. `UPDATE_GOLDEN=1 ctest --test-dir build -R golden`); it "
               "rewrites the expected files, removes ones no longer generated and lists the "
               "changes. Review them with `git diff fixtures/golden`.")
    ap.add_argument("--tool", default=str(root / "build" / "py2cpp"), help="the py2cpp binary")
    ap.add_argument("--fixtures", type=Path, default=root / "fixtures" / "golden")
    ap.add_argument("--update", action="store_true",
                    default=os.environ.get("UPDATE_GOLDEN", "") not in ("", "0"),
                    help="rewrite the expected files instead of comparing (also: UPDATE_GOLDEN=1)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--list", action="store_true", help="print the fixture names and exit")
    ap.add_argument("names", nargs="*", metavar="NAME", help="only these fixtures")
    args = ap.parse_args(argv)

    sources = sorted(p for p in args.fixtures.glob("*.py") if p.is_file())
    if args.names:
        by_name = {p.stem: p for p in sources}
        wanted = [Path(n).stem for n in args.names]
        unknown = [n for n in wanted if n not in by_name]
        if unknown:
            print(f"run.py: error: no such fixture in {args.fixtures}: {', '.join(unknown)}",
                  file=sys.stderr)
            return 2
        sources = [by_name[n] for n in dict.fromkeys(wanted)]
    if args.list:
        for p in sources:
            print(p.stem)
        return 0
    if not sources:
        print(f"note: no fixtures in {args.fixtures}")
    if not args.names:
        for d in sorted(args.fixtures.glob("*.expected")):
            if not d.with_name(d.name[:-len(".expected")] + ".py").is_file():
                print(f"note: {d} has no matching .py fixture")

    tool = str(Path(args.tool).resolve())
    if sources and not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
        results = [Result(p.stem, f"py2cpp binary not found or not executable: {args.tool}")
                   for p in sources]
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(lambda p: check(tool, p, args.update), sources))

    passed = failed = 0
    for r in results:
        if r.failure is None:
            passed += 1
            if args.update:
                print(f"PASS {r.name}" + (f" (updated: {', '.join(r.changes)})" if r.changes
                                          else " (unchanged)"))
            else:
                print(f"PASS {r.name}")
        else:
            failed += 1
            print(f"FAIL {r.name}: {r.failure}")
            for line in r.details:
                print(f"    {line}")
    if args.update:
        n = sum(1 for r in results if r.changes)
        print(f"update: {n} snapshot(s) rewritten in {args.fixtures}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
