#!/usr/bin/env python3
"""CLI tests for py2cpp: bad input, usage errors and the safe-output rules.

Every bad-input / usage case runs `py2cpp translate ...` inside a fresh temp dir and expects
  - exit status 2 (not a crash, no traceback / terminate / sanitizer report),
  - exactly one stderr line containing `error:`, shaped `PATH:LINE:COL: error: MSG` or
    `PATH: error: MSG` (PATH = the input as given on the command line, for input errors),
  - the right LINE (and for the syntax error also COL) where a position is expected,
  - nothing written: the output dir is not created and the temp dir is left exactly as it was.
Cases: missing file, directory as input, non-UTF-8 file, empty file, syntax error, missing
colon, bad indentation, tab/space mix, output path whose parent is a regular file, unknown
option, missing -o. Inputs come from fixtures/errors/<case>.py when present, otherwise a
built-in equivalent is used. Expected positions: a comment `# expect-error: LINE:COL` in the
fixture wins; otherwise CPython's own SyntaxError position (line; the column too for the
syntax error case).

Other cases: --version (exit 0, prints the version), --help (exit 0), the output layout of a
valid module, re-translating leaves every file's mtime unchanged, a hand-edited generated .cpp
is kept (non-zero exit, FILE.new written with the new content) unless --force.
--line-directives: the directive in force names the Python line, clang-format leaves the file as
it is, and a compile error put into the C++ is reported by the compiler at the Python line;
--source-map: the maps, their header fields, the manifest entries, incremental re-runs; a module
main.py with `def main()` (namespace main_ns) compiles and prints what python3 prints;
`py2cpp explain CODE` prints a stub kind (an unknown code exits 2), and every stub of a module
with two has a code in the report and the TODO comment that explain knows, with its fix.

Every subprocess has a timeout (a hang is a failure). Prints `PASS case` / `FAIL case: reason`
and closes with `N passed, M failed`. Exit status: 0 when all passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

TIMEOUT = 60  # seconds per py2cpp run

VALID_NAME = "sample.py"
VALID_SOURCE = '''\
def add(a: int, b: int) -> int:
    return a + b


def greet(name: str) -> str:
    return f"hello {name}"


if __name__ == "__main__":
    print(add(2, 3))
    print(greet("world"))
'''

# Built-in stand-ins for fixtures/errors/*.py (used when the fixture is absent).
BUILTIN_ERRORS: dict[str, bytes] = {
    "syntax_error.py": (b"def ok(a: int) -> int:\n    return a\n\n\n"
                        b"def bad(b: int) -> int:\n    return b)\n"),          # 6:13 unmatched ')'
    "missing_colon.py": b"def f(x: int) -> int\n    return x\n",                # line 1
    "bad_indent.py": b"def f(x: int) -> int:\n    y: int = x\n        return y\n",  # line 3
    "tab_mix.py": b"def f(x: int) -> int:\n    if x > 0:\n\treturn 1\n    return 0\n",  # line 3
    "empty.py": b"",
    "not_utf8.py": b"x: int = 1\nname: str = \"caf\xe9\"\nprint(name)\n",    # line 2
}

CRASH_MARKERS = ("Traceback (most recent call last)", "terminate called", "Segmentation fault",
                 "AddressSanitizer", "UndefinedBehaviorSanitizer", "core dumped",
                 "Assertion", "what():", "Aborted")
POS_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: \S")
NOPOS_RE = re.compile(r"^(?P<path>[^\s].*?): error: \S")
EXPECT_RE = re.compile(rb"#\s*expect-error:\s*(\d+):(\d+)")


class CaseFailure(Exception):
    def __init__(self, reason: str, details: list[str] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.details = details or []


class Ctx:
    def __init__(self, tool: str, errors_dir: Path, expect_version: str | None):
        self.tool = tool
        self.errors_dir = errors_dir
        self.expect_version = expect_version

    def run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
        try:
            return subprocess.run([self.tool, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, errors="replace",
                                  timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise CaseFailure(f"py2cpp {' '.join(args)} hung (timeout {TIMEOUT} s)")

    def error_input(self, name: str, case_dir: Path) -> tuple[Path, str]:
        """Copy fixtures/errors/<name> (or the built-in stand-in) into case_dir."""
        src = self.errors_dir / name
        dst = case_dir / name
        if src.is_file():
            shutil.copyfile(src, dst)
            return dst, f"fixtures/errors/{name}"
        dst.write_bytes(BUILTIN_ERRORS[name])
        return dst, "built-in input"


def listing(root: Path) -> dict[str, tuple[int, int, bool]]:
    """Everything below root: relative path -> (size, mtime_ns, is_dir)."""
    out = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        out[p.relative_to(root).as_posix()] = (st.st_size if not p.is_dir() else 0,
                                               st.st_mtime_ns if not p.is_dir() else 0,
                                               p.is_dir())
    return out


def show(proc: subprocess.CompletedProcess) -> list[str]:
    lines = [f"exit status: {proc.returncode}"]
    for label, text in (("stderr", proc.stderr), ("stdout", proc.stdout)):
        if text.strip():
            lines.append(f"{label}:")
            body = text.splitlines()
            lines += ["  " + l for l in body[:20]] + (["  ..."] if len(body) > 20 else [])
    return lines


def check_crash(proc: subprocess.CompletedProcess) -> None:
    if proc.returncode < 0:
        raise CaseFailure(f"py2cpp crashed (signal {-proc.returncode})", show(proc))
    for marker in CRASH_MARKERS:
        if marker in proc.stderr or marker in proc.stdout:
            raise CaseFailure(f"crash output on stderr/stdout ({marker!r})", show(proc))


def expect_error(ctx: Ctx, case_dir: Path, args: list[str], *, paths: list[str] | None,
                 line: int | None = None, col: int | None = None,
                 need_pos: bool = False, pos_optional_line: int | None = None) -> str:
    """Run a failing command and check exit 2, one well-formed error line, nothing written.

    paths: accepted PATH prefixes (None: any path-like prefix, for usage errors).
    line/col: required position (need_pos: the LINE:COL form is mandatory).
    pos_optional_line: if a position is given, its line must be this one.
    Returns the error line."""
    before = listing(case_dir)
    proc = ctx.run(args, case_dir)
    check_crash(proc)
    if proc.returncode != 2:
        raise CaseFailure(f"expected exit status 2, got {proc.returncode}", show(proc))
    error_lines = [l for l in proc.stderr.splitlines() if "error:" in l]
    if len(error_lines) != 1:
        raise CaseFailure(f"expected exactly one 'error:' line on stderr, got {len(error_lines)}",
                          show(proc))
    err = error_lines[0]
    m = POS_RE.match(err) or NOPOS_RE.match(err)
    if not m:
        raise CaseFailure("error line is not 'PATH:LINE:COL: error: ...' or 'PATH: error: ...'",
                          show(proc))
    if paths is not None:  # the path as given, or its absolute form
        paths = paths + [str(case_dir / p) for p in paths] + \
            [str(case_dir.resolve() / p) for p in paths]
    if paths is not None and m.group("path") not in paths:
        raise CaseFailure(f"error names {m.group('path')!r}, expected {paths[0]!r}", show(proc))
    has_pos = "line" in m.groupdict()
    if need_pos and not has_pos:
        raise CaseFailure("error line has no LINE:COL position", show(proc))
    if has_pos:
        got_line, got_col = int(m.group("line")), int(m.group("col"))
        want_line = line if line is not None else pos_optional_line
        if want_line is not None and got_line != want_line:
            raise CaseFailure(f"wrong line: got {got_line}, expected {want_line}", show(proc))
        if col is not None and got_col != col:
            raise CaseFailure(f"wrong column: got {got_col}, expected {col}", show(proc))
    after = listing(case_dir)
    if after != before:
        added = sorted(after.keys() - before.keys())
        changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
        removed = sorted(before.keys() - after.keys())
        raise CaseFailure("the failed run changed the file system",
                          [f"created: {added}", f"changed: {changed}", f"removed: {removed}"])
    return err


def cpython_position(src: bytes) -> tuple[int | None, int | None]:
    """Expected (line, col): an `# expect-error: L:C` comment, else CPython's SyntaxError."""
    m = EXPECT_RE.search(src)
    if m:
        return int(m.group(1)), int(m.group(2))
    try:
        compile(src, "<fixture>", "exec")
    except SyntaxError as e:
        return e.lineno, e.offset
    except ValueError:
        pass
    return None, None


