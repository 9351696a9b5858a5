#!/usr/bin/env python3
"""Differential tests: every fixtures/diff/*.py must behave the same under CPython and as C++.

For each fixture (a standalone program) the harness
  1. runs `python3 FIXTURE.py` (expected stdout bytes and exit code) and, in parallel,
     `py2cpp translate FIXTURE.py -o WORK/<name> --force`;
  2. writes ONE super-project WORK/CMakeLists.txt that add_subdirectory()s every translated
     fixture, configures it once (Ninja, Release) into WORK/.build and builds it with
     `ninja -k 0`, so one fixture's compile error does not stop the others (full log in
     WORK/build.log; failures are attributed to fixtures by their output directory);
  3. runs each executable (WORK/.build/<name>/<name>, 30 s timeout; stdin and arguments from
     NAME.stdin / NAME.args beside the fixture, the same for python3, else none) and compares
     stdout byte for byte and the exit code with CPython's.
It prints `PASS name` / `FAIL name: reason` (details indented below) and closes with the line
`N passed, M failed`. Exit status: 0 when all passed, 1 otherwise, 2 on bad usage.

Reruns are incremental: WORK/.build is reused, and py2cpp leaves unchanged files untouched,
so only fixtures whose generated code changed are recompiled.

Shared precompiled header (--pch auto|on|off, default auto): every fixture gets identical
runtime headers, so the harness copies them once to WORK/.pch, precompiles py2cpp/runtime.hpp
there and lets every fixture target reuse that PCH (CMake REUSE_FROM); this roughly halves the
compile CPU time. GCC skips a `#pragma once` header whose content is already in the PCH, even at
another path; but if GCC rejected the PCH (flags differ) it would include both copies. So `auto`
uses it only with GCC and identical runtime headers, builds a canary (the PCH + the first
fixture) first, and drops the PCH if GCC reports it unusable (-Winvalid-pch), also after the
full build (which is then redone without it).

Usage: run.py --tool build/py2cpp [--fixtures fixtures/diff] [--work build/difftest]
              [-j N] [--cxx g++] [--list] [NAME ...]
"""
from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PY_TIMEOUT = 60          # seconds for `python3 fixture.py`
TRANSLATE_TIMEOUT = 180  # seconds for one `py2cpp translate`
RUN_TIMEOUT = 30         # seconds for one built executable
DIFF_LINES = 40          # lines of unified diff shown per mismatch
DETAIL_LINES = 40        # lines of compiler / tool output shown per failure
BUILD_DIR = ".build"     # super-project build dir inside WORK (a dot: can't clash with a module)
PCH_DIR = ".pch"         # shared runtime headers for the PCH
STATUS_RE = re.compile(r"^\[\d+/\d+\] ")
NINJA_STATUS = "[%f/%t] "


@dataclass
class Fixture:
    name: str
    path: Path
    out_dir: Path
    expected_out: bytes | None = None
    expected_rc: int | None = None
    translated: bool = False
    exe: Path | None = None
    failure: str | None = None
    details: list[str] = field(default_factory=list)

    def fail(self, reason: str, details: str | list[str] = "") -> None:
        if self.failure is not None:  # keep the first (root) cause
            return
        self.failure = reason
        lines = details.splitlines() if isinstance(details, str) else list(details)
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) > DETAIL_LINES:
            lines = lines[:DETAIL_LINES] + [f"... ({len(lines) - DETAIL_LINES} more lines)"]
        self.details.extend(lines)


def child_env() -> dict[str, str]:
    """Same environment for CPython and the C++ executable: deterministic, UTF-8 output."""
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               PYTHONUTF8="1")
    return env


def tail(text: str, n: int = DETAIL_LINES) -> list[str]:
    lines = text.splitlines()
    return lines[-n:] if len(lines) > n else lines


def head(text: str, n: int = DETAIL_LINES) -> list[str]:
    lines = text.splitlines()
    if len(lines) > n:
        return lines[:n] + [f"... ({len(lines) - n} more lines)"]
    return lines


