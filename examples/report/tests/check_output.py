"""Runs an example program and checks what it printed.

  check_output.py [--expected CSV] [--stdin FILE] [--exit N] [--stderr-has TEXT]...
                  [--stdout-has TEXT]... -- PROGRAM ARGS...

--expected compares the program's CSV output with a committed CSV of
independently computed values (examples/report/tests/expected.py): text fields must
match exactly, numbers to 1e-9 relative (the programs print 17 digits; the
40-digit reference and cxmetrics' doubles differ only in the last few).
"""
import argparse
import math
import subprocess
import sys


def numbers_match(got, want):
    try:
        g, w = float(got), float(want)
    except ValueError:
        return got == want
    if math.isinf(w) or math.isnan(w):
        return g == w or (math.isnan(g) and math.isnan(w))
    return abs(g - w) <= 1e-9 * max(abs(w), 1e-300) or g == w


def compare_csv(out, expected_path):
    want = [line.split(",") for line in open(expected_path).read().strip().splitlines()]
    got = [line.split(",") for line in out.strip().splitlines()]
    if len(got) != len(want):
        return f"{len(got)} lines printed, {len(want)} expected"
    for i, (g, w) in enumerate(zip(got, want), 1):
        if len(g) != len(w) or not all(numbers_match(a, b) for a, b in zip(g, w)):
            return f"line {i}: got {','.join(g)}\n        want {','.join(w)}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expected")
    ap.add_argument("--stdin")
    ap.add_argument("--stdout-to", help="a file for the program's output, e.g. /dev/full")
    ap.add_argument("--exit", type=int, default=0)
    ap.add_argument("--stderr-has", action="append", default=[])
    ap.add_argument("--stdout-has", action="append", default=[])
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    stdin = open(args.stdin, "rb") if args.stdin else subprocess.DEVNULL
    stdout = open(args.stdout_to, "w") if args.stdout_to else subprocess.PIPE
    run = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True)
    run.stdout = run.stdout or ""
    problems = []
    if run.returncode != args.exit:
        problems.append(f"exit status {run.returncode}, expected {args.exit}")
    for text in args.stderr_has:
        if text not in run.stderr:
            problems.append(f"stderr lacks: {text}")
    for text in args.stdout_has:
        if text not in run.stdout:
            problems.append(f"stdout lacks: {text}")
    if args.expected:
        mismatch = compare_csv(run.stdout, args.expected)
        if mismatch:
            problems.append(mismatch)
    if problems:
        print("\n".join(problems))
        print("--- stdout\n" + run.stdout + "--- stderr\n" + run.stderr)
        return 1
    print(f"OK: {' '.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
