"""compare-periods on the export sample split at a date: the answers before
it against those from it, each file written here with Python's csv module
as the export's tool writes it (';'). Its --format csv output is compared
with a committed CSV of independently computed values (expected_weighted.py:
the weighted comparison, --weight), as check_output.py compares.

  check_compare_split.py EXPORT.csv YYYY-MM-DD EXPECTED.csv -- COMPARE_PERIODS ARGS...
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

from check_output import compare_csv


def split(path, day, tmp):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh, delimiter=";"))
    date = records[0].index("Submitted At")
    paths = []
    for name, keep in (("before.csv", lambda d: d < day), ("after.csv", lambda d: d >= day)):
        out = os.path.join(tmp, name)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(records[0])
            writer.writerows(r for r in records[1:] if keep(r[date][:10]))
        paths.append(out)
    return paths


def main():
    args = sys.argv[1:]
    export, day, expected = args[:3]
    command = args[args.index("--") + 1:]
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(command + ["--format", "csv"] + split(export, day, tmp),
                             capture_output=True, text=True)
    mismatch = compare_csv(run.stdout, expected) if run.returncode == 0 else run.stderr
    if mismatch:
        print(f"exit {run.returncode}: {mismatch}\n{run.stdout}")
        return 1
    print(f"OK: {' '.join(command)} split at {day}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