def cpu_time() -> float:
    """User + system CPU seconds of finished child processes (a load-independent cost)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def describe_rc(rc: int) -> str:
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit {rc}"


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so mtimes (and the build) stay warm."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


# --------------------------------------------------------------------------------------------
# Phase 1: CPython runs and translations
# --------------------------------------------------------------------------------------------

def fixture_stdin(fx: Fixture) -> bytes:
    """NAME.stdin beside the fixture is fed to both programs (sys.stdin, input()); none: empty."""
    path = fx.path.with_suffix(".stdin")
    return path.read_bytes() if path.exists() else b""


def fixture_args(fx: Fixture) -> list[str]:
    """NAME.args beside the fixture: command-line arguments (whitespace-separated) for both."""
    path = fx.path.with_suffix(".args")
    return path.read_text().split() if path.exists() else []


def run_python(fx: Fixture, python: str) -> None:
    try:
        proc = subprocess.run([python, fx.path.name, *fixture_args(fx)], cwd=fx.path.parent, env=child_env(),
                              input=fixture_stdin(fx), capture_output=True, timeout=PY_TIMEOUT)
    except subprocess.TimeoutExpired:
        fx.fail(f"python3 timed out after {PY_TIMEOUT} s")
        return
    except OSError as e:
        fx.fail(f"cannot run {python}: {e}")
        return
    fx.expected_out, fx.expected_rc = proc.stdout, proc.returncode


def translate(fx: Fixture, tool: str, extra: list[str]) -> None:
    # --force: WORK/<name> belongs to the harness; a stray hand edit must not block the test.
    cmd = [tool, "translate", str(fx.path), "-o", str(fx.out_dir), "--force", *extra]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TRANSLATE_TIMEOUT)
    except subprocess.TimeoutExpired:
        fx.fail(f"py2cpp translate timed out after {TRANSLATE_TIMEOUT} s")
        return
    except OSError as e:
        fx.fail(f"cannot run py2cpp: {e}")
        return
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        fx.fail(f"py2cpp translate failed ({describe_rc(proc.returncode)})", stderr)
        return
    if not (fx.out_dir / "CMakeLists.txt").is_file():
        fx.fail("py2cpp translate exited 0 but wrote no CMakeLists.txt", stderr)
        return
    fx.translated = True


# --------------------------------------------------------------------------------------------
# Phase 2: one super-project, one configure, one `ninja -k 0`
# --------------------------------------------------------------------------------------------

def hash_tree(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def compiler_is_gcc(cxx: str) -> bool:
    try:
        out = subprocess.run([cxx or "c++", "--version"], stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "Free Software Foundation" in out and "clang" not in out.lower()


def pch_plan(fixtures: list[Fixture], mode: str, cxx: str) -> tuple[bool, str]:
    """Decide whether the shared PCH is usable; returns (enabled, why)."""
    if mode == "off":
        return False, "disabled (--pch off)"
    if not fixtures:
        return False, "no fixtures"
    if mode == "auto" and not compiler_is_gcc(cxx):
        # GCC falls back to the header text when a PCH doesn't fit; clang fails instead.
        return False, "only used with GCC"
    runtime_dirs = [fx.out_dir / "py2cpp" for fx in fixtures]
    if not (runtime_dirs[0] / "runtime.hpp").is_file():
        return False, "no py2cpp/runtime.hpp in the generated projects"
    if mode == "auto" and len(fixtures) < 3:
        return False, "too few fixtures to pay off"
    first = hash_tree(runtime_dirs[0])
    if any(hash_tree(d) != first for d in runtime_dirs[1:]):
        return False, "runtime headers differ between fixtures"
    return True, "shared py2cpp/runtime.hpp"


def sync_pch_dir(work: Path, sample: Path) -> None:
    """Mirror one fixture's py2cpp/ headers into WORK/.pch/py2cpp (only changed files)."""
    dst_root = work / PCH_DIR / "py2cpp"
    src_root = sample / "py2cpp"
    wanted = set()
    for src in src_root.rglob("*"):
        if src.is_file():
            rel = src.relative_to(src_root)
            wanted.add(rel)
            write_if_changed(dst_root / rel, src.read_bytes())
    for dst in list(dst_root.rglob("*")):
        if dst.is_file() and dst.relative_to(dst_root) not in wanted:
            dst.unlink()
    write_if_changed(work / PCH_DIR / "pch.cpp",
                     b"// Compiled only to produce the shared precompiled runtime header.\n")