# --------------------------------------------------------------------------------------------
# Cases. Each gets a fresh, empty temp dir (also the working directory of the tool).
# --------------------------------------------------------------------------------------------

def case_missing_file(ctx: Ctx, d: Path) -> str:
    expect_error(ctx, d, ["translate", "missing.py", "-o", "out"], paths=["missing.py"])
    return ""


def case_directory_input(ctx: Ctx, d: Path) -> str:
    (d / "adir").mkdir()
    expect_error(ctx, d, ["translate", "adir", "-o", "out"], paths=["adir", "adir/"])
    return ""


def case_not_utf8(ctx: Ctx, d: Path) -> str:
    f, origin = ctx.error_input("not_utf8.py", d)
    data = f.read_bytes()
    try:
        data.decode("utf-8")
        raise CaseFailure(f"{origin} is valid UTF-8: not a test of invalid input")
    except UnicodeDecodeError as e:
        bad_line = data[:e.start].count(b"\n") + 1
    expect_error(ctx, d, ["translate", f.name, "-o", "out"], paths=[f.name],
                 pos_optional_line=bad_line)
    return origin


def case_empty_file(ctx: Ctx, d: Path) -> str:
    f, origin = ctx.error_input("empty.py", d)
    expect_error(ctx, d, ["translate", f.name, "-o", "out"], paths=[f.name])
    return origin


