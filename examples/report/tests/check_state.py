"""The --save / --load state file.

- Roll-ups are exact: reporting on saved states (--load) prints the same
  numbers, to the last digit, as reporting on the CSV files, without dates
  (--by none) and with them (by month, and a trailing window).
- (Damage is test_state.c's: in process, as it tries thousands of files.)
- A state without dates cannot be reported by period, nor one kept by month
  by week (said so, exit 2); one kept by day serves every period.

  check_state.py CXM_REPORT DATA_DIR
"""
import os
import subprocess
import sys
import tempfile

problems = []


def run(report, *args):
    return subprocess.run([report, *args], capture_output=True)


def rollup(report, tmp, before, now, options):
    a, b = os.path.join(tmp, "a.state"), os.path.join(tmp, "b.state")
    for state, csv in ((a, before), (b, now)):
        got = run(report, *options, "--format", "csv", "--save", state, csv)
        if got.returncode != 0:
            problems.append(f"--save {options}: exit {got.returncode} {got.stderr}")
    loaded = run(report, *options, "--format", "csv", "--load", a, "--load", b)
    direct = run(report, *options, "--format", "csv", before, now)
    if loaded.returncode != 0 or loaded.stdout != direct.stdout or not direct.stdout:
        problems.append(f"roll-up {options} differs from the direct report:\n"
                        f"{loaded.stdout[:300]}\n{direct.stdout[:300]}\n{loaded.stderr}")


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
    if problems:
        print("\n".join(problems))
        return 1
    print("state file: roll-ups exact; a state without dates refused for periods")
    return 0


if __name__ == "__main__":
    sys.exit(main())