def super_cmakelists(names: list[str], use_pch: bool) -> tuple[str, dict[int, str]]:
    """The super-project's CMakeLists.txt and a map line number -> fixture name."""
    lines = [
        "# Generated by tests/differential/run.py: builds every translated fixture in one build.",
        "cmake_minimum_required(VERSION 3.20)",
        "project(py2cpp_difftest LANGUAGES CXX)",
    ]
    line_owner: dict[int, str] = {}
    for name in names:
        lines.append(f"add_subdirectory({name})")
        line_owner[len(lines)] = name
    if use_pch:
        lines += [
            "",
            "# Shared precompiled runtime header, reused by every fixture target (REUSE_FROM).",
            "add_library(difftest_pch STATIC .pch/pch.cpp)",
            "target_include_directories(difftest_pch PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/.pch)",
            "target_precompile_headers(difftest_pch PRIVATE"
            " ${CMAKE_CURRENT_SOURCE_DIR}/.pch/py2cpp/runtime.hpp)",
            "set(pch_reference \"\")",
            f"foreach(dir IN ITEMS {' '.join(names)})",
            "  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)",
            "  foreach(t IN LISTS targets)",
            "    get_target_property(type ${t} TYPE)",
            "    get_target_property(own ${t} PRECOMPILE_HEADERS)",
            "    get_target_property(reuse ${t} PRECOMPILE_HEADERS_REUSE_FROM)",
            "    if(type MATCHES \"^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY)$\""
            " AND NOT own AND NOT reuse)",
            "      target_precompile_headers(${t} REUSE_FROM difftest_pch)",
            "      if(NOT pch_reference)",
            "        set(pch_reference ${t})",
            "      endif()",
            "    endif()",
            "  endforeach()",
            "endforeach()",
            "# The PCH is only valid with the same flags: copy them from the first fixture target.",
            "if(TARGET py2cpp_runtime)",
            "  target_link_libraries(difftest_pch PRIVATE py2cpp_runtime)",
            "endif()",
            "if(pch_reference)",
            "  foreach(prop CXX_STANDARD CXX_STANDARD_REQUIRED CXX_EXTENSIONS COMPILE_OPTIONS"
            " COMPILE_DEFINITIONS POSITION_INDEPENDENT_CODE)",
            "    get_target_property(value ${pch_reference} ${prop})",
            "    if(NOT value STREQUAL \"value-NOTFOUND\")",
            "      set_property(TARGET difftest_pch PROPERTY ${prop} \"${value}\")",
            "    endif()",
            "  endforeach()",
            "endif()",
        ]
    return "\n".join(lines) + "\n", line_owner


CMAKE_ERROR_RE = re.compile(r"^CMake Error at (.+?):(\d+)")


def attribute_configure_errors(log: str, names: set[str], line_owner: dict[int, str],
                               work: Path) -> dict[str, list[str]]:
    """Map `CMake Error at FILE:LINE` blocks to fixtures (by directory, or by our add_subdirectory
    line). Unattributable blocks are returned under the key ''."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in log.splitlines():
        m = CMAKE_ERROR_RE.match(line)
        if m:
            file, lineno = m.group(1), int(m.group(2))
            try:
                rel = Path(file).resolve().relative_to(work.resolve()) if Path(file).is_absolute() \
                    else Path(file)
            except ValueError:
                rel = Path(file)
            owner = ""
            if len(rel.parts) > 1 and rel.parts[0] in names:
                owner = rel.parts[0]
            elif rel.parts == ("CMakeLists.txt",) and lineno in line_owner:
                owner = line_owner[lineno]
            current = blocks.setdefault(owner, [])
            current.append(line)
        elif line.startswith("-- ") or line.startswith("CMake Warning"):
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def attribute_build_failures(log: str, names: set[str]) -> dict[str, list[str]]:
    """Map each `FAILED: output...` block of the ninja log to the fixture whose binary dir holds
    the output (`<name>/...`). Failures outside any fixture go under the key ''."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    command_next = False
    for line in log.splitlines():
        if line.startswith("FAILED: "):
            outputs = line[len("FAILED: "):].split()
            first = Path(outputs[0]).parts if outputs else ()
            owner = first[0] if first and first[0] in names else ""
            current = blocks.setdefault(owner, [])
            current.append(line.rstrip())
            command_next = True
            continue
        if STATUS_RE.match(line) or line.startswith("ninja: "):
            current = None
        elif current is not None:
            if command_next and len(line) > 200:  # the compile command: long, rarely needed
                line = line[:200] + " ..."
            current.append(line)
        command_next = False
    return blocks