def positioned_case(name: str, check_col: bool) -> Callable[[Ctx, Path], str]:
    def case(ctx: Ctx, d: Path) -> str:
        f, origin = ctx.error_input(name, d)
        line, col = cpython_position(f.read_bytes())
        if line is None:
            raise CaseFailure(f"{origin}: CPython accepts it and it has no '# expect-error:'"
                              " comment: cannot tell the expected position")
        expect_error(ctx, d, ["translate", f.name, "-o", "out"], paths=[f.name], line=line,
                     col=col if check_col else None, need_pos=True)
        return f"{origin}, expected {line}:{col if check_col else '*'}"
    return case


def case_output_parent_is_file(ctx: Ctx, d: Path) -> str:
    (d / VALID_NAME).write_text(VALID_SOURCE)
    (d / "afile").write_text("a regular file\n")
    expect_error(ctx, d, ["translate", VALID_NAME, "-o", "afile/out"], paths=None)
    return ""


def case_unknown_option(ctx: Ctx, d: Path) -> str:
    (d / VALID_NAME).write_text(VALID_SOURCE)
    expect_error(ctx, d, ["translate", VALID_NAME, "-o", "out", "--no-such-option"], paths=None)
    return ""


def case_missing_output_option(ctx: Ctx, d: Path) -> str:
    (d / VALID_NAME).write_text(VALID_SOURCE)
    expect_error(ctx, d, ["translate", VALID_NAME], paths=None)
    return ""


def case_version(ctx: Ctx, d: Path) -> str:
    proc = ctx.run(["--version"], d)
    check_crash(proc)
    if proc.returncode != 0:
        raise CaseFailure(f"--version exited {proc.returncode}", show(proc))
    m = re.search(r"\d+\.\d+(\.\d+)?", proc.stdout)
    if not m:
        raise CaseFailure("--version printed no version number on stdout", show(proc))
    if ctx.expect_version and ctx.expect_version not in proc.stdout:
        raise CaseFailure(f"--version does not print {ctx.expect_version}", show(proc))
    return proc.stdout.strip().splitlines()[0]


