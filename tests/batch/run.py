#!/usr/bin/env python3
"""Batch tests: `py2cpp batch` on fixtures/package/shop builds with CMake and its executable
prints what `python3 app.py` prints; -j1 and -j2 output is byte-identical; a second run leaves
every file untouched (incremental); `check` is 0 when up to date and non-zero when stale;
an import cycle is reported as `file:line:col: error: import cycle: a -> b -> a`; the SARIF file
has the required 2.1.0 fields, and for fixtures/package/stubbed stub results with ruleId, level,
message and the Python file and line (and its cross-module class and constant imports build and
run); fixtures/package/fleet (classes, enums, exceptions and constants imported across modules)
builds without stubs and prints what CPython prints; --line-directives/--source-map/--html output is incremental and
`check`ed with the same flags, or without them (check reads the options the report recorded)."""
import argparse, filecmp, json, os, subprocess, sys, tempfile
from pathlib import Path

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)

def run_on_terminal(cmd, timeout=120) -> str:
    """Runs cmd with its stdout on a pseudo-terminal (as a person at a shell sees it)."""
    import pty, select, time
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    os.close(slave)
    out, deadline = b"", time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    p.wait(timeout=10)
    os.close(master)
    return out.decode("utf-8", "replace")

def tree(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

def build_and_compare(check, out: Path, entry: Path, names: tuple[str, str], same_status: bool = True,
                      tail: int = 2000) -> None:
    """Builds the batch output `out` with CMake (Release) and runs the executable of `entry`
    (a module with a __main__ block) beside `python3 entry`: same stdout (and exit status)."""
    built, same = names
    b = run(["cmake", "-S", str(out), "-B", str(out / "build"), "-DCMAKE_BUILD_TYPE=Release"])
    b2 = run(["cmake", "--build", str(out / "build"), "-j1"]) if b.returncode == 0 else b
    check(built, b2.returncode == 0, b2.stdout[-tail:] + b2.stderr[-tail:])
    if b2.returncode != 0:
        return
    cpp = run([str(out / "build" / entry.stem / entry.stem)])
    py = run([sys.executable, str(entry)])
    ok = cpp.stdout == py.stdout and (cpp.returncode == py.returncode or not same_status)
    check(same, ok, cpp.stdout + cpp.stderr)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--stubbed", required=True, help="a package with one stub (fixtures/package/stubbed)")
    ap.add_argument("--fleet", required=True, help="classes, enums, exceptions and constants across modules (fixtures/package/fleet)")
    a = ap.parse_args()
    tool, pkg = str(Path(a.tool).resolve()), Path(a.package)  # absolute: some runs use another cwd
    fails = []
    def check(name, ok, why=""):
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))
        if not ok: fails.append(name)
    with tempfile.TemporaryDirectory() as t:
        t = Path(t)
        o1, o2 = t / "o1", t / "o2"
        r1 = run([tool, "batch", str(pkg), "-o", str(o1), "-j1", "-q", "--sarif", str(t / "r.sarif")])
        check("batch exit 0", r1.returncode == 0, r1.stdout + r1.stderr)
        r2 = run([tool, "batch", str(pkg), "-o", str(o2), "-j2", "-q"])
        check("-j1 == -j2 bytes", tree(o1) == tree(o2))
        for f in ["CMakeLists.txt", "REPORT.md", "py2cpp-report.json", "py2cpp/runtime.hpp", "pricing/pricing.hpp",
                  "app/CMakeLists.txt"]:
            check("layout " + f, (o1 / f).is_file())
        top = (o1 / "CMakeLists.txt").read_text()
        check("add_subdirectory per module", all(f"add_subdirectory({m})" in top for m in ["app", "inventory", "pricing", "stats"]))
        check("cross-module call qualified", "pricing::histogram(" in (o1 / "stats/stats.cpp").read_text())
        rep = json.loads((o1 / "py2cpp-report.json").read_text())
        check("report per module", rep["report_format"] == 2 and len(rep["modules"]) == 4 and rep["summary"]["modules"] == 4)
        check("REPORT.md totals", "4 modules" in (o1 / "REPORT.md").read_text())
        s = json.loads((t / "r.sarif").read_text())
        ok = s.get("version") == "2.1.0" and "$schema" in s and s["runs"][0]["tool"]["driver"]["name"] == "py2cpp"
        check("sarif required fields", ok and isinstance(s["runs"][0]["results"], list))
        # incremental: nothing rewritten
        before = {p: p.stat().st_mtime_ns for p in o1.rglob("*") if p.is_file()}
        r3 = run([tool, "batch", str(pkg), "-o", str(o1), "-j2", "-q"])
        after = {p: p.stat().st_mtime_ns for p in o1.rglob("*") if p.is_file()}
        check("second run unchanged", r3.returncode == 0 and before == after and "4 ok (4 unchanged)" in r3.stdout, r3.stdout)
        c = run([tool, "check", str(pkg), "-o", str(o1)])
        check("check up to date -> 0", c.returncode == 0, c.stdout + c.stderr)
        (o1 / "stats/stats.cpp").unlink()
        c = run([tool, "check", str(pkg), "-o", str(o1)])
        check("check stale -> non-zero, lists file", c.returncode != 0 and "stats/stats.cpp" in c.stdout, c.stdout)
        # build and compare with CPython
        build_and_compare(check, o2, pkg / "app.py", ("cmake build", "executable prints what python3 prints"))
        # import cycle
        cyc = t / "cyc"
        cyc.mkdir()
        (cyc / "a.py").write_text("from b import g\n\n\ndef f(x: int) -> int:\n    return g(x)\n")
        (cyc / "b.py").write_text("from a import f\n\n\ndef g(x: int) -> int:\n    return x\n")
        r = run([tool, "batch", str(cyc), "-o", str(t / "oc"), "-q"])
        check("import cycle reported", r.returncode != 0 and "a.py:1:1: error: import cycle: a -> b -> a" in r.stderr, r.stderr)
        # Progress: one line per module in a log, a bar redrawn in place on a terminal
        check("one progress line per module off a terminal", r1.stdout.count("/4] ") == 4, r1.stdout)
        shown = run_on_terminal([tool, "batch", str(pkg), "-o", str(t / "otty"), "-j2", "-q"])
        check("a progress bar on a terminal", "\r\x1b[K[" in shown and "4/4" in shown and "/4] " not in shown
              and "batch: 4 modules" in shown, repr(shown[-600:]))
        # --line-directives and --source-map: maps are generated files like the others (listed,
        # incremental, compared by check with the same flags)
        o4, flags = t / "o4", ["--line-directives", "--source-map", "--html"]
        r = run([tool, "batch", str(pkg), "-o", str(o4), "-j2", "-q", *flags])
        files = [f for m in json.loads((o4 / "py2cpp-report.json").read_text())["modules"] for f in m["files"]]
        check("batch with maps exit 0", r.returncode == 0, r.stdout + r.stderr)
        check("maps listed per module", "stats/stats.cpp.map" in files and (o4 / "stats/stats.cpp.map").is_file(), str(files))
        check("#line directives in the module", '#line ' in (o4 / "stats/stats.cpp").read_text())
        check("no maps without the flag", not list(o1.rglob("*.map")))
        c = run([tool, "check", str(pkg), "-o", str(o4), *flags])
        check("check with the same flags -> 0", c.returncode == 0, c.stdout + c.stderr)
        c = run([tool, "check", str(pkg), "-o", str(o4)])
        check("check without the flags uses the recorded ones -> 0", c.returncode == 0, c.stdout + c.stderr)
        check("review pages per module and an index", all((o4 / "review" / f).is_file() for f in
              ["index.html", "stats.html", "pricing.html", "inventory.html", "app.html"]) and not (o1 / "review").exists())
        (o4 / "review/stats.html").write_text("edited")
        c = run([tool, "check", str(pkg), "-o", str(o4)])
        check("check sees a stale review page", c.returncode != 0 and "review/stats.html" in c.stdout, c.stdout)
        r = run([tool, "batch", str(pkg), "-o", str(o4), "-j2", "-q", "--force", *flags])
        before = {p: p.stat().st_mtime_ns for p in o4.rglob("*") if p.is_file()}
        r = run([tool, "batch", str(pkg), "-o", str(o4), "-j2", "-q", *flags])
        after = {p: p.stat().st_mtime_ns for p in o4.rglob("*") if p.is_file()}
        check("second run with maps unchanged", before == after and "4 ok (4 unchanged)" in r.stdout, r.stdout)
        # SARIF per result: a package with a stub (fixtures/package/stubbed, the line marked `# stub`),
        # given as a relative path so the URI is the one a code-scanning UI resolves in the repository
        stubbed = Path(a.stubbed).resolve()
        r = run([tool, "batch", stubbed.name, "-o", str(t / "os"), "-j1", "-q", "--verify", "--sarif", str(t / "s.sarif")],
                cwd=stubbed.parent)
        check("stubbed package exit 0 (main.py with def main() compiles)", r.returncode == 0, r.stdout + r.stderr)
        def stub_line(f):
            return next(i for i, l in enumerate((stubbed / f).read_text().splitlines(), 1) if l.endswith("# stub"))
        results = json.loads((t / "s.sarif").read_text())["runs"][0]["results"]
        stubs = [x for x in results if x.get("ruleId") == "py2cpp/stub"]
        # calc.py's eval, and main.py's `from calc import *` (its class and constant imports translate)
        check("two stub results", len(stubs) == 2, json.dumps(results))
        for f, word in [("calc.py", "eval"), ("main.py", "import *")]:
            x = next((x for x in stubs if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(f)), None)
            check("sarif result for " + f, x is not None, json.dumps(stubs))
            if x is None:
                continue
            loc = x["locations"][0]["physicalLocation"]
            check("sarif result ruleId/level/message " + f, x["level"] == "warning" and word in x["message"]["text"], json.dumps(x))
            check("sarif result uri is the Python file " + f, loc["artifactLocation"]["uri"] == stubbed.name + "/" + f, json.dumps(loc))
            check("sarif result startLine is the stub's line " + f, loc["region"]["startLine"] == stub_line(f),
                  f"{loc['region']} want line {stub_line(f)}")
        build_and_compare(check, t / "os", stubbed / "main.py",
                          ("stubbed package builds", "stubbed package prints what python3 prints"), same_status=False)
        # fleet: classes, dataclasses, enums, exceptions and constants imported across modules,
        # a subclass of an imported class overriding a method only it overrides (virtual there)
        fleet, of = Path(a.fleet).resolve(), t / "of"
        r = run([tool, "batch", str(fleet), "-o", str(of), "-j2", "-q"])
        check("fleet batch exit 0", r.returncode == 0, r.stdout + r.stderr)
        rep = json.loads((of / "py2cpp-report.json").read_text())
        stubs = [s for m in rep["modules"] for s in (m.get("report") or {}).get("stubs", [])]
        check("fleet has no stubs", rep["summary"]["modules"] == 5 and not stubs, json.dumps(stubs)[:2000])
        routing_cpp = (of / "routing/routing.hpp").read_text() + (of / "routing/routing.cpp").read_text()
        check("fleet: imported classes are qualified", "struct Bike : models::Vehicle" in routing_cpp
              and "std::shared_ptr<models::Order>" in routing_cpp and "config::EVENT_LOG" in routing_cpp, routing_cpp[:3000])
        check("fleet: a shared module list is one inline variable",
              "inline std::vector<std::string> EVENT_LOG" in (of / "config/config.hpp").read_text())
        check("fleet: a base subclassed in another module dispatches virtually",
              "virtual double speed_factor()" in (of / "models/models.hpp").read_text())
        build_and_compare(check, of, fleet / "app.py", ("fleet cmake build", "fleet prints what python3 prints"), tail=3000)
        # an absolute path becomes a file:// URI (percent-encoded), which a SARIF viewer can open
        r = run([tool, "batch", str(stubbed), "-o", str(t / "os2"), "-j1", "-q", "--sarif", str(t / "s2.sarif")])
        uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for x in json.loads((t / "s2.sarif").read_text())["runs"][0]["results"]]
        check("sarif absolute path is a file:// URI", sorted(uris) == [(stubbed / f).as_uri() for f in ["calc.py", "main.py"]], str(uris))
    print(f"{0 if fails else 'all'} failed: {fails}" if fails else "all passed")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
