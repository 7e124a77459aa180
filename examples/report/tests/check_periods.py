"""Period assignment, checked against Python's own calendar: ISO week edges
at year ends, month ends, leap days, and timestamps whose offset puts them on
another UTC day than the calendar date they carry (they count on the date
they carry). For --by day, week and month, every period from the first to
the last is a row with the right label, first and last day, n and split, and
the change from the previous period equals the difference of the scores.

Answers further apart than a series can hold (2^20 days, issue 20 item 4):
--by day gives the same output and exit status whatever the order of the
lines, refusing with a message that names the limit in days; --by month
counts every answer, whatever the order.

  check_periods.py CXM_REPORT
"""
import calendar
import csv
import datetime
import io
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

DATES = [
    "2020-12-31", "2021-01-01", "2021-01-03T23:59:59+14:00", "2021-01-04",  # 2020-W53 | 2021-W01
    "2024-02-28", "2024-02-29", "2024-02-29T23:00:00-12:00", "2024-03-01",  # leap day
    "2024-12-29", "2024-12-30", "2025-01-01T00:00:00Z",                     # 2024-W52 | 2025-W01
    "2026-01-31", "2026-02-01", "2026-02-28", "2026-03-01",                 # month ends
    "2026-11-30T23:30:00-05:00",  # 1 December in UTC, 30 November where it was given
    "2026-12-01T00:30:00+14:00",  # 30 November in UTC, 1 December where it was given
    "2026-11-30T23:59:60Z",       # a leap second
    "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-04",                 # 2026-W53 | 2027-W01
]


def day_of(text):
    return datetime.date.fromisoformat(text[:10]) if "T" not in text else \
        datetime.datetime.fromisoformat(text.replace(":60", ":59")).date()


def period(by, d):
    if by == "day":
        return d.isoformat(), d, d
    if by == "week":
        y, w, wd = d.isocalendar()
        monday = d - datetime.timedelta(days=wd - 1)
        return f"{y:04d}-W{w:02d}", monday, monday + datetime.timedelta(days=6)
    last = calendar.monthrange(d.year, d.month)[1]
    return f"{d.year:04d}-{d.month:02d}", d.replace(day=1), d.replace(day=last)


def expected(by, answers):
    """Every period from the first answer's to the last's: (label, first, last, ratings)."""
    first = min(d for d, _ in answers)
    last = max(d for d, _ in answers)
    rows, d = [], period(by, first)[1]
    while d <= last:
        label, start, end = period(by, d)
        rows.append((label, start, end, [r for a, r in answers if start <= a <= end]))
        d = end + datetime.timedelta(days=1)
    return rows


def nps(ratings):
    P = sum(r >= 9 for r in ratings)
    D = sum(r <= 6 for r in ratings)
    return P, len(ratings) - P - D, D


SPREAD = ["2026-06-01", "2026-06-02", "4900-01-01", "2026-06-03", "4900-01-02"]


def far_apart(report, tmp):
    """The same lines, in three orders, by day, week and month."""
    import random
    problems = []
    lines = [f"nps,{t},{i % 11}\n" for i, t in enumerate(SPREAD)]
    orders = [lines, lines[::-1], random.Random(20).sample(lines, len(lines))]
    for by in ("day", "month"):
        outputs = set()
        for k, order in enumerate(orders):
            path = os.path.join(tmp, f"far-{k}.csv")
            with open(path, "w") as fh:
                fh.write("metric,date,rating\n" + "".join(order))
            run = subprocess.run([report, "--by", by, "--format", "csv", path],
                                 capture_output=True, text=True)
            outputs.add((run.returncode, run.stdout))
            n = sum(int(r["n"]) for r in csv.DictReader(io.StringIO(run.stdout))
                    if r["segment"] == "(all)")
            if by == "day" and (run.returncode != 2 or "1048576 days" not in run.stderr):
                problems.append(f"--by day, order {k}: exit {run.returncode}, expected 2 and a "
                                f"message naming the limit of 1048576 days\n{run.stderr}")
            if by != "day" and (run.returncode != 0 or n != len(SPREAD)):
                problems.append(f"--by {by}, order {k}: exit {run.returncode}, n {n}\n{run.stderr}")
        if len(outputs) != 1:
            problems.append(f"--by {by}: the output depends on the order of the lines")
    return problems


def main():
    report = sys.argv[1]
    answers = [(day_of(t), (3 * i + 5) % 11) for i, t in enumerate(DATES)]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "edges.csv")
        with open(path, "w") as fh:
            fh.write("metric,date,rating\n")
            for i, t in enumerate(DATES):
                fh.write(f"nps,{t},{(3 * i + 5) % 11}\n")
        for by in ("day", "month"):
            run = subprocess.run([report, "--by", by, "--format", "csv", path],
                                 capture_output=True, text=True)
            got = list(csv.DictReader(io.StringIO(run.stdout)))
            want = expected(by, answers)
            if run.returncode != 0 or len(got) != len(want):
                problems.append(f"--by {by}: exit {run.returncode}, {len(got)} rows, "
                                f"{len(want)} expected\n{run.stderr}")
                continue
            previous = None
            for g, (label, start, end, ratings) in zip(got, want):
                P, N, D = nps(ratings)
                score = Fraction(100 * (P - D), len(ratings)) if ratings else None
                row = (g["period"], g["first_day"], g["last_day"], int(g["n"]),
                       int(g["positive"]), int(g["neutral"]), int(g["negative"]))
                if row != (label, start.isoformat(), end.isoformat(), len(ratings), P, N, D):
                    problems.append(f"--by {by}: got {row}, expected "
                                    f"{(label, start, end, len(ratings), P, N, D)}")
                if score is not None and abs(float(g["score"]) - score) > 1e-12:
                    problems.append(f"--by {by} {label}: score {g['score']}, expected {float(score)}")
                has_change = score is not None and previous is not None
                if has_change != (g["change"] != ""):
                    problems.append(f"--by {by} {label}: change '{g['change']}'")
                elif has_change and abs(float(g["change"]) - (score - previous)) > 1e-9:
                    problems.append(f"--by {by} {label}: change {g['change']}, "
                                    f"expected {float(score - previous)}")
                previous = score
        problems += far_apart(report, tmp)
    if problems:
        print("\n".join(problems[:20]))
        return 1
    print("periods: every label, edge, count and change as Python's calendar has them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