def case_help(ctx: Ctx, d: Path) -> str:
    proc = ctx.run(["--help"], d)
    check_crash(proc)
    if proc.returncode != 0:
        raise CaseFailure(f"--help exited {proc.returncode}", show(proc))
    if "translate" not in proc.stdout:
        raise CaseFailure("--help output (stdout) does not mention 'translate'", show(proc))
    if list(d.iterdir()):
        raise CaseFailure("--help wrote files")
    return ""


def translate_ok(ctx: Ctx, d: Path, filename: str, source: str, *extra: str) -> Path:
    """Writes `source` to d/filename, translates it to d/out quietly; fails the case unless that exits 0."""
    (d / filename).write_text(source)
    proc = ctx.run(["translate", filename, "-o", "out", "-q", *extra], d)
    check_crash(proc)
    if proc.returncode != 0:
        raise CaseFailure(f"translate {' '.join([filename, *extra])} exited {proc.returncode}", show(proc))
    return d / "out"


def translate_valid(ctx: Ctx, d: Path, *extra: str) -> subprocess.CompletedProcess:
    if not (d / VALID_NAME).exists():
        (d / VALID_NAME).write_text(VALID_SOURCE)
    proc = ctx.run(["translate", VALID_NAME, "-o", "out", *extra], d)
    check_crash(proc)
    return proc


def case_output_layout(ctx: Ctx, d: Path) -> str:
    proc = translate_valid(ctx, d)
    if proc.returncode != 0:
        raise CaseFailure(f"translating a valid module exited {proc.returncode}", show(proc))
    out = d / "out"
    stem = Path(VALID_NAME).stem
    wanted = ["CMakeLists.txt", f"{stem}.hpp", f"{stem}.cpp", "main.cpp", ".clang-format",
              "py2cpp-report.json", ".py2cpp-manifest.json"]
    missing = [w for w in wanted if not (out / w).is_file()]
    if not list((out / "py2cpp").glob("*.hpp")):
        missing.append("py2cpp/*.hpp")
    if missing:
        raise CaseFailure(f"missing output files: {', '.join(missing)}",
                          ["written: " + ", ".join(sorted(listing(out)))])
    return ""


def case_retranslate_keeps_mtimes(ctx: Ctx, d: Path) -> str:
    proc = translate_valid(ctx, d)
    if proc.returncode != 0:
        raise CaseFailure(f"first translation exited {proc.returncode}", show(proc))
    before = listing(d / "out")
    time.sleep(0.05)  # well above the file system's timestamp granularity
    proc = translate_valid(ctx, d)
    if proc.returncode != 0:
        raise CaseFailure(f"second translation exited {proc.returncode}", show(proc))
    after = listing(d / "out")
    touched = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    if touched or added or removed:
        raise CaseFailure("the second translation changed the output dir",
                          [f"rewritten: {touched}", f"added: {added}", f"removed: {removed}"])
    return f"{len(after)} entries untouched"


def case_edited_file_kept(ctx: Ctx, d: Path) -> str:
    proc = translate_valid(ctx, d)
    if proc.returncode != 0:
        raise CaseFailure(f"first translation exited {proc.returncode}", show(proc))
    target = d / "out" / f"{Path(VALID_NAME).stem}.cpp"
    new_file = target.with_name(target.name + ".new")
    original = target.read_bytes()
    edited = original + b"\n// edited by hand\n"
    target.write_bytes(edited)

    proc = translate_valid(ctx, d)
    if proc.returncode == 0:
        raise CaseFailure("re-translating over a hand-edited file exited 0", show(proc))
    if target.read_bytes() != edited:
        raise CaseFailure(f"the hand edit of {target.name} was overwritten", show(proc))
    if not new_file.is_file():
        raise CaseFailure(f"{new_file.name} was not written", show(proc))
    if new_file.read_bytes() != original:
        raise CaseFailure(f"{new_file.name} does not hold the freshly generated content")

    proc = translate_valid(ctx, d, "--force")
    if proc.returncode != 0:
        raise CaseFailure(f"translate --force exited {proc.returncode}", show(proc))
    if target.read_bytes() != original:
        raise CaseFailure(f"--force did not overwrite the edited {target.name}")
    return ""

