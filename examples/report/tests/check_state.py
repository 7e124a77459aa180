"""The --save / --load state file.

- Roll-ups are exact: reporting on saved states (--load) prints the same
  numbers, to the last digit, as reporting on the CSV files, without dates
  (--by none) and with them (by month, and a trailing window).
- (Damage is test_state.c's: in process, as it tries thousands of files.)
- A state without dates cannot be reported by period, nor one kept by month
  by week (said so, exit 2); one kept by day serves every period.
- A state saved with --last keeps the days of its window only, and says so:
  loaded by month, a month the window covers in part is marked partial,
  at either end (--until), as the report marks partial periods.
- Weighted states (--weight) roll up exactly too, without dates, by month,
  by day and as a trailing window; loaded without --weight, they make a
  weighted report; a weighted state and unweighted answers, or the other way
  round, are refused with the reason.

  check_state.py CXM_REPORT DATA_DIR
"""
import csv as csv_module
import datetime
import io
import os
import subprocess
import sys
import tempfile

problems = []


def run(report, *args):
    return subprocess.run([report, *args], capture_output=True)


def rollup(report, tmp, before, now, options, reading=(), scales=()):
    """The report of two states saved from two files (read with `reading`) is the
    report of both files; loading them needs the scales only."""
    a, b = os.path.join(tmp, "a.state"), os.path.join(tmp, "b.state")
    for state, csv in ((a, before), (b, now)):
        got = run(report, *reading, *options, "--format", "csv", "--save", state, csv)
        if got.returncode != 0:
            problems.append(f"--save {options}: exit {got.returncode} {got.stderr}")
    loaded = run(report, *scales, *options, "--format", "csv", "--load", a, "--load", b)
    direct = run(report, *reading, *options, "--format", "csv", before, now)
    if loaded.returncode != 0 or loaded.stdout != direct.stdout or not direct.stdout:
        problems.append(f"roll-up {options} differs from the direct report:\n"
                        f"{loaded.stdout[:300]}\n{direct.stdout[:300]}\n{loaded.stderr}")


SCALES = ["--scale", "csat=csat10", "--scale", "ces=ces5"]
EXPORT = ["--column", "metric=Survey", "--column", "rating=Score", "--column", "segment=Agent",
          "--column", "date=Submitted At", "--scale", "csat=csat10", "--scale", "ces=ces5",
          "--weight", "Account ARR"]


def split_export(data, tmp):
    """The export's answers before and from 1 June 2026, as two files."""
    lines = open(os.path.join(data, "helpdesk-export.csv"), encoding="utf-8-sig", newline="").read()
    records = list(csv_module.reader(io.StringIO(lines, newline=""), delimiter=";"))
    paths = []
    for name, keep in (("h1.csv", lambda d: d < "2026-06-01"), ("h2.csv", lambda d: d >= "2026-06-01")):
        path = os.path.join(tmp, name)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv_module.writer(fh, delimiter=";")
            writer.writerow(records[0])
            writer.writerows(r for r in records[1:] if keep(r[5][:10]))
        paths.append(path)
    return paths


def weighted(report, tmp, data):
    h1, h2 = split_export(data, tmp)
    for options in (["--by", "none"], ["--by", "month"], ["--by", "day"], ["--last", "45"]):
        rollup(report, tmp, h1, h2, options, EXPORT, SCALES)
    flat = os.path.join(tmp, "weighted.state")
    run(report, *EXPORT, "--by", "none", "--save", flat, h2)
    got = run(report, *SCALES, "--by", "none", "--load", flat, h1)
    if got.returncode != 2 or b"give --weight HEADER to read this file's weights" not in got.stderr:
        problems.append(f"a weighted state with unweighted answers: {got.returncode} {got.stderr}")
    plain = os.path.join(tmp, "plain.state")
    run(report, *EXPORT[:-2], "--by", "none", "--save", plain, h2)
    got = run(report, *EXPORT, "--by", "none", "--load", plain)
    if got.returncode != 2 or b"saved without weights, and this report is weighted" not in got.stderr:
        problems.append(f"an unweighted state in a weighted report: {got.returncode} {got.stderr}")


