"""The --save / --load state file.

- Roll-ups are exact: reporting on saved states (--load) prints the same
  numbers, to the last digit, as reporting on the CSV files, without dates
  (--by none) and with them (by month, and a trailing window).
- Damage is refused: every truncation, every single-bit flip and an appended
  byte of a state file (one without dates, one with) is an error (exit 2)
  naming the file, never a report with numbers missing.
- A state without dates cannot be reported by period (said so, exit 2).

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


def refused(report, path, options):
    got = run(report, *options, "--load", path)
    return got.returncode == 2 and path.encode() in got.stderr


def damage(report, tmp, csv_text, options):
    source, state = os.path.join(tmp, "small.csv"), os.path.join(tmp, "small.state")
    with open(source, "w") as fh:
        fh.write(csv_text)
    if run(report, *options, "--save", state, source).returncode != 0:
        problems.append(f"cannot save {options}")
        return
    good = open(state, "rb").read()
    bad = os.path.join(tmp, "bad.state")
    if not run(report, *options, "--load", state).returncode == 0:
        problems.append(f"the intact state is refused {options}")
    cases = [good[:k] for k in range(len(good))] + [good + b"\0"]
    cases += [good[:i] + bytes([good[i] ^ (1 << bit)]) + good[i + 1:]
              for i in range(len(good)) for bit in range(8)]
    accepted = 0
    for case in cases:
        with open(bad, "wb") as fh:
            fh.write(case)
        if not refused(report, bad, options):
            accepted += 1
    if accepted:
        problems.append(f"{accepted} of {len(cases)} damaged states accepted {options}")
    return len(cases)


def main():
    report, data = sys.argv[1], sys.argv[2]
    before, now = os.path.join(data, "answers-previous.csv"), os.path.join(data, "answers.csv")
    with tempfile.TemporaryDirectory() as tmp:
        rollup(report, tmp, before, now, ["--by", "none"])
        rollup(report, tmp, before, now, ["--by", "month"])
        rollup(report, tmp, before, now, ["--last", "45"])
        undated = "metric,rating,segment\nnps,9,chat\nnps,3,mail\ncsat,5,chat\n"
        dated = "date,metric,rating\n2026-11-02,nps,9\n2026-11-05,nps,2\n2026-10-30,csat,4\n"
        tried = damage(report, tmp, undated, ["--by", "none"])
        tried += damage(report, tmp, dated, ["--by", "week"])
        flat = os.path.join(tmp, "flat.state")
        run(report, "--by", "none", "--save", flat, now)
        got = run(report, "--by", "month", "--load", flat)
        if got.returncode != 2 or b"saved without dates" not in got.stderr:
            problems.append(f"a state without dates reported by month: {got.returncode}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"state file: roll-ups exact; {tried} damaged files all refused, naming the file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
