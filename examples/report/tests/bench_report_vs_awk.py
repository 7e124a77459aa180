"""Benchmark: cxm-report against an equivalent awk count, on 10^6 answers
over 1, 100 and 10,000 segments (docs/performance.md, "cxm-report against
awk").

The awk program does the part of the report's work that awk can do: it
splits each line, counts n and the positive and negative answers per
(metric, segment), and prints the counts. cxm-report does that and more
(validates every field and rating, keeps exact accumulators, computes the
intervals). Both outputs are checked to hold the same counts before anything
is timed. Each command runs REPEAT times, alternating, and the medians are
compared in the same run, so the machine's load affects both alike.

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


def generate(path, rows, segments, seed=20261201):
    rng = random.Random(seed)
    spans = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
    with open(path, "w") as fh:
        fh.write("metric,rating,segment\n")
        for _ in range(rows):
            metric = rng.choice(("csat", "nps", "ces"))
            lo, hi = spans[metric]
            fh.write(f"{metric},{rng.randint(lo, hi)},agent-{rng.randrange(segments):05d}\n")


def same_counts(report_csv, awk_out):
    mine = {(r["metric"], r["segment"]): (r["n"], r["positive"], r["negative"])
            for r in csv.DictReader(io.StringIO(report_csv)) if r["segment"] != "(all)"}
    theirs = {}
    for line in awk_out.splitlines():
        m, s, n, p, d = line.split(",")
        theirs[(m, s)] = (n, p, d)
    return mine == theirs


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
    print("| segments | cxm-report (s) | awk (s) | awk / cxm-report |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for segments in (1, 100, 10000):
            path = os.path.join(tmp, f"answers-{segments}.csv")
            generate(path, rows, segments)
            ours = [report, "--by", "none", "--format", "csv", path]
            theirs = [awk, AWK, path]
            check = subprocess.run(ours, capture_output=True, text=True, check=True).stdout
            if not same_counts(check, subprocess.run(theirs, capture_output=True, text=True,
                                                     check=True).stdout):
                print(f"{segments} segments: the counts differ; nothing timed")
                return 1
            a, b = [], []
            for _ in range(REPEAT):
                a.append(timed(ours))
                b.append(timed(theirs))
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"| {segments} | {ma:.3f} | {mb:.3f} | {mb / ma:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