# --line-directives / --source-map / renaming: one module with a body several lines deep.
POSITIONS_NAME = "positions.py"
POSITIONS_SOURCE = '''\
def scale(xs: list[int], k: int) -> list[int]:
    out: list[int] = []
    for x in xs:
        if x > 0:
            out.append(x * k)
    return out


if __name__ == "__main__":
    print(scale([1, -2, 3], 2))
'''
POSITIONS_APPEND_LINE = 5  # the Python line of `out.append(x * k)`


def cxx() -> str | None:
    return shutil.which(os.environ.get("CXX", "g++")) or shutil.which("g++") or shutil.which("clang++")


def translate_positions(ctx: Ctx, d: Path, *extra: str) -> Path:
    return translate_ok(ctx, d, POSITIONS_NAME, POSITIONS_SOURCE, *extra)


def case_line_directives(ctx: Ctx, d: Path) -> str:
    (d / "plain").mkdir()
    plain = translate_positions(ctx, d / "plain")
    out = translate_positions(ctx, d, "--line-directives")
    cpp = (out / "positions.cpp").read_text()
    lines = cpp.splitlines()
    if any(l.startswith("#line") for l in (plain / "positions.cpp").read_text().splitlines()):
        raise CaseFailure("#line directives written without --line-directives")
    # The directive in force at the append() is the Python line of the append.
    at = next((i for i, l in enumerate(lines) if "push_back(x * k)" in l), None)
    if at is None:
        raise CaseFailure("no push_back(x * k) in positions.cpp", lines)
    named = None
    for i in range(at, -1, -1):
        m = re.match(r'#line (\d+) "(.*)"$', lines[i])
        if m:
            named = (m.group(2), int(m.group(1)) + (at - i - 1))
            break
    if named != (POSITIONS_NAME, POSITIONS_APPEND_LINE):
        raise CaseFailure(f"the append() line is numbered {named}, want "
                          f"{(POSITIONS_NAME, POSITIONS_APPEND_LINE)}", lines)
    # Directives are written after clang-format: running it again must not touch them (or anything).
    fmt = shutil.which("clang-format")
    if fmt:
        proc = subprocess.run([fmt, f"--style=file:{out / '.clang-format'}", str(out / "positions.cpp")],
                              capture_output=True, text=True, timeout=TIMEOUT)
        if proc.returncode != 0 or proc.stdout != cpp:
            diff = [l for l in difflib.unified_diff(lines, proc.stdout.splitlines(), lineterm="")]
            raise CaseFailure("clang-format changes the file with #line directives", diff[:30])
    # A compile error on that C++ line is reported by the compiler at the Python line.
    compiler = cxx()
    if not compiler:
        return "no C++ compiler: compile step skipped"
    # --verify compiles the output (directives blanked): clean, and the same files are written.
    (d / "verified").mkdir()
    verified = translate_positions(ctx, d / "verified", "--line-directives", "--verify", "--cxx", compiler)
    if (verified / "positions.cpp").read_text() != cpp:
        raise CaseFailure("--verify changed what --line-directives writes")
    broken = cpp.replace("push_back(x * k)", "push_back(x * undefined_name)")
    (out / "positions.cpp").write_text(broken)
    proc = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-I", str(out), str(out / "positions.cpp")],
                          capture_output=True, text=True, timeout=600, cwd=d)
    want = f"{POSITIONS_NAME}:{POSITIONS_APPEND_LINE}:"
    if proc.returncode == 0 or not any(l.startswith(want) and "undefined_name" in l
                                       for l in proc.stderr.splitlines()):
        raise CaseFailure(f"the compile error is not reported at {want}", proc.stderr.splitlines()[:20])
    return f"error reported at {want}"


