"""The table a person reads says what the CSV says: each row of a committed
expected CSV (expected.py) appears in cxm-report's table, rounded as the
table rounds (a tenth of a point, a hundredth of a rating, n_eff to a tenth;
p and q to 3 decimals or <0.001, q "-" for a change not tested), with *
exactly where the change is significant; and the columns
stay aligned, whatever the width of the segment names (UTF-8, East Asian
wide characters), which are never cut.

  check_table.py EXPECTED.csv -- CXM_REPORT ARGS...
  check_table.py --names -- CXM_REPORT          (alignment and whole names)
"""
import csv
import os
import subprocess
import sys
import tempfile
import unicodedata


def width(text):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def rounded(row):
    digits = 2 if row["method"] == "t" or (row["method"] == "" and row["metric"] == "ces") else 1
    cells = [row["metric"], row["segment"]]
    if "period" in row:
        cells.append(row["period"] + ("~" if row["partial"] == "yes" else ""))
    cells += [row["n"], "%.*f" % (digits, float(row["score"])) if row["score"] else "-"]
    cells.append("[%.*f, %.*f]" % (digits, float(row["low"]), digits, float(row["high"]))
                 if row["low"] else "n/a")
    cells.append(row["method"] or "-")
    if "n_effective" in row:
        cells.insert(4, "%.1f" % float(row["n_effective"]) if row["n_effective"] else "-")
    if row.get("change"):
        p = float(row["p_value"])
        q = float(row["q"]) if row["q"] else None
        cells += ["%+.*f" % (digits, float(row["change"])), "<0.001" if p < 0.001 else "%.3f" % p,
                  "-" if q is None else "<0.001" if q < 0.001 else "%.3f" % q]
        if row["significant"] == "yes":
            cells.append("*")
    return " ".join(cells).replace("[", "[ ").split()


def check_rows(expected, command):
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    lines = [l.replace("[", "[ ").split() for l in out.splitlines()]
    return [f"not in the table: {' '.join(rounded(r))}" for r in csv.DictReader(open(expected))
            if rounded(r) not in lines]


def check_names(report):
    names = ["chat", "Z\u00fcrich-Nord", "\u6771\u4eac\u30c1\u30e3\u30c3\u30c8",
             "a very long segment name, one", "a very long segment name, two", "e\u0301mail"]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "names.csv")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("metric,rating,segment\n")
            for i, name in enumerate(names):
                fh.write(f'nps,{i + 4},"{name}"\n')
        out = subprocess.run([report, path], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[1:]
    for name in names:
        if not any(f" {name} " in r for r in rows):
            problems.append(f"segment name cut or missing: {name}")
    # the n column ends in the same terminal column on every line
    ends = set()
    for line in out.splitlines():
        rest = line[len("metric "):]
        label = max((l for l in names + ["(all)", "segment"] if rest.startswith(l + " ")), key=len)
        after = rest[len(label):]
        n = after.split()[0]
        ends.add(len("metric ") + width(label) + after.index(n) + len(n))
    if len(ends) != 1:
        problems.append(f"columns not aligned (n ends at {sorted(ends)}):\n{out}")
    return problems


def main():
    args = sys.argv[1:]
    split = args.index("--")
    options, command = args[:split], args[split + 1:]
    problems = check_names(command[0]) if options == ["--names"] else \
        check_rows(options[0], command)
    if problems:
        print("\n".join(problems))
        return 1
    print(f"OK: {' '.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
