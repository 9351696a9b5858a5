#!/usr/bin/env python3
"""Bindings test: the Python application keeps calling the translated C++.

For each fixtures/bindings/NAME_check.py (a driver that imports NAME and prints what it gets):
translate NAME.py with --bindings, build the extension (-DPY2CPP_BINDINGS=ON, for this interpreter),
run the driver once against the Python module and once against the extension (its folder first on
sys.path), and require the same stdout byte for byte and the same exit code. Lines `# expect: TEXT`
in a driver must appear in the extension's output (exceptions arrive with their type and message),
and `# skipped: NAME` lines name what the report must list as not exposed (with a reason).
Also checks that without --bindings nothing of it is written.

Exit 0 when every fixture passes, 1 on a failure, 77 (CTest: skipped) when pybind11 is missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def run(cmd, cwd=None, timeout=900):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def generator_args():
    return ["-G", "Ninja"] if shutil.which("ninja") else []


def translate(tool, source, out, bindings):
    if out.exists():
        shutil.rmtree(out)
    cmd = [tool, "translate", str(source), "-o", str(out), "-q"] + (["--bindings"] if bindings else [])
    r = run(cmd)
    if r.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stderr}")


def check_off(tool, source, work):
    """Without --bindings: no bindings file, no pybind.hpp, no CMake target, no report key."""
    out = work / "no-bindings"
    translate(tool, source, out, False)
    name = source.stem
    problems = []
    if (out / f"{name}_bindings.cpp").exists():
        problems.append(f"{name}_bindings.cpp written without --bindings")
    if (out / "py2cpp" / "pybind.hpp").exists():
        problems.append("py2cpp/pybind.hpp written without --bindings")
    if "PY2CPP_BINDINGS" in (out / "CMakeLists.txt").read_text():
        problems.append("CMakeLists.txt has the bindings target without --bindings")
    if "bindings" in json.loads((out / "py2cpp-report.json").read_text()):
        problems.append("py2cpp-report.json has 'bindings' without --bindings")
    return problems


def build_extension(out, name, cmake):
    build = out / "build"
    configure = [cmake, "-S", str(out), "-B", str(build), *generator_args(), "-DCMAKE_BUILD_TYPE=Release",
                 "-DPY2CPP_BINDINGS=ON", f"-DPython_EXECUTABLE={sys.executable}"]
    r = run(configure)
    if r.returncode != 0:
        if "pybind11" in r.stderr and ("Could not find" in r.stderr or "not found" in r.stderr):
            raise FileNotFoundError("pybind11 is not installed (apt-get install pybind11-dev)")
        raise AssertionError(f"configure failed:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    r = run([cmake, "--build", str(build), "-j1", "--target", f"{name}_python"])
    if r.returncode != 0:
        raise AssertionError(f"build failed:\n{r.stdout[-6000:]}\n{r.stderr[-2000:]}")
    found = sorted((build / "python").glob(f"{name}.*.so")) + sorted((build / "python").glob(f"{name}.so"))
    if not found:
        raise AssertionError(f"no extension module {name}.*.so in {build / 'python'}")
    return found[0]


def run_driver(folder, driver):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the folder of the driver is sys.path[0]: it finds NAME there
    env["PYTHONHASHSEED"] = "0"
    return subprocess.run([sys.executable, driver.name], cwd=folder, capture_output=True, env=env, timeout=300)


def check_fixture(tool, fixtures, work, name, cmake):
    source = fixtures / f"{name}.py"
    driver = fixtures / f"{name}_check.py"
    fwork = work / name
    fwork.mkdir(parents=True, exist_ok=True)
    problems = check_off(tool, source, fwork)

    out = fwork / "out"
    translate(tool, source, out, True)
    report = json.loads((out / "py2cpp-report.json").read_text())
    if "bindings" not in report or not report["bindings"]["exposed"]:
        problems.append("the report lists nothing exposed")
    skipped = {s["name"]: s["reason"] for s in report.get("bindings", {}).get("skipped", [])}
    exposed = {s["name"] for s in report.get("bindings", {}).get("exposed", [])}
    for line in driver.read_text().splitlines():
        if line.startswith("# skipped: "):
            want = line[len("# skipped: "):].strip()
            if want not in skipped or not skipped[want] or want in exposed:
                problems.append(f"the report does not list {want} as skipped with a reason")
    for want in exposed & set(skipped):
        problems.append(f"{want} is both exposed and skipped")
    extension = build_extension(out, name, cmake)

    pure, ext = fwork / "pure", fwork / "ext"
    for folder in (pure, ext):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        shutil.copy(driver, folder / driver.name)
    shutil.copy(source, pure / source.name)
    shutil.copy(extension, ext / extension.name)

    which = run([sys.executable, "-c", f"import {name}; print({name}.__file__)"], cwd=ext)
    if not which.stdout.strip().endswith(".so"):
        problems.append(f"import {name} did not load the extension: {which.stdout}{which.stderr}")

    expected = run_driver(pure, driver)
    actual = run_driver(ext, driver)
    if expected.returncode != 0:
        problems.append(f"the driver fails under Python itself:\n{expected.stderr.decode()}")
    if actual.returncode != expected.returncode:
        problems.append(f"exit {actual.returncode} with the extension, {expected.returncode} with Python:\n"
                        f"{actual.stderr.decode()[-3000:]}")
    if actual.stdout != expected.stdout:
        want, got = expected.stdout.decode().splitlines(), actual.stdout.decode().splitlines()
        for i in range(max(len(want), len(got))):
            w = want[i] if i < len(want) else "<missing>"
            g = got[i] if i < len(got) else "<missing>"
            if w != g:
                problems.append(f"stdout differs at line {i + 1}:\n  python:    {w}\n  extension: {g}")
                break
        else:
            problems.append("stdout differs (line endings or trailing bytes)")
    text = actual.stdout.decode()
    for line in driver.read_text().splitlines():
        if line.startswith("# expect: ") and line[len("# expect: "):] not in text:
            problems.append(f"the extension's output lacks: {line[len('# expect: '):]}")
    return problems, len(report["bindings"]["exposed"]), len(report["bindings"]["skipped"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[2]
    ap.add_argument("--tool", required=True)
    ap.add_argument("--fixtures", default=str(root / "fixtures" / "bindings"))
    ap.add_argument("--work", default=str(root / "build" / "bindingstest"))
    ap.add_argument("--cmake", default="cmake")
    ap.add_argument("names", nargs="*", help="fixtures to run (default: every NAME_check.py)")
    args = ap.parse_args()
    fixtures, work = Path(args.fixtures), Path(args.work)
    tool = str(Path(args.tool).resolve())
    names = args.names or sorted(p.name[: -len("_check.py")] for p in fixtures.glob("*_check.py"))
    failed = 0
    for name in names:
        try:
            problems, exposed, skipped = check_fixture(tool, fixtures, work, name, args.cmake)
        except FileNotFoundError as e:
            print(f"SKIP {name}: {e}")
            return SKIP
        except (AssertionError, subprocess.TimeoutExpired) as e:
            problems, exposed, skipped = [str(e)], 0, 0
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        else:
            print(f"ok   {name} ({exposed} exposed, {skipped} skipped)")
    print(f"bindings: {len(names) - failed} of {len(names)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