def window_saved(report, tmp, now):
    """A state saved with --last N covers its window of 2N days, not all the
    days of the file: by month, the months the window cuts are partial."""
    dates = [r["date"][:10] for r in csv_module.DictReader(open(now, encoding="utf-8"))]
    newest = max(datetime.date.fromisoformat(d) for d in dates)
    until = datetime.date(2026, 9, 13)
    for last, end in ((30, None), (28, until)):
        first = (end or newest) - datetime.timedelta(days=2 * last - 1)
        state = os.path.join(tmp, f"window-{last}.state")
        options = ["--last", str(last)] + (["--until", end.isoformat()] if end else [])
        run(report, *options, "--save", state, now)
        got = run(report, "--by", "month", "--format", "csv", "--load", state)
        partial = {(r["metric"], r["segment"], r["period"]): r["partial"]
                   for r in csv_module.DictReader(io.StringIO(got.stdout.decode()))}
        want = {first.strftime("%Y-%m"): "yes", (end or newest).strftime("%Y-%m"):
                "yes" if end else "no"}
        for period, marked in want.items():
            if got.returncode != 0 or partial.get(("csat", "(all)", period)) != marked:
                problems.append(f"saved with {options}, loaded by month: {period} partial "
                                f"{partial.get(('csat', '(all)', period))}, expected {marked}")
        table = run(report, "--by", "month", "--load", state).stdout.decode()
        cover = f"~ marks a period the answers ({first} to {end or newest}) cover only in part"
        if f"{first.strftime('%Y-%m')}~" not in table or cover not in table:
            problems.append(f"saved with {options}, the table by month lacks {cover}\n{table}")


def main():
    report, data = sys.argv[1], sys.argv[2]
    before, now = os.path.join(data, "answers-previous.csv"), os.path.join(data, "answers.csv")
    with tempfile.TemporaryDirectory() as tmp:
        rollup(report, tmp, before, now, ["--by", "none"])
        rollup(report, tmp, before, now, ["--by", "month"])
        rollup(report, tmp, before, now, ["--last", "45"])
        # kept by day, a state serves any period; kept by month, only months
        days, months = os.path.join(tmp, "days.state"), os.path.join(tmp, "months.state")
        run(report, "--by", "day", "--save", days, now)
        run(report, "--save", months, now)
        for options in (["--by", "week"], ["--by", "month"], ["--last", "30"]):
            loaded = run(report, *options, "--format", "csv", "--load", days)
            direct = run(report, *options, "--format", "csv", now)
            if loaded.returncode != 0 or loaded.stdout != direct.stdout:
                problems.append(f"a state by day reported {options} differs from the CSV's")
        got = run(report, "--by", "week", "--load", months)
        if got.returncode != 2 or b"saved by month, so it cannot be reported by week" not in got.stderr:
            problems.append(f"a state by month reported by week: {got.returncode} {got.stderr}")
        flat = os.path.join(tmp, "flat.state")
        run(report, "--by", "none", "--save", flat, now)
        got = run(report, "--by", "month", "--load", flat)
        if got.returncode != 2 or b"saved without dates" not in got.stderr:
            problems.append(f"a state without dates reported by month: {got.returncode}")
        old = os.path.join(tmp, "old.state")
        with open(old, "wb") as fh:  # cxm-report 1.0: magic, version 1, one record
            fh.write(b"CXMS\x01\x01\x04chat")
        got = run(report, "--load", old)
        if got.returncode != 2 or b"old.state: a state file of cxm-report 1.0" not in got.stderr:
            problems.append(f"a 1.0 state: {got.returncode} {got.stderr}")
        weighted(report, tmp, data)
        window_saved(report, tmp, now)
    if problems:
        print("\n".join(problems))
        return 1
    print("state file: roll-ups exact; a state without dates refused for periods")
    return 0


if __name__ == "__main__":
    sys.exit(main())
