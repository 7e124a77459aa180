"""Runs the recipes of examples/sqlite/README.md and compares their output
with the output the README shows, so the page cannot drift from the code.

  test_readme.py --shell SQLITE3 --module PATH --readme README.md --root DIR
  test_readme.py --print-script --module PATH --readme README.md

The "Recipes" section is a setup block (```sql without output) followed by
pairs of ```sql and ```text blocks. They run
  - verbatim in the sqlite3 shell, started in the repository root (only the
    .load path is replaced by the module just built), output compared byte
    for byte;
  - in Python's sqlite3 module (when this interpreter can load extensions;
    if not, that half is left out with a note), the shell's .import done with
    the csv module, rows compared cell by cell with the README's tables.
The trailing 30-day NPS is also recomputed with plain SQL (SUM(CASE ...)
over the answers of each 30-day span), independently of the extension, and
the numbers of the other three recipes (November per segment, the monthly
roll-up, November against October) are compared with the ones Python computes
from the same CSV (examples/report/tests/expected-by-month.csv, by expected.py).
The distribution of November's ratings is recounted with GROUP BY; the
revenue-weighted NPS and the sample sizes are compared with R's (survey, qnorm:
examples/sqlite/tests/reference.R wrote expected-readme.csv and
expected-planning.csv).
Exit 77 (ctest: skipped) when the shell is missing.
"""
import argparse
import csv
import os
import re
import sqlite3
import subprocess
import sys

FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print("FAIL:", what)


def recipes(readme):
    """(setup, [(sql, expected_text), ...]) from the Recipes section."""
    text = open(readme).read()
    section = text[text.index("\n## Recipes"):]
    section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
    blocks = re.findall(r"^```(sql|text)\n(.*?)^```$", section, flags=re.S | re.M)
    if not blocks or blocks[0][0] != "sql":
        raise SystemExit("README: the Recipes section must start with the setup block")
    setup, pairs = blocks[0][1], []
    for (kind, sql), (kind2, out) in zip(blocks[1::2], blocks[2::2]):
        if kind != "sql" or kind2 != "text":
            raise SystemExit("README: each recipe is an sql block followed by a text block")
        pairs.append((sql, out))
    if len(blocks) != 1 + 2 * len(pairs):
        raise SystemExit("README: a recipe without its output block")
    return setup, pairs


def with_module(setup, module):
    return re.sub(r"^\.load .*$", f".load {module}", setup, count=1, flags=re.M)


def shell_script(module, setup, pairs):
    script = with_module(setup, module)
    for i, (sql, _) in enumerate(pairs):
        script += f".print @@recipe {i}@@\n" + sql
    return script


def run_shell(shell, module, root, setup, pairs):
    script = shell_script(module, setup, pairs)
    done = subprocess.run([shell, ":memory:"], input=script, capture_output=True, text=True,
                          cwd=root, timeout=120)
    check(done.stderr == "" and done.returncode == 0, f"shell: errors: {done.stderr}")
    outputs = re.split(r"^@@recipe \d+@@\n", done.stdout, flags=re.M)
    check(outputs[0] == "", f"shell: the setup printed {outputs[0]!r}")
    for i, ((sql, want), got) in enumerate(zip(pairs, outputs[1:])):
        check(got == want, f"shell: recipe {i + 1} printed\n{got}\nbut the README shows\n{want}")
    check(len(outputs) == len(pairs) + 1, "shell: a recipe printed nothing")


def table_rows(text):
    """The cells of a `.mode table` table, header excluded, as strings."""
    lines = [ln for ln in text.splitlines() if ln.startswith("|")]
    return [tuple(c.strip() for c in ln.strip("|").split("|")) for ln in lines[1:]]


def cell(value):
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


def statements(sql):
    out, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def run_python(module, root, setup, pairs):
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(module)
    con.enable_load_extension(False)
    pending = ""
    for line in setup.splitlines(keepends=True):
        m = re.match(r"^\.import --csv --skip 1 (\S+) (\S+)$", line)
        if m:  # the shell's .import: every field as TEXT, rows in file order
            with open(os.path.join(root, m.group(1)), newline="") as f:
                rows = list(csv.reader(f))[1:]
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {m.group(2)} VALUES ({marks})", rows)
        elif not line.startswith("."):
            pending += line
            if sqlite3.complete_statement(pending):
                con.execute(pending)
                pending = ""
    for i, (sql, want) in enumerate(pairs):
        rows = []
        for statement in statements(sql):
            rows = con.execute(statement).fetchall()
        got = [tuple(cell(v) for v in r) for r in rows]
        check(got == table_rows(want), f"python: recipe {i + 1} gave {got}, README "
                                       f"{table_rows(want)}")
    return con


def check_window_independently(con, pairs):
    """The 30-day NPS of the window recipe from the answers themselves."""
    window = next(want for sql, want in pairs if "last_30" in sql)
    for day, n, nps in table_rows(window):
        P, D, count = con.execute(
            "SELECT SUM(CASE WHEN rating >= 9 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN rating <= 6 THEN 1 ELSE 0 END), COUNT(rating) FROM answers "
            "WHERE metric = 'nps' AND julianday(answered_on) BETWEEN julianday(?) - 29 AND "
            "julianday(?)", (day, day)).fetchone()
        check(int(n) == count and f"{round(100 * (P - D) / count, 1)}" == nps,
              f"window {day}: README n {n} NPS {nps}, plain SQL n {count} NPS "
              f"{100 * (P - D) / count}")