def case_source_map(ctx: Ctx, d: Path) -> str:
    out = translate_positions(ctx, d, "--source-map", "--line-directives")
    maps = sorted(p.name for p in out.glob("*.map"))
    if maps != ["main.cpp.map", "positions.cpp.map", "positions.hpp.map"]:
        raise CaseFailure(f"map files: {maps}")
    m = json.loads((out / "positions.cpp.map").read_text())
    if (m.get("version"), m.get("file"), m.get("sources"), m.get("names")) != (3, "positions.cpp",
                                                                                ["../" + POSITIONS_NAME], []):
        raise CaseFailure(f"map header fields: {m}")
    manifest = json.loads((out / ".py2cpp-manifest.json").read_text())
    if "positions.cpp.map" not in manifest.get("files", {}):
        raise CaseFailure("the manifest does not cover the map files", [str(manifest)])
    before = listing(out)
    time.sleep(0.05)
    translate_positions(ctx, d, "--source-map", "--line-directives")
    if listing(out) != before:
        raise CaseFailure("re-translating with --source-map rewrote files")
    plain = d / "plain"
    plain.mkdir()
    if list(translate_positions(ctx, plain).glob("*.map")):
        raise CaseFailure("map files written without --source-map")
    return ""


MAIN_SOURCE = '''\
def main() -> int:
    total = 0
    for i in range(4):
        total += i
    print("main", total)
    return total


if __name__ == "__main__":
    main()
'''


