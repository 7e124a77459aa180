"""ctest's python_types: mypy --strict over the package and its tests, at the
interpreter's Python and at the oldest one pyproject.toml accepts (3.8), and
over typecheck/misuse.py, where it must report exactly the error that file
states. Skipped (77) without mypy (Debian: python3-mypy)."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import tempfile
from typing import List

from tools import HERE, PACKAGE, python_with, skip


def mypy(python: str, cache: str, arguments: List[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, "-m", "mypy", "--strict", "--cache-dir", cache,
                           "--no-error-summary", *arguments], cwd=PACKAGE,
                          capture_output=True, text=True, check=False)


def main() -> int:
    python = python_with(["mypy"])
    if python is None:
        skip("mypy is not installed (Debian: apt-get install python3-mypy)")
    tests = sorted(os.path.relpath(f, PACKAGE) for f in glob.glob(os.path.join(HERE, "*.py")))
    failed = False
    with tempfile.TemporaryDirectory() as cache:
        versions: List[List[str]] = [[], ["--python-version", "3.8"]]
        for version in versions:
            run = mypy(python, cache, version + ["cxmetrics"] + tests)
            print(f"mypy --strict {' '.join(version)}: {run.returncode}\n{run.stdout}{run.stderr}")
            failed |= run.returncode != 0
        misuse = os.path.join(HERE, "typecheck", "misuse.py")
        with open(misuse, encoding="utf-8") as f:
            expected = re.findall(r"^# expected: (.*)$", f.read(), re.M)
        run = mypy(python, cache, [os.path.relpath(misuse, PACKAGE)])
        reported = [line.replace("tests/typecheck/", "") for line in run.stdout.splitlines()]
        if reported != expected:
            print(f"typecheck/misuse.py: mypy reported\n  {reported}\ninstead of\n  {expected}")
            failed = True
        else:
            print(f"typecheck/misuse.py: refused as expected: {expected[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