def near(shown, want, digits):
    """A README cell rounded to `digits` against Python's full-precision value."""
    return want != "" and abs(float(shown) - float(want)) <= 0.5 * 10 ** -digits + 1e-9


def check_against_python(pairs, root):
    """Recipes 1, 2 and 4 against expected-by-month.csv (expected.py: Python's
    fractions and mpmath over examples/data/answers.csv)."""
    by_month = os.path.join(root, "examples", "report", "tests", "expected-by-month.csv")
    with open(by_month, newline="") as f:
        python = {(r["metric"], r["segment"], r["period"]): r for r in csv.DictReader(f)}
    for seg, n, nps, low, high in table_rows(pairs[0][1]):
        r = python[("nps", seg, "2026-11")]
        check(n == r["n"] and near(nps, r["score"], 1) and near(low, r["low"], 1) and
              near(high, r["high"], 1), f"recipe 1: {seg} {n} {nps} [{low}, {high}], Python {r}")
    rollup = table_rows(pairs[1][1])
    check(len(rollup) == 18, f"recipe 2: {len(rollup)} rows, Python has 3 metrics x 6 months")
    for metric, month, n, score in rollup:
        r = python[(metric, "(all)", month)]
        check(n == r["n"] and near(score, r["score"], 2), f"recipe 2: {metric} {month} {n} "
                                                          f"{score}, Python {r}")
    for metric, change, low, high, p in table_rows(pairs[3][1]):
        r = python[(metric, "(all)", "2026-11")]
        check(near(change, r["change"], 2) and near(low, r["change_low"], 2) and
              near(high, r["change_high"], 2) and near(p, r["p_value"], 4),
              f"recipe 4: {metric} {change} [{low}, {high}] p {p}, Python {r}")


def check_new_recipes(pairs, root):
    """The recipes of 1.2 against R (reference.R: survey and qnorm)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "expected-readme.csv"), newline="") as f:
        r = next(csv.DictReader(f))
    with open(os.path.join(here, "expected-planning.csv"), newline="") as f:
        plans = {(p["scale"], p["pilot"], p["quantity"], p["confidence"], p["half_width"],
                  p["population"]): p["n"] for p in csv.DictReader(f)}
    (answers, arr, nps, weighted, n_eff, low, high), = table_rows(pairs[5][1])
    check(answers == "10" and arr == r["weight"] and near(nps, r["nps_counted"], 2) and
          near(weighted, r["nps_weighted"], 2) and near(n_eff, r["n_effective"], 2) and
          near(low, r["low_90"], 2) and near(high, r["high_90"], 2),
          f"recipe 6: {table_rows(pairs[5][1])}, R {r}")
    (worst, of_2000, november), = table_rows(pairs[6][1])
    check(worst == plans[("nps", "", "net", "0.95", "5", "0")] and
          of_2000 == plans[("nps", "", "net", "0.95", "5", "2000")] and
          november == r["plan_november"],
          f"recipe 7: {worst} {of_2000} {november}, R {plans} {r['plan_november']}")


def check_counts_independently(con, pairs):
    """The distribution recipe against GROUP BY over the answers."""
    plain = con.execute("SELECT rating, COUNT(*) FROM answers WHERE metric = 'nps' AND "
                        "answered_on >= '2026-11-01' AND rating IS NOT NULL GROUP BY rating "
                        "ORDER BY rating").fetchall()
    got = table_rows(pairs[4][1])
    check(got == [(str(a), str(b)) for a, b in plain], f"recipe 5: {got}, GROUP BY {plain}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shell", default="")
    ap.add_argument("--module", required=True)
    ap.add_argument("--readme", required=True)
    ap.add_argument("--root", default=".")
    ap.add_argument("--print-script", action="store_true",
                    help="print the shell script of the recipes and stop (.ci/run feeds it to "
                         "the shell under valgrind)")
    args = ap.parse_args()
    if args.print_script:
        print(shell_script(args.module, *recipes(args.readme)), end="")
        return 0
    if not args.shell or not os.path.exists(args.shell):
        print("SKIPPED: the sqlite3 shell is not installed (Debian: apt-get install sqlite3)")
        return 77
    setup, pairs = recipes(args.readme)
    check(len(pairs) == 7, f"README: {len(pairs)} recipes, expected 7")
    check_against_python(pairs, args.root)
    check_new_recipes(pairs, args.root)
    run_shell(args.shell, args.module, args.root, setup, pairs)
    if hasattr(sqlite3.Connection, "enable_load_extension"):
        con = run_python(args.module, args.root, setup, pairs)
        check_window_independently(con, pairs)
        check_counts_independently(con, pairs)
    else:
        print(f"NOTE: {sys.executable} cannot load SQLite extensions; only the shell ran the "
              "recipes")
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        return 1
    print(f"the {len(pairs)} recipes of {args.readme} give the output shown, in the shell and "
          "in Python")
    return 0


if __name__ == "__main__":
    sys.exit(main())
