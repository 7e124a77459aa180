"""Benchmark: cxm-report against an equivalent awk count, on 10^6 answers
over 1, 100 and 10,000 segments, unweighted and weighted (docs/performance.md,
"cxm-report against awk").

The awk program does the part of the report's work that awk can do: it
splits each line, counts n and the positive and negative answers per
(metric, segment) — weighted, it sums the weights of all, of the positive and
of the negative answers, and the weighted ratings — and prints them.
cxm-report does that and more (validates every field, rating and weight,
keeps exact accumulators — 128-bit sums of squared weights when weighted —
computes the intervals). Both outputs are checked to agree (the counts; the
weighted scores to 1e-9) before anything is timed. Each command runs REPEAT
times, alternating, and the medians are compared in the same run, so the
machine's load affects both alike.

  python3 examples/report/tests/bench_report_vs_awk.py build/examples/cxm-report [awk] [rows]
"""
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

REPEAT = 7
AWK = r"""
BEGIN { FS = "," }
NR > 1 && $2 != "" {
    k = $1 "," $3; n[k]++; r = $2 + 0
    if ($1 == "csat") { if (r >= 4) p[k]++; else if (r <= 2) d[k]++ }
    else if ($1 == "nps") { if (r >= 9) p[k]++; else if (r <= 6) d[k]++ }
    else { if (r >= 5) p[k]++; else if (r <= 3) d[k]++ }
}
END { for (k in n) print k "," n[k] "," p[k] + 0 "," d[k] + 0 }
"""
WEIGHTED_AWK = r"""
BEGIN { FS = "," }
NR > 1 && $2 != "" {
    k = $1 "," $3; n[k]++; r = $2 + 0; w = $4 + 0; W[k] += w; s[k] += r * w
    if ($1 == "csat") { if (r >= 4) p[k] += w; else if (r <= 2) d[k] += w }
    else if ($1 == "nps") { if (r >= 9) p[k] += w; else if (r <= 6) d[k] += w }
    else { if (r >= 5) p[k] += w; else if (r <= 3) d[k] += w }
}
END { for (k in n) printf "%s,%d,%.17g\n", k, n[k], $1 == "" ? 0 : score(k) }
function score(k,   m) {
    m = substr(k, 1, index(k, ",") - 1)
    if (m == "csat") return 100 * p[k] / W[k]
    if (m == "nps") return 100 * (p[k] - d[k]) / W[k]
    return s[k] / W[k]
}
"""


def generate(path, rows, segments, seed=20261201):
    """metric,rating,segment,weight: the weight an account's revenue, 1 to 10^6."""
    rng = random.Random(seed)
    spans = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
    with open(path, "w") as fh:
        fh.write("metric,rating,segment,weight\n")
        for _ in range(rows):
            metric = rng.choice(("csat", "nps", "ces"))
            lo, hi = spans[metric]
            fh.write(f"{metric},{rng.randint(lo, hi)},agent-{rng.randrange(segments):05d},"
                     f"{rng.randint(1, 1000000)}\n")


def same_counts(report_csv, awk_out):
    mine = {(r["metric"], r["segment"]): (r["n"], r["positive"], r["negative"])
            for r in csv.DictReader(io.StringIO(report_csv)) if r["segment"] != "(all)"}
    theirs = {}
    for line in awk_out.splitlines():
        m, s, n, p, d = line.split(",")
        theirs[(m, s)] = (n, p, d)
    return mine == theirs


def same_scores(report_csv, awk_out):
    mine = {(r["metric"], r["segment"]): (int(r["n"]), float(r["score"]))
            for r in csv.DictReader(io.StringIO(report_csv)) if r["segment"] != "(all)"}
    theirs = {}
    for line in awk_out.splitlines():
        m, s, n, score = line.split(",")
        theirs[(m, s)] = (int(n), float(score))
    return mine.keys() == theirs.keys() and all(
        mine[k][0] == theirs[k][0] and abs(mine[k][1] - theirs[k][1]) <= 1e-9 * max(1.0, abs(theirs[k][1]))
        for k in mine)


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    report = sys.argv[1]
    awk = sys.argv[2] if len(sys.argv) > 2 else "awk"
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
    print(f"{rows} answers, median of {REPEAT} runs each, {awk} = "
          f"{os.path.realpath(subprocess.run(['which', awk], capture_output=True, text=True).stdout.strip())}")
    print("| answers | segments | cxm-report (s) | awk (s) | awk / cxm-report |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for weighted in (False, True):
            for segments in (1, 100, 10000):
                path = os.path.join(tmp, f"answers-{segments}.csv")
                if not weighted:
                    generate(path, rows, segments)
                ours = [report, "--by", "none", "--format", "csv", path]
                ours[1:1] = ["--weight", "weight"] if weighted else []
                theirs = [awk, WEIGHTED_AWK if weighted else AWK, path]
                check = subprocess.run(ours, capture_output=True, text=True, check=True).stdout
                other = subprocess.run(theirs, capture_output=True, text=True, check=True).stdout
                if not (same_scores if weighted else same_counts)(check, other):
                    print(f"{segments} segments: the outputs differ; nothing timed")
                    return 1
                a, b = [], []
                for _ in range(REPEAT):
                    a.append(timed(ours))
                    b.append(timed(theirs))
                ma, mb = statistics.median(a), statistics.median(b)
                kind = "weighted" if weighted else "unweighted"
                print(f"| {kind} | {segments} | {ma:.3f} | {mb:.3f} | {mb / ma:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
