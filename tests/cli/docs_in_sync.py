#!/usr/bin/env python3
"""docs/stub-reasons.md must equal `py2cpp explain --markdown` (the registry in
src/diag/stub_kinds.cpp and src/diag/diagnostics.cpp). Exit 0 when equal, 1 with a diff and the
command that regenerates the file otherwise.

Usage: docs_in_sync.py --tool build/py2cpp --doc docs/stub-reasons.md
"""
import argparse
import difflib
import subprocess
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--doc", required=True, type=Path)
    args = ap.parse_args()
    generated = subprocess.run([args.tool, "explain", "--markdown"], capture_output=True, text=True, check=True).stdout
    try:
        checked_in = args.doc.read_text(encoding="utf-8")
    except OSError as e:
        checked_in = ""
        print(f"cannot read {args.doc}: {e}")
    if generated == checked_in:
        print(f"PASS {args.doc.name} is in sync with `py2cpp explain --markdown`")
        return 0
    diff = difflib.unified_diff(checked_in.splitlines(), generated.splitlines(), str(args.doc), "py2cpp explain --markdown",
                                lineterm="", n=1)
    print("\n".join(list(diff)[:60]))
    print(f"FAIL {args.doc} differs from the stub kind registry; regenerate it with\n"
          f"  build/py2cpp explain --markdown > docs/stub-reasons.md")
    return 1


if __name__ == "__main__":
    sys.exit(main())
