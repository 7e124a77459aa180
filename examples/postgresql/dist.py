"""Writes the PGXN distribution of the extension, cxmetrics-VERSION.zip (the
version from META.json), with everything under cxmetrics-VERSION/:

    python3 dist.py [OUTPUT_DIRECTORY]        (make dist: into this directory)

It holds what building and installing take — META.json, the Makefile, the
control file and SQL scripts, the C sources, README.md — and the project's
LICENSE. Unpacked on its own, the Makefile links the installed library (the
Debian package libcxmetrics-dev, or a cmake --install prefix: pkg-config, or
make CXM_PREFIX=PREFIX). The regression suite is not in it: it reads the
project's data files and runs from the repository (test.sh). Entries are in
name order with a fixed time, so the same files make the same zip.
"""
import glob
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERNS = ["META.json", "Makefile", "README.md", "cxmetrics.control", "cxmetrics--*.sql", "*.c",
            "*.h"]


def members():
    """(path on disk, name in the zip below the top directory), sorted."""
    found = {os.path.basename(p): p for pattern in PATTERNS
             for p in glob.glob(os.path.join(HERE, pattern))}
    found["LICENSE"] = os.path.join(HERE, "..", "..", "LICENSE")
    return sorted((path, name) for name, path in found.items())


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else HERE
    with open(os.path.join(HERE, "META.json")) as f:
        meta = json.load(f)
    top = f"{meta['name']}-{meta['version']}"
    zip_path = os.path.join(out_dir, top + ".zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for path, name in sorted(members(), key=lambda m: m[1]):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
    print(zip_path)


if __name__ == "__main__":
    main()
