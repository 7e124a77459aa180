#!/usr/bin/env python3
"""The ABI gate: compare the freshly built shared library with the committed
baseline (tests/abi/cxmetrics.abi) and fail on anything that is not a
compatible addition. docs/abi.md has the policy.

Usage: check_abi.py LIBRARY HEADERS_DIR BASELINE
Exit: 0 compatible (additions, if any, are reported), 1 incompatible or tool
error, 77 skipped (no abidiff, no debug info, another architecture).

Why not abidiff's exit status alone: it is a bit field (1 tool error, 2 usage
error, 4 ABI change, 8 incompatible change) and only a removed symbol sets 8;
a struct whose members moved or changed type is "only" 4, exactly like a
public struct that grew at its end through its `size` field, which our rules
allow. And libabigail's own suppression for the latter
(has_data_member_inserted_at = end) also hides a reordered struct or a
widened last member. So the verdict is made here:

 1. abidiff baseline current: the full report, printed for review.
 2. Every public struct (cxm_*, first member `size`) of the baseline must
    still begin with exactly the baseline's members, at the same offsets;
    members past the baseline size are appended ones, reported and then cut
    off from a copy of the current description.
 3. abidiff --no-added-syms baseline that-copy must then find nothing at all:
    any removed or changed function, variable or type fails.
"""
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77
ABIDIFF = ["abidiff", "--no-architecture", "--no-corpus-path"]


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc.returncode, proc.stdout


def public_structs(tree):
    """name -> class-decl element, for the extensible public structs."""
    structs = {}
    for decl in tree.iter("class-decl"):
        name = decl.get("name", "")
        if not name.startswith("cxm_") or decl.get("is-declaration-only") == "yes":
            continue
        members = member_list(decl)
        if members and members[0][1] == "size":
            structs[name] = decl
    return structs


def member_list(decl):
    """[(offset, name, element)] of a struct's data members."""
    out = []
    for member in decl.findall("data-member"):
        var = member.find("var-decl")
        out.append((int(member.get("layout-offset-in-bits", "0")), var.get("name"), member))
    return out


def cut_appended(baseline, current):
    """Remove, in `current`, the members appended past each baseline struct's
    size; return (messages about appended members, problems)."""
    notes, problems = [], []
    old_structs = public_structs(baseline)
    new_structs = public_structs(current)
    for name, old in sorted(old_structs.items()):
        new = new_structs.get(name)
        if new is None:
            continue  # abidiff reports a vanished type if it is still used
        old_size = int(old.get("size-in-bits"))
        new_size = int(new.get("size-in-bits"))
        if new_size == old_size:
            continue
        if new_size < old_size:
            problems.append(f"struct {name} shrank from {old_size} to {new_size} bits")
            continue
        old_members = [(off, nm) for off, nm, _ in member_list(old)]
        kept = [(off, nm) for off, nm, _ in member_list(new) if off < old_size]
        if kept != old_members:
            problems.append(f"struct {name} grew, but its first {old_size} bits are not the "
                            f"baseline's members: {old_members} -> {kept}")
            continue
        for off, nm, element in member_list(new):
            if off >= old_size:
                notes.append(f"struct {name}: member '{nm}' appended at bit {off}")
                new.remove(element)
        new.set("size-in-bits", str(old_size))
    return notes, problems


def main():
    lib, headers, baseline = sys.argv[1:4]
    here = os.path.dirname(os.path.abspath(__file__))
    if shutil.which("abidiff") is None or shutil.which("abidw") is None:
        print("SKIP: abidiff/abidw not found (Debian: apt-get install abigail-tools)")
        return SKIP
    if platform.machine() not in ("x86_64", "amd64"):
        print(f"SKIP: the baseline describes the x86_64 ABI, this is {platform.machine()}")
        return SKIP
    sections = run(["readelf", "-S", lib])[1]
    if ".debug_info" not in sections:
        print(f"SKIP: {lib} has no debug info (build with -g, e.g. RelWithDebInfo)")
        return SKIP

    with tempfile.TemporaryDirectory() as tmp:
        current = os.path.join(tmp, "current.abi")
        # Both sides are abidw output made the same way (dump_abi.sh).
        status, out = run(["sh", os.path.join(here, "dump_abi.sh"), lib, headers, current])
        if status != 0:
            print(out + "FAIL: abidw could not describe the library")
            return 1

        status, report = run(ABIDIFF + [baseline, current])
        print("==> abidiff baseline current (full report)")
        print(report.rstrip() or "(no difference)")
        if status & 3:
            print(f"FAIL: abidiff could not compare (exit {status})")
            return 1
        if status == 0:
            print("ABI OK: identical to the baseline")
            return 0

        old_tree, new_tree = ET.parse(baseline), ET.parse(current)
        notes, problems = cut_appended(old_tree.getroot(), new_tree.getroot())
        projected = os.path.join(tmp, "projected.abi")
        new_tree.write(projected, encoding="unicode")
        strict, strict_report = run(ABIDIFF + ["--no-added-syms", baseline, projected])
        if problems or strict != 0:
            print("==> changes that are not compatible additions")
            for line in problems:
                print(line)
            if strict != 0:
                print(strict_report.rstrip())
            if strict & 8:
                print("(abidiff: incompatible change, e.g. a removed symbol)")
            print(f"FAIL: the ABI of {lib} breaks the baseline (abidiff exit {strict}).")
            print("      Restore compatibility: an incompatible change needs a new SONAME")
            print("      major and a documented migration (docs/abi.md).")
            return 1
        for line in notes:
            print(line)
        print("ABI OK: only compatible additions (above). After review, record them with")
        print("      cmake --build <build dir> --target abi-baseline")
        return 0


if __name__ == "__main__":
    sys.exit(main())
