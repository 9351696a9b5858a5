#!/usr/bin/env python3
"""Skeleton tests: every fixtures/skeleton/*.py mixes dynamic Python (eval/exec, getattr with
computed names, **kwargs, Any, monkey-patching, type(...), `with open`, re/json ...) with typed
hot-path code. py2cpp must stub exactly the dynamic parts, translate the rest, and the result
must build and behave like CPython.

Expectations are written in the fixture, Carbon-style: a comment line

    # py2cpp-stub: <substring of the stub's reason>

just above a statement or def says that statement (or def) becomes a stub whose reason contains
the substring; `# py2cpp-stub: [P2S005] <substring>` also expects that stub code (the kind,
docs/stub-reasons.md). Every reported stub must carry a code that `py2cpp explain` lists and a
fix. The stub's reported line is the statement's / def's first line: the marker targets
the next line that is neither blank nor a comment, skipping decorator lines (`@...`), since a
decorated def's line is its `def` line, as in Python's ast. Several markers stacked above one
line expect that many stubs there.

For each fixture (a standalone program) the harness
  1. runs `python3 FIXTURE.py` (expected stdout bytes and exit code) and, in parallel,
     `py2cpp translate FIXTURE.py -o WORK/<name> --force` (the differential runner's command);
  2. compares the report's `stubs` (py2cpp-report.json) with the markers: every marker needs a
     stub at its line whose reason contains its substring, and every stub needs a marker; a
     mismatch prints expected (-) vs actual (+);
  3. writes ONE super-project WORK/CMakeLists.txt that add_subdirectory()s every translated
     fixture, configures it (Ninja when available, Release; the generated projects compile with
     -Wall -Wextra) into WORK/.build and builds it with `-k 0` and -j JOBS (default 1), so one
     fixture's compile error does not stop the others (log in WORK/build.log). Errors fail
     the fixture; warnings do not, they are counted in the PASS/FAIL line (only for files
     compiled in this run: reruns are incremental);
  4. runs each executable (WORK/.build/<name>/<name>, cwd the fixture dir, no stdin, 30 s
     timeout) and compares stdout byte for byte and the exit code with CPython's.
A stub mismatch fails the fixture but its build and run still happen (all problems are shown).
It prints `PASS name (N stubs)` / `FAIL name: reason` (details indented below) and closes with
`N passed, M failed`. Exit status: 0 when all passed, 1 otherwise, 2 on bad usage.

Usage: run.py --tool build/py2cpp [--fixtures fixtures/skeleton] [--work build/skeletontest]
              [-j N] [--cxx g++] [--cmake cmake] [--list] [NAME ...]
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The CPython run, the translation, the environment and the output comparison are the
# differential runner's: one implementation for both suites.
import importlib.util

_spec = importlib.util.spec_from_file_location("differential_run", Path(__file__).resolve().parent.parent / "differential" / "run.py")
_differential = importlib.util.module_from_spec(_spec)
sys.modules["differential_run"] = _differential
_spec.loader.exec_module(_differential)
child_env = _differential.child_env
describe_rc = _differential.describe_rc
run_and_compare = _differential.run_and_compare
run_python = _differential.run_python
tail = _differential.tail
translate = _differential.translate
write_if_changed = _differential.write_if_changed
select_fixtures = _differential.select_fixtures

PY_TIMEOUT = 60
TRANSLATE_TIMEOUT = 180
RUN_TIMEOUT = 30
BUILD_TIMEOUT = 1800
DIFF_LINES = 40
DETAIL_LINES = 40
BUILD_DIR = ".build"
MARKER_RE = re.compile(r"^\s*#\s*py2cpp-stub:\s*(?:\[(P2S\d{3})\]\s*)?(.*?)\s*$")
CODE_RE = re.compile(r"^(P2S\d{3})\s")
WARNING_RE = re.compile(r"^(\S+?):(\d+):(?:\d+:)? warning: ")
ERROR_RE = re.compile(r"^(\S+?):(\d+):(?:\d+:)? (?:fatal )?error: ")


@dataclass
class Expected:
    line: int          # the line the stub must be reported at
    marker_line: int   # where the marker comment is
    substring: str
    code: str = ""     # "P2S005": the stub's kind must be this one ("" = any)


@dataclass
class Fixture:
    name: str
    path: Path
    out_dir: Path
    expected: list[Expected] = field(default_factory=list)
    expected_out: bytes | None = None
    expected_rc: int | None = None
    translated: bool = False
    stub_count: int = 0
    warnings: list[str] = field(default_factory=list)
    exe: Path | None = None
    failures: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def fail(self, reason: str, details: str | list[str] = "") -> None:
        self.failures.append(reason)
        lines = details.splitlines() if isinstance(details, str) else list(details)
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) > DETAIL_LINES:
            lines = lines[:DETAIL_LINES] + [f"... ({len(lines) - DETAIL_LINES} more lines)"]
        if lines:
            self.details.append(f"[{reason}]")
            self.details.extend(lines)


# --------------------------------------------------------------------------------------------
# Markers
# --------------------------------------------------------------------------------------------

def parse_markers(fx: Fixture) -> None:
    lines = fx.path.read_text(encoding="utf-8").splitlines()
    pending: list[tuple[int, str]] = []
    for number, text in enumerate(lines, 1):
        m = MARKER_RE.match(text)
        if m:
            if not m.group(2):
                fx.fail(f"marker at line {number} has an empty reason substring")
            pending.append((number, m.group(2), m.group(1) or ""))
            continue
        stripped = text.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("@"):
            continue
        fx.expected += [Expected(number, mline, sub, code) for mline, sub, code in pending]
        pending = []
    for mline, _, _ in pending:
        fx.fail(f"marker at line {mline} is not followed by a statement")


def known_stub_codes(tool: str) -> set[str]:
    """The stub codes `py2cpp explain` lists (one `P2S001  name` line per kind)."""
    try:
        out = subprocess.run([tool, "explain"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {m.group(1) for m in map(CODE_RE.match, out.splitlines()) if m}


def check_stubs(fx: Fixture, codes: set[str]) -> None:
    report_path = fx.out_dir / "py2cpp-report.json"
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
        stubs = [(int(s["line"]), str(s["reason"]), str(s.get("scope", "")), str(s.get("code", "")),
                  str(s.get("fix", ""))) for s in report["stubs"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        fx.fail(f"cannot read the stub list of {report_path}: {e}")
        return
    fx.stub_count = len(stubs)
    unknown = [f"  line {s[0]}: code '{s[3]}'{'' if s[4] else ', no fix'}: {s[1]}"
               for s in stubs if s[3] not in codes or not s[4]]
    if unknown:
        fx.fail(f"{len(unknown)} stub(s) without a code that `py2cpp explain` knows, or without a fix", unknown)
    unmatched = list(stubs)
    missing: list[Expected] = []
    # Most specific first, so a short substring does not take the stub a longer one needs.
    for exp in sorted(fx.expected, key=lambda e: -len(e.substring)):
        hit = next((s for s in unmatched if s[0] == exp.line and exp.substring in s[1]
                    and exp.code in ("", s[3])), None)
        if hit is None:
            missing.append(exp)
        else:
            unmatched.remove(hit)
    if not missing and not unmatched:
        return
    details = ["expected (- marker without a matching stub) vs actual (+ stub without a marker):"]
    rows: list[tuple[int, str]] = []
    for exp in missing:
        at = [s for s in stubs if s[0] == exp.line]
        note = ("; stubs there: " + " | ".join(f"[{s[3]}] {s[1]}" for s in at)) if at else "; no stub there"
        code = f"[{exp.code}] " if exp.code else ""
        rows.append((exp.line, f"- line {exp.line}: {code}'{exp.substring}' (marker line"
                               f" {exp.marker_line}){note}"))
    for line, reason, scope, code, _ in unmatched:
        rows.append((line, f"+ line {line}: [{code}] {reason} [{scope}]"))
    details += ["  " + r for _, r in sorted(rows, key=lambda r: r[0])]
    fx.fail(f"stubs differ from the markers ({len(missing)} missing, {len(unmatched)} unexpected)",
            details)


# --------------------------------------------------------------------------------------------
# CPython and py2cpp
# --------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------
# Build: one super-project, -k 0
# --------------------------------------------------------------------------------------------

def owner_of(path_text: str, work: Path, names: set[str]) -> str:
    p = Path(path_text)
    try:
        rel = p.resolve().relative_to(work.resolve()) if p.is_absolute() else p
    except ValueError:
        return ""
    parts = rel.parts
    if parts and parts[0] == BUILD_DIR:
        parts = parts[1:]
    return parts[0] if parts and parts[0] in names else ""


def build_all(fixtures: list[Fixture], args: argparse.Namespace, work: Path) -> None:
    build = work / BUILD_DIR
    names = [fx.name for fx in fixtures]
    text = "\n".join(["# Generated by tests/skeleton/run.py: builds every translated fixture.",
                      "cmake_minimum_required(VERSION 3.20)",
                      "project(py2cpp_skeletontest LANGUAGES CXX)"]
                     + [f"add_subdirectory({n})" for n in names]) + "\n"
    write_if_changed(work / "CMakeLists.txt", text.encode())
    ninja = shutil.which("ninja") or shutil.which("ninja-build")
    stamp = json.dumps({"cxx": args.cxx, "cmake": args.cmake, "ninja": ninja}, sort_keys=True)
    stamp_file = build / "skeletontest-stamp.json"
    if build.exists() and (not stamp_file.is_file() or stamp_file.read_text() != stamp):
        shutil.rmtree(build)
    build.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp)
    cmd = [args.cmake, "-S", str(work), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release"]
    if ninja:
        cmd += ["-G", "Ninja", f"-DCMAKE_MAKE_PROGRAM={ninja}"]
    if args.cxx:
        cmd.append(f"-DCMAKE_CXX_COMPILER={args.cxx}")
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace", timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        for fx in fixtures:
            fx.fail(f"cmake configure could not run: {e}")
        return
    (work / "configure.log").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        for fx in fixtures:
            fx.fail("cmake configure of the super-project failed", tail(proc.stdout + proc.stderr))
        return
    build_cmd = [args.cmake, "--build", str(build), "-j", str(args.jobs), "--"]
    build_cmd += ["-k", "0"] if ninja else ["-k"]
    try:
        proc = subprocess.run(build_cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, errors="replace", timeout=BUILD_TIMEOUT)
        log, rc = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired:
        log, rc = f"build timed out after {BUILD_TIMEOUT} s\n", -1
    (work / "build.log").write_text(log)

    name_set = set(names)
    errors: dict[str, list[str]] = {}
    for line in log.splitlines():
        m = ERROR_RE.match(line)
        if m:
            errors.setdefault(owner_of(m.group(1), work, name_set), []).append(line)
            continue
        m = WARNING_RE.match(line)
        if m:
            owner = owner_of(m.group(1), work, name_set)
            for fx in fixtures:
                if fx.name == owner:
                    fx.warnings.append(line)
    for fx in fixtures:
        if fx.name in errors:
            fx.fail("C++ build failed", errors[fx.name])
            continue
        exe = build / fx.name / fx.name
        if not (exe.is_file() and os.access(exe, os.X_OK)):
            fx.fail(f"no executable was built (see {work / 'build.log'})",
                    errors.get("", []) or tail(log, 10))
            continue
        if rc != 0:
            # The build had errors elsewhere: is this executable up to date?
            dry = [ninja, "-C", str(build), "-n", str(exe.relative_to(build))] if ninja else \
                ["make", "-C", str(build), "-q", f"{fx.name}_main"]
            chk = subprocess.run(dry, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 errors="replace", timeout=120)
            stale = chk.returncode != 0 if not ninja else \
                (chk.returncode != 0 or any(re.match(r"^\[\d+/\d+\] ", l)
                                            for l in chk.stdout.splitlines()))
            if stale:
                fx.fail("executable is out of date: the build failed", errors.get("", []))
                continue
        fx.exe = exe


# --------------------------------------------------------------------------------------------
# Run and compare
# --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Skeleton tests: dynamic Python becomes exactly the marked stubs, the rest "
                    "translates, builds and behaves like CPython (fixtures/skeleton/*.py).",
        epilog="Closing line: 'N passed, M failed'. Exit 0 when all passed, 1 otherwise.")
    root = Path(__file__).resolve().parents[2]
    ap.add_argument("--tool", default=str(root / "build" / "py2cpp"), help="the py2cpp binary")
    ap.add_argument("--fixtures", default=str(root / "fixtures" / "skeleton"), type=Path)
    ap.add_argument("--work", default=str(root / "build" / "skeletontest"), type=Path,
                    help="work dir: generated projects, super-project, build (reused)")
    ap.add_argument("-j", "--jobs", type=int, default=1,
                    help="parallel translations and compile jobs (default 1)")
    ap.add_argument("--cxx", default="", help="C++ compiler for the generated projects")
    ap.add_argument("--cmake", default="cmake")
    ap.add_argument("--python", default=sys.executable, help="CPython to compare against")
    ap.add_argument("--no-format", action="store_true", help="pass --no-format to py2cpp")
    ap.add_argument("--list", action="store_true", help="print the fixture names and exit")
    ap.add_argument("names", nargs="*", metavar="NAME", help="only these fixtures")
    args = ap.parse_args(argv)
    args.jobs = max(1, args.jobs)

    paths = sorted(p for p in args.fixtures.glob("*.py") if p.is_file())
    paths = select_fixtures(paths, args.names, args.fixtures)
    if paths is None:
        return 2
    if args.list:
        for p in paths:
            print(p.stem)
        return 0
    if not paths:
        print(f"run.py: error: no fixtures in {args.fixtures}", file=sys.stderr)
        return 2

    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    fixtures = [Fixture(p.stem, p.resolve(), work / p.stem) for p in paths]
    tool_ok = os.path.isfile(args.tool) and os.access(args.tool, os.X_OK)
    for fx in fixtures:
        if not fx.name.isidentifier():
            fx.fail("fixture file name is not a valid module name")
        if not tool_ok:
            fx.fail(f"py2cpp binary not found or not executable: {args.tool}")
        parse_markers(fx)
    todo = [fx for fx in fixtures if not fx.failures]
    extra = ["--no-format"] if args.no_format else []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        jobs = [pool.submit(run_python, fx, args.python) for fx in todo]
        jobs += [pool.submit(translate, fx, args.tool, extra) for fx in todo]
        for j in jobs:
            j.result()
    codes = known_stub_codes(args.tool) if tool_ok else set()
    for fx in todo:
        if fx.translated:
            check_stubs(fx, codes)

    buildable = [fx for fx in fixtures if fx.translated]
    if buildable:
        build_all(buildable, args, work)
    for fx in fixtures:
        if fx.exe is not None:
            run_and_compare(fx)

    passed = failed = 0
    for fx in fixtures:
        note = f" ({fx.stub_count} stubs" + (f", {len(fx.warnings)} compiler warnings" if fx.warnings
                                             else "") + ")"
        if not fx.failures and fx.exe is None:
            fx.fail("internal: fixture was never run")
        if not fx.failures:
            passed += 1
            print(f"PASS {fx.name}{note}")
        else:
            failed += 1
            print(f"FAIL {fx.name}: {'; '.join(fx.failures)}{note}")
            for line in fx.details:
                print(f"    {line}")
    print(f"{passed} passed, {failed} failed")
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