def case_main_module_main_function(ctx: Ctx, d: Path) -> str:
    out = translate_ok(ctx, d, "main.py", MAIN_SOURCE)
    hpp = (out / "main.hpp").read_text()
    if "namespace main_ns {" not in hpp or "int64_t main_();" not in hpp:
        raise CaseFailure("main.py's namespace is not main_ns with function main_", hpp.splitlines())
    compiler = cxx()
    if not compiler:
        return "no C++ compiler: compile step skipped"
    proc = subprocess.run([compiler, "-std=c++20", "-I", str(out), str(out / "main.cpp"), str(out / "main_main.cpp"),
                           "-o", str(d / "prog")], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise CaseFailure("the C++ of main.py does not compile", proc.stderr.splitlines()[:20])
    got = subprocess.run([str(d / "prog")], capture_output=True, text=True, timeout=TIMEOUT)
    want = subprocess.run([sys.executable, str(d / "main.py")], capture_output=True, text=True, timeout=TIMEOUT)
    if (got.stdout, got.returncode) != (want.stdout, want.returncode):
        raise CaseFailure("the C++ prints something else than python3",
                          [f"c++: {got.stdout!r} exit {got.returncode}", f"python3: {want.stdout!r}"])
    return ""


# A Python int never overflows; the int64_t it becomes does. The generated build checks it
# (py2cpp/runtime.cmake): the program stops with a message and exit status 1, after printing
# what it printed before, instead of printing a wrapped number.
OVERFLOW_SOURCE = '''\
def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


if __name__ == "__main__":
    print(fib(90))
    print(fib(100))
'''


def case_int_overflow_stops(ctx: Ctx, d: Path) -> str:
    cmake = shutil.which("cmake")
    if not cmake or not cxx():
        return "no cmake or C++ compiler: skipped"
    translate_ok(ctx, d, "fib.py", OVERFLOW_SOURCE)
    for step in ([cmake, "-S", "out", "-B", "build"], [cmake, "--build", "build", "-j", "2"]):
        proc = subprocess.run(step, cwd=d, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise CaseFailure(f"{' '.join(step[1:3])} failed", (proc.stdout + proc.stderr).splitlines()[-20:])
    got = subprocess.run([str(d / "build" / "fib")], capture_output=True, text=True, timeout=TIMEOUT)
    if got.returncode != 1 or got.stdout != "2880067194370816120\n" or "signed integer overflow" not in got.stderr:
        raise CaseFailure("an int64 overflow did not stop the program with a message",
                          [f"exit {got.returncode}", f"stdout {got.stdout!r}", f"stderr {got.stderr[:300]!r}"])
    return ""


STUBBED_SOURCE = """import json


def load(text):
    return json.loads(text)


def total(xs: list[int]) -> int:
    return sum(xs)
"""


def case_explain(ctx: Ctx, d: Path) -> str:
    """`py2cpp explain P2S003` prints the kind; an unknown code is a usage error (exit 2)."""
    proc = ctx.run(["explain", "p2s003"], d)
    check_crash(proc)
    if proc.returncode != 0 or not proc.stdout.startswith("P2S003 unsupported-import") or "fix:" not in proc.stdout:
        raise CaseFailure("explain p2s003 does not print the kind and its fix", show(proc))
    proc = ctx.run(["explain", "P2S999"], d)
    check_crash(proc)
    if proc.returncode != 2 or "error:" not in proc.stderr or proc.stdout:
        raise CaseFailure(f"explain P2S999 exited {proc.returncode} (want 2, one error line)", show(proc))
    listed = ctx.run(["explain"], d).stdout.splitlines()
    if len(listed) < 30 or not all(re.match(r"^P2S\d{3}  [a-z-]+$", l) for l in listed):
        raise CaseFailure("explain without a code does not list the stub codes", listed[:5])
    return f"{len(listed)} stub kinds"


def case_stub_codes(ctx: Ctx, d: Path) -> str:
    """Each stub in the report has a code `py2cpp explain` knows and its fix; the TODO comment shows both."""
    translate_ok(ctx, d, "stubbed.py", STUBBED_SOURCE)
    stubs = json.loads((d / "out" / "py2cpp-report.json").read_text())["stubs"]
    if {s.get("code") for s in stubs} != {"P2S003", "P2S009"}:
        raise CaseFailure("want an unsupported-import and an untyped-parameter stub", [json.dumps(stubs)])
    cpp = (d / "out" / "stubbed.cpp").read_text()
    for s in stubs:
        proc = ctx.run(["explain", s["code"]], d)
        if proc.returncode != 0 or " ".join(s["fix"].split()) not in " ".join(proc.stdout.split()):
            raise CaseFailure(f"explain {s['code']} does not print the report's fix", show(proc))
        if f"[{s['code']}]" not in cpp:
            raise CaseFailure(f"the TODO comment does not name {s['code']}", cpp.splitlines()[:20])
    if cpp.count("// => fix: ") != len(stubs):
        raise CaseFailure("want one `// => fix:` line per stub", cpp.splitlines()[:20])
    return ", ".join(s["code"] for s in stubs)


# An int where the C++ holds a double prints `1.0` where Python prints `1`: each such statement
# is a P2C0206 warning on stderr and in the report; an int only divided or compared is not.
INT_AS_FLOAT_SOURCE = """\
def g(v: float = 1) -> float:
    return v


def half(v: float) -> float:
    return v / 2


if __name__ == "__main__":
    total: float = 0
    for i in range(3):
        total += i
    xs: list[float] = [1, 2.5]
    print(g(), total, xs, half(3), max(0, -1.5))
"""
INT_AS_FLOAT_LINES = [1, 10, 13, 14]


def case_int_as_float_warnings(ctx: Ctx, d: Path) -> str:
    (d / "slots.py").write_text(INT_AS_FLOAT_SOURCE)
    proc = ctx.run(["translate", "slots.py", "-o", "out"], d)
    check_crash(proc)
    if proc.returncode != 0:
        raise CaseFailure(f"translate exited {proc.returncode}", show(proc))
    printed = [int(m.group(1)) for m in re.finditer(r"^slots\.py:(\d+):\d+: warning: an int stored as a float .*\[P2C0206\]$",
                                                     proc.stderr, re.M)]
    report = json.loads((d / "out" / "py2cpp-report.json").read_text())
    reported = [w["line"] for w in report["warnings"] if w["code"] == "P2C0206"]
    if printed != INT_AS_FLOAT_LINES or reported != INT_AS_FLOAT_LINES or report["summary"]["warnings"] != len(reported):
        raise CaseFailure(f"want P2C0206 warnings at lines {INT_AS_FLOAT_LINES}",
                          [f"stderr: {printed}", f"report: {reported}", *proc.stderr.splitlines()[:8]])
    return f"{len(reported)} warnings"


CASES: list[tuple[str, Callable[[Ctx, Path], str]]] = [
    ("missing_file", case_missing_file),
    ("int_as_float_warnings", case_int_as_float_warnings),
    ("directory_input", case_directory_input),
    ("not_utf8", case_not_utf8),
    ("empty_file", case_empty_file),
    ("syntax_error", positioned_case("syntax_error.py", check_col=True)),
    ("missing_colon", positioned_case("missing_colon.py", check_col=False)),
    ("bad_indent", positioned_case("bad_indent.py", check_col=False)),
    ("tab_mix", positioned_case("tab_mix.py", check_col=False)),
    ("output_parent_is_file", case_output_parent_is_file),
    ("unknown_option", case_unknown_option),
    ("missing_output_option", case_missing_output_option),
    ("version", case_version),
    ("help", case_help),
    ("output_layout", case_output_layout),
    ("retranslate_keeps_mtimes", case_retranslate_keeps_mtimes),
    ("edited_file_kept", case_edited_file_kept),
    ("line_directives", case_line_directives),
    ("source_map", case_source_map),
    ("main_module_main_function", case_main_module_main_function),
    ("int_overflow_stops", case_int_overflow_stops),
    ("explain", case_explain),
    ("stub_codes", case_stub_codes),
]


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description="CLI and bad-input tests for py2cpp.",
                                 epilog="Closing line: 'N passed, M failed'.")
    ap.add_argument("--tool", default=str(root / "build" / "py2cpp"), help="the py2cpp binary")
    ap.add_argument("--errors", type=Path, default=root / "fixtures" / "errors",
                    help="dir with syntax_error.py, missing_colon.py, ... (built-ins otherwise)")
    ap.add_argument("--expect-version", default=None, help="version --version must print")
    ap.add_argument("--list", action="store_true", help="print the case names and exit")
    ap.add_argument("names", nargs="*", metavar="CASE", help="only these cases")
    args = ap.parse_args(argv)

    cases = CASES
    if args.names:
        known = dict(CASES)
        unknown = [n for n in args.names if n not in known]
        if unknown:
            print(f"run.py: error: unknown case(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        cases = [(n, known[n]) for n in args.names]
    if args.list:
        for name, _ in cases:
            print(name)
        return 0

    tool = str(Path(args.tool).resolve())
    ctx = Ctx(tool, args.errors.resolve(), args.expect_version)
    tool_ok = os.path.isfile(tool) and os.access(tool, os.X_OK)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="py2cpp-cli-") as tmp:
        for name, fn in cases:
            case_dir = Path(tmp) / name
            case_dir.mkdir()
            try:
                if not tool_ok:
                    raise CaseFailure(f"py2cpp binary not found or not executable: {args.tool}")
                note = fn(ctx, case_dir)
            except CaseFailure as e:
                failed += 1
                print(f"FAIL {name}: {e.reason}")
                for line in e.details:
                    print(f"    {line}")
            except Exception:  # a bug in this harness: report it, keep going
                failed += 1
                print(f"FAIL {name}: harness error")
                for line in traceback.format_exc().splitlines():
                    print(f"    {line}")
            else:
                passed += 1
                print(f"PASS {name}" + (f" ({note})" if note else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