def find_executable(build: Path, name: str) -> Path | None:
    exe = build / name / name
    if exe.is_file() and os.access(exe, os.X_OK):
        return exe
    sub = build / name
    if sub.is_dir():
        for p in sorted(sub.rglob(name)):
            if p.is_file() and os.access(p, os.X_OK) and "CMakeFiles" not in p.parts:
                return p
    return None


PCH_REJECTED_RE = re.compile(r"cmake_pch\.hxx\.gch: ")  # GCC's -Winvalid-pch messages


def configure(fixtures: list[Fixture], args: argparse.Namespace, work: Path, ninja: str,
              use_pch: bool) -> list[Fixture]:
    """Write the super-project and configure it. A fixture whose CMakeLists breaks the
    configure is failed and dropped, then we retry. Returns the fixtures still buildable."""
    build = work / BUILD_DIR
    active = list(fixtures)
    log = ""
    for _ in range(6):
        names = [fx.name for fx in active]
        text, line_owner = super_cmakelists(names, use_pch)
        write_if_changed(work / "CMakeLists.txt", text.encode())
        cmd = [args.cmake, "-S", str(work), "-B", str(build), "-G", "Ninja",
               f"-DCMAKE_MAKE_PROGRAM={ninja}", "-DCMAKE_BUILD_TYPE=Release"]
        if args.cxx:
            cmd.append(f"-DCMAKE_CXX_COMPILER={args.cxx}")
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                  errors="replace", timeout=600)
        except (OSError, subprocess.TimeoutExpired) as e:
            for fx in active:
                fx.fail(f"cmake configure of the super-project could not run: {e}")
            return []
        log = proc.stdout + proc.stderr
        (work / "configure.log").write_text(log)
        if proc.returncode == 0:
            return active
        blocks = attribute_configure_errors(log, set(names), line_owner, work)
        culprits = [fx for fx in active if fx.name in blocks]
        if not culprits:
            for fx in active:
                fx.fail("cmake configure of the super-project failed", tail(log))
            return []
        for fx in culprits:
            fx.fail("cmake configure failed", blocks[fx.name])
        active = [fx for fx in active if fx.failure is None]
        if not active:
            return []
    for fx in active:
        fx.fail("cmake configure of the super-project kept failing", tail(log))
    return []


