#!/usr/bin/env python3
"""Released SQL scripts of the extension never change (tests/released.sha256).

Usage: check_released.py [EXTENSION_DIR]   (default: the directory above this file)

Fails when a script listed in tests/released.sha256 is missing, differs from
its recorded SHA-256, or is not in the Makefile's DATA line (the list PGXS,
CMake and the Debian package install), and when a released version cannot be
updated to the control file's default_version through the shipped upgrade
scripts.
"""
import hashlib
import re
import sys
from pathlib import Path


def released(extension):
    """(file, sha256) of every line of tests/released.sha256."""
    entries = []
    for number, line in enumerate((extension / "tests/released.sha256").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        if not match:
            sys.exit(f"tests/released.sha256:{number}: not 'SHA256  FILE': {line!r}")
        entries.append((match.group(2), match.group(1)))
    return entries


def shipped(extension):
    """The scripts of the Makefile's DATA line."""
    match = re.search(r"^DATA\s*=\s*(.*)$", (extension / "Makefile").read_text(), re.M)
    if not match:
        sys.exit("Makefile: no DATA line")
    return set(match.group(1).split())


def default_version(extension):
    match = re.search(r"^default_version\s*=\s*'([^']+)'", (extension / "cxmetrics.control").read_text(),
                      re.M)
    if not match:
        sys.exit("cxmetrics.control: no default_version")
    return match.group(1)


def reachable(start, scripts):
    """The versions ALTER EXTENSION ... UPDATE can reach from START."""
    steps = {}
    for script in scripts:
        match = re.fullmatch(r"cxmetrics--([^-]+)--([^-]+)\.sql", script)
        if match:
            steps.setdefault(match.group(1), set()).add(match.group(2))
    seen, todo = {start}, [start]
    while todo:
        for following in steps.get(todo.pop(), ()):
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def main():
    extension = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    scripts, target = shipped(extension), default_version(extension)
    failures = []
    for name, digest in released(extension):
        path = extension / name
        if not path.is_file():
            failures.append(f"{name}: released, but missing")
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            failures.append(f"{name}: released with SHA-256 {digest}, now {actual}: a released "
                            "script is never edited; add an upgrade script instead")
        if name not in scripts:
            failures.append(f"{name}: released, but not in the Makefile's DATA line")
        version = re.fullmatch(r"cxmetrics--([^-]+)\.sql", name)
        if version and target not in reachable(version.group(1), scripts):
            failures.append(f"{name}: no chain of upgrade scripts in DATA leads from "
                            f"{version.group(1)} to default_version {target}")
    for failure in failures:
        print(failure)
    if failures:
        sys.exit(1)
    print(f"{len(released(extension))} released scripts unchanged, shipped, and updatable to {target}")


if __name__ == "__main__":
    main()
