"""Honest stars (issue 25, item 5): the p-values of every change a report
tests are adjusted together, by each method --adjust names, into the q the
stars follow. The expected q of every tested change of the export sample by
month, for each method, are R's p.adjust over Python's p-values
(expected.py -> expected-adjust.csv); a change not tested (into or out of a
partial period) has no q and no star; and the table's footer says how many
changes were tested and how.

  check_adjust.py EXPECTED_ADJUST.csv -- CXM_REPORT ARGS...
"""
import csv
import io
import subprocess
import sys

METHODS = ["bh", "by", "holm", "hochberg", "bonferroni", "none"]


def close(got, want):
    return abs(got - want) <= 1e-9 * max(abs(want), 1e-300)


def main():
    args = sys.argv[1:]
    expected = {(r["metric"], r["segment"], r["period"]): r
                for r in csv.DictReader(open(args[0], encoding="utf-8"))}
    command = args[args.index("--") + 1:]
    problems = []
    for method in METHODS:
        run = subprocess.run([*command, "--adjust", method, "--format", "csv"],
                             capture_output=True, text=True, check=True)
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        tested = 0
        for r in rows:
            want = expected.get((r["metric"], r["segment"], r["period"]))
            if want is None:
                if r["q"] != "" or r["significant"] == "yes":
                    problems.append(f"--adjust {method} {r['period']}: untested change with q")
                continue
            tested += 1
            q = float(r["q"])
            if not close(q, float(want[method])) or (q < 0.05) != (r["significant"] == "yes"):
                problems.append(f"--adjust {method} {r['metric']} {r['segment']} {r['period']}: "
                                f"q {r['q']} {r['significant']}, R says {want[method]}")
        if tested != len(expected):
            problems.append(f"--adjust {method}: {tested} changes tested, {len(expected)} expected")
        table = subprocess.run([*command, "--adjust", method], capture_output=True, text=True,
                               check=True).stdout
        said = (f"q: p itself (--adjust none: each of the {len(expected)} changes tested alone)"
                if method == "none" else
                f"q: the p-values of the {len(expected)} changes tested, adjusted together by "
                f"cxm_adjust_p (--adjust {method})")
        if said not in table:
            problems.append(f"--adjust {method}: the footer lacks '{said}'")
    bad = subprocess.run([*command, "--adjust", "BH"], capture_output=True, text=True)
    if bad.returncode != 2 or "--adjust takes a name --help lists, not BH" not in bad.stderr:
        problems.append(f"--adjust BH: exit {bad.returncode}, {bad.stderr[:200]}")
    if problems:
        print("\n".join(problems[:20]))
        return 1
    print(f"adjusted p-values: {len(expected)} changes, {len(METHODS)} methods, as R's p.adjust")
    return 0


if __name__ == "__main__":
    sys.exit(main())