def run_ninja(ninja: str, build: Path, jobs: int, targets: list[str],
              timeout: int) -> tuple[str, int]:
    env = dict(os.environ, NINJA_STATUS=NINJA_STATUS)
    try:
        proc = subprocess.run([ninja, "-C", str(build), "-k", "0", "-j", str(jobs), *targets],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace", env=env, timeout=timeout)
        return proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return out + f"\nninja: build timed out after {timeout} s\n", -1


def build_all(fixtures: list[Fixture], args: argparse.Namespace, work: Path) -> dict[str, float]:
    timings: dict[str, float] = {}
    build = work / BUILD_DIR
    ninja = shutil.which(args.ninja) or shutil.which("ninja-build")
    if not ninja:
        for fx in fixtures:
            fx.fail(f"ninja not found ({args.ninja}); install ninja-build")
        return timings

    # A different compiler / generator setup cannot be switched in an existing cache: start over.
    stamp = json.dumps({"cxx": args.cxx, "cmake": args.cmake, "ninja": ninja}, sort_keys=True)
    stamp_file = build / "difftest-stamp.json"
    if build.exists() and (not stamp_file.is_file() or stamp_file.read_text() != stamp):
        shutil.rmtree(build)
    build.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp)

    use_pch, why = pch_plan(fixtures, args.pch, args.cxx)
    if use_pch:
        sync_pch_dir(work, fixtures[0].out_dir)
    t0, cpu0 = time.monotonic(), cpu_time()
    active = configure(fixtures, args, work, ninja, use_pch)
    if not active:
        return timings
    if use_pch:
        # Canary: the PCH plus the first fixture. If GCC rejects the PCH for the fixtures' flags
        # it would fall back to the header text, which for `#pragma once` headers (a second copy
        # at another path) means redefinitions: then build without the shared PCH.
        log, _ = run_ninja(ninja, build, args.jobs, ["difftest_pch", f"{active[0].name}/all"],
                           args.build_timeout)
        if PCH_REJECTED_RE.search(log):
            use_pch, why = False, "the compiler rejected it (flags differ; see canary.log)"
            (work / "canary.log").write_text(log)
            active = configure(active, args, work, ninja, use_pch)
            if not active:
                return timings
    print(f"note: shared PCH {'on' if use_pch else 'off'}: {why}")

    # Build everything, carrying on past failures.
    log, rc = run_ninja(ninja, build, args.jobs, [], args.build_timeout)
    if use_pch and PCH_REJECTED_RE.search(log):
        print("note: the compiler rejected the shared PCH for some targets; rebuilding without it"
              " (rejected build log: build-pch-rejected.log)")
        (work / "build-pch-rejected.log").write_text(log)
        active = configure(active, args, work, ninja, False)
        if not active:
            return timings
        log, rc = run_ninja(ninja, build, args.jobs, [], args.build_timeout)
    (work / "build.log").write_text(log)
    timings["configure+build"] = time.monotonic() - t0
    timings["build cpu"] = cpu_time() - cpu0
    env = dict(os.environ, NINJA_STATUS=NINJA_STATUS)

    names = {fx.name for fx in active}
    blocks = attribute_build_failures(log, names)
    shared = blocks.get("", [])
    for fx in active:
        if fx.name in blocks:
            fx.fail("C++ build failed", blocks[fx.name])
            continue
        exe = find_executable(build, fx.name)
        if exe is None:
            fx.fail("no executable was built"
                    + (" (a shared target failed)" if shared else f" (see {work / 'build.log'})"),
                    shared or tail(log, 10))
            continue
        if rc != 0:
            # The build stopped with errors: make sure this executable is not a stale leftover.
            dry = subprocess.run([ninja, "-C", str(build), "-n", str(exe.relative_to(build))],
                                 stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 errors="replace", env=env, timeout=120)
            if dry.returncode != 0 or any(STATUS_RE.match(l) for l in dry.stdout.splitlines()):
                fx.fail("executable is out of date: a dependency failed to build",
                        shared or tail(log, 10))
                continue
        fx.exe = exe
    return timings


# --------------------------------------------------------------------------------------------
# Phase 3: run and compare
# --------------------------------------------------------------------------------------------

def show_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "backslashreplace")
    lines = text.splitlines(keepends=True)
    return [l if l.endswith("\n") else l + "\\ (no newline at end)\n" for l in lines]


def run_and_compare(fx: Fixture) -> None:
    assert fx.exe is not None
    if fx.expected_out is None:
        return  # python3 already failed
    try:
        proc = subprocess.run([str(fx.exe), *fixture_args(fx)], cwd=fx.path.parent, env=child_env(),
                              input=fixture_stdin(fx), capture_output=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        fx.fail(f"C++ executable timed out after {RUN_TIMEOUT} s")
        return
    except OSError as e:
        fx.fail(f"cannot run {fx.exe}: {e}")
        return
    same_out = proc.stdout == fx.expected_out
    same_rc = proc.returncode == fx.expected_rc
    if same_out and same_rc:
        return
    details: list[str] = []
    reasons = []
    if not same_out:
        reasons.append("stdout differs")
        diff = list(difflib.unified_diff(show_lines(fx.expected_out), show_lines(proc.stdout),
                                         "python3", "c++", n=2))
        if not diff:  # only a byte-level difference the text view hides
            i = next((k for k, (a, b) in enumerate(zip(fx.expected_out, proc.stdout)) if a != b),
                     min(len(fx.expected_out), len(proc.stdout)))
            diff = [f"bytes differ at offset {i}: python3 {fx.expected_out[i:i + 20]!r}"
                    f" vs c++ {proc.stdout[i:i + 20]!r}\n"]
        if len(diff) > DIFF_LINES:
            diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)\n"]
        details += [l.rstrip("\n") for l in diff]
    if not same_rc:
        reasons.append("exit code differs")
    details.append(f"exit codes: python3 {fx.expected_rc}, c++ {proc.returncode}"
                   + ("" if proc.returncode >= 0 else f" ({describe_rc(proc.returncode)})"))
    if proc.stderr:
        details.append("c++ stderr:")
        details += ["  " + l for l in head(proc.stderr.decode("utf-8", "replace"), 15)]
    fx.fail(", ".join(reasons), details)


