"""What every case module of test_sqlite.py shares: the failures found, the
checks that record them, the JSON and SQL helpers, and the facts of the
documented interface the cases compare against (docs/sql.md)."""
import csv
import json

FAILURES = []

# The presets the bundled metrics use: bands and canonical text names (the
# text form's documented spelling, include/cxmetrics.h "Text forms").
PRESETS = {"csat": ("csat5", 1, 5, (4, 5), (1, 2), "share"),
           "nps": ("nps", 0, 10, (9, 10), (0, 6), "net"),
           "ces": ("ces7", 1, 7, (5, 7), (1, 3), "mean")}


# The fields of the JSON results, in order (docs/sql.md, the C structs').
SNAPSHOT_FIELDS = ["headline", "n", "positive", "neutral", "negative", "positive_share",
                   "negative_share", "net", "mean", "stddev", "score", "score_low", "score_high",
                   "weight_total", "n_effective"]
INTERVAL_FIELDS = ["quantity", "method", "confidence", "estimate", "se", "low", "high"]
COMPARISON_FIELDS = ["quantity", "method", "confidence", "difference", "se", "statistic", "df",
                     "p_value", "low", "high"]


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print("FAIL:", what)


def close(a, b, rel=1e-12, tiny=1e-12):
    return a is not None and b is not None and abs(a - b) <= max(rel * abs(b), tiny)


def strict_json(text):
    def refuse(token):
        raise ValueError("non-strict JSON token " + token)
    return json.loads(text, parse_constant=refuse)


def undefined_interval(quantity, method, estimate=None, confidence=0.95):
    """The object of an interval the sample leaves undefined (docs/sql.md)."""
    return dict(zip(INTERVAL_FIELDS, [quantity, method, confidence, estimate] + [None] * 3))


def undefined_comparison(quantity, method, difference=None, confidence=0.95):
    return dict(zip(COMPARISON_FIELDS, [quantity, method, confidence, difference] + [None] * 6))


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def sql_value(v):
    return "NULL" if v is None else str(v) if isinstance(v, int) else sql_text(v)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def matches(got, want, rel=1e-15):
    """A value against its expectation: a float within rel, a dict as the JSON
    object it must parse to (fields in order), anything else exactly."""
    if isinstance(want, dict):
        if not isinstance(got, str):
            return False
        got = strict_json(got)
        return list(got) == list(want) and all(
            matches(got[k], v, rel) if isinstance(v, float) else got[k] == v
            for k, v in want.items())
    if isinstance(want, float):
        return isinstance(got, float) and close(got, want, rel)
    return got == want


def expect_values(host, setup, cases, rel=1e-15):
    """Runs the setup statements, then each case (sql, want): the first column
    of its first row must match want (None for NULL; [rows] for every row)."""
    outcomes = host.run(setup + [sql for sql, _ in cases])
    for (sql, want), o in zip(cases, outcomes[len(setup):]):
        if isinstance(want, list):
            ok, got = o.error is None and o.rows == want, o
        else:
            got = o.rows[0][0] if o.error is None and o.rows else o
            ok = matches(got, want, rel)
        check(ok, f"{host.name}: {sql}\n  got {got!r}\n  want {want!r}")


def expect_errors(host, setup, cases):
    """Each case (sql, message) fails with an error containing message, and
    the connection goes on working: every bad statement is followed by a
    good one."""
    statements = list(setup)
    for sql, _ in cases:
        statements += [sql, "SELECT cxm_nps(9)"]
    outcomes = host.run(statements)[len(setup):]
    for k, (sql, message) in enumerate(cases):
        bad, good = outcomes[2 * k], outcomes[2 * k + 1]
        check(bad.error is not None and message in bad.error,
              f"{host.name}: {sql}\n  got {bad!r}\n  want an error with {message!r}")
        check(good.error is None and good.rows == [(100.0,)],
              f"{host.name}: the connection after {sql}: {good!r}")