# --------------------------------------------------------------------------------------------

def discover(fixtures_dir: Path) -> list[Path]:
    return sorted(p for p in fixtures_dir.glob("*.py") if p.is_file())


def select_fixtures(paths: list[Path], names: list[str], where: Path) -> list[Path] | None:
    """The fixtures named on the command line (all when none are), in that order; None, with
    an error printed, when a name is not a fixture of `where`."""
    if not names:
        return paths
    by_name = {p.stem: p for p in paths}
    wanted = [Path(n).stem for n in names]
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        print(f"run.py: error: no such fixture in {where}: {', '.join(unknown)}", file=sys.stderr)
        return None
    return [by_name[n] for n in dict.fromkeys(wanted)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Differential tests: CPython vs py2cpp-translated C++ on fixtures/diff/*.py.",
        epilog="Closing line: 'N passed, M failed'. Exit 0 when all passed, 1 otherwise.")
    root = Path(__file__).resolve().parents[2]
    ap.add_argument("--tool", default=str(root / "build" / "py2cpp"), help="the py2cpp binary")
    ap.add_argument("--fixtures", default=str(root / "fixtures" / "diff"), type=Path)
    ap.add_argument("--work", default=str(root / "build" / "difftest"), type=Path,
                    help="work dir: generated projects, super-project, build (reused)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--cxx", default="", help="C++ compiler for the generated projects")
    ap.add_argument("--cmake", default="cmake")
    ap.add_argument("--ninja", default="ninja")
    ap.add_argument("--python", default=sys.executable, help="CPython to compare against")
    ap.add_argument("--pch", choices=["auto", "on", "off"], default="auto",
                    help="share one precompiled runtime header across fixtures")
    ap.add_argument("--no-format", action="store_true",
                    help="pass --no-format to py2cpp (faster; skips clang-format)")
    ap.add_argument("--build-timeout", type=int, default=1500, help="seconds for the whole build")
    ap.add_argument("--keep-going", action="store_true", default=True,
                    help="report every fixture (the default; failures never stop the run)")
    ap.add_argument("--list", action="store_true", help="print the fixture names and exit")
    ap.add_argument("names", nargs="*", metavar="NAME", help="only these fixtures")
    args = ap.parse_args(argv)
    args.jobs = max(1, args.jobs)

    paths = discover(args.fixtures)
    paths = select_fixtures(paths, args.names, args.fixtures)
    if paths is None:
        return 2
    if args.list:
        for p in paths:
            print(p.stem)
        return 0

    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    fixtures = [Fixture(p.stem, p.resolve(), work / p.stem) for p in paths]
    for fx in fixtures:
        if not fx.name.isidentifier():
            fx.fail("fixture file name is not a valid module name")
    if not fixtures:
        print(f"note: no fixtures in {args.fixtures}")

    tool = args.tool
    if fixtures and not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
        for fx in fixtures:
            fx.fail(f"py2cpp binary not found or not executable: {tool}")

    timings: dict[str, float] = {}
    t0 = time.monotonic()
    todo = [fx for fx in fixtures if fx.failure is None]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        jobs = [pool.submit(run_python, fx, args.python) for fx in todo]
        extra = ["--no-format"] if args.no_format else []
        jobs += [pool.submit(translate, fx, tool, extra) for fx in todo]
        for j in jobs:
            j.result()
    timings["python+translate"] = time.monotonic() - t0

    buildable = [fx for fx in fixtures if fx.failure is None and fx.translated]
    if buildable:
        timings.update(build_all(buildable, args, work))

    t0 = time.monotonic()
    runnable = [fx for fx in fixtures if fx.failure is None and fx.exe is not None]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for j in [pool.submit(run_and_compare, fx) for fx in runnable]:
            j.result()
    timings["run"] = time.monotonic() - t0

    passed = failed = 0
    for fx in fixtures:
        if fx.failure is None and fx.exe is None:
            fx.fail("internal: fixture was never run")
        if fx.failure is None:
            passed += 1
            print(f"PASS {fx.name}")
        else:
            failed += 1
            print(f"FAIL {fx.name}: {fx.failure}")
            for line in fx.details:
                print(f"    {line}")
    print("timing: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    print(f"{passed} passed, {failed} failed")
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
