"""Tests of the SQLite extension (examples/sqlite) in a real SQLite host.

  test_sqlite.py --host python|shell --module PATH [--shell sqlite3] --data DIR --expected DIR

Every expected value comes from outside the extension and the library:
  - Python (fractions, and mpmath's normal and Student t distributions: Wilson, Rocks'
    adjusted Wald, the pooled z test, Welch's t test): examples/report/tests/expected-report.csv
    and expected-compare.csv, computed by examples/report/tests/expected.py from the bundled data;
  - plain SQL over the same rows (COUNT, SUM(CASE ...)) and Python's fractions and
    statistics modules (exact scores, means, standard deviations, Wilson / Agresti-Coull /
    Wald intervals from statistics.NormalDist);
  - the documented text form, written out in Python from GROUP BY counts;
  - window frames recomputed in Python for every row;
  - R's survey package for weighted states and R for planning (reference.R beside this
    file wrote expected-weighted*.csv and expected-planning.csv; CI does not need R).
The cases of 1.2's functions are in state_cases.py (cxm_add, cxm_subtract, cxm_counts,
cxm_version, undefined statistics), weighted_cases.py and planning_cases.py; checks.py holds
what they share.
Exit 77 (ctest: skipped) when the host is missing, with the reason on stdout.
"""
import argparse
import csv
import math
import os
import random
import sys
from fractions import Fraction
from statistics import NormalDist, stdev

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sqlhosts  # noqa: E402
import planning_cases  # noqa: E402
import state_cases  # noqa: E402
import weighted_cases  # noqa: E402
from checks import (FAILURES, COMPARISON_FIELDS, INTERVAL_FIELDS, PRESETS,  # noqa: E402
                    SNAPSHOT_FIELDS, check, close, expect_errors, expect_values, read_csv, sql_text, sql_value,
                    strict_json, undefined_comparison, undefined_interval)

# ---- the bundled data --------------------------------------------------------

def read_answers(path):
    with open(path, newline="") as f:
        return [(r["metric"], int(r["rating"]) if r["rating"] else None, r["segment"])
                for r in csv.DictReader(f)]


def load_statements(data_dir):
    """The two bundled files as one table, answers.csv 'now' and answers-previous.csv
    'before' (their dates are not needed here); a missing rating is NULL."""
    out = ["CREATE TABLE answers(month TEXT, metric TEXT, rating INTEGER, segment TEXT)"]
    for month, name in (("before", "answers-previous.csv"), ("now", "answers.csv")):
        rows = read_answers(os.path.join(data_dir, name))
        values = ",".join(f"('{month}','{m}',{sql_value(r)},'{s}')" for m, r, s in rows)
        out.append("INSERT INTO answers VALUES " + values)
    return out


# ---- known answers -----------------------------------------------------------

def state_of(metric, where):
    return (f"(SELECT cxm_acc_agg(rating, '{metric}') FROM answers "
            f"WHERE month = 'now' AND metric = '{metric}'{where})")


def test_known_answers(host, data_dir, expected_dir):
    """n, score, counts, snapshot and default interval per metric and segment
    against expected.py, and the one-step aggregates against expected.py and plain SQL."""
    report = read_csv(os.path.join(expected_dir, "expected-report.csv"))
    statements = load_statements(data_dir)
    first = len(statements)
    for r in report:
        metric, segment = r["metric"], r["segment"]
        where = "" if segment == "(all)" else f" AND segment = '{segment}'"
        state = state_of(metric, where)
        p_lo, p_hi = PRESETS[metric][3]
        n_lo, n_hi = PRESETS[metric][4]
        statements.append(
            f"SELECT cxm_n(s), cxm_score(s), cxm_interval(s), cxm_snapshot(s), "
            f"(SELECT cxm_{metric}(rating) FROM answers WHERE month = 'now' AND metric = "
            f"'{metric}'{where}), "
            f"(SELECT COUNT(rating) || ' ' || SUM(CASE WHEN rating BETWEEN {p_lo} AND {p_hi} "
            f"THEN 1 ELSE 0 END) || ' ' || SUM(CASE WHEN rating BETWEEN {n_lo} AND {n_hi} THEN 1 "
            f"ELSE 0 END) || ' ' || SUM(rating) FROM answers WHERE month = 'now' AND metric = "
            f"'{metric}'{where}) FROM (SELECT {state} AS s)")
    outcomes = host.run(statements)
    for r, o in zip(report, outcomes[first:]):
        what = f"{host.name}: {r['metric']} {r['segment']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        n, score, interval, snapshot, one_step, plain = o.rows[0]
        interval, snapshot = strict_json(interval), strict_json(snapshot)
        # Python (expected.py)
        check(n == int(r["n"]), f"{what}: n {n} != Python {r['n']}")
        check(close(score, float(r["score"])), f"{what}: score {score} != Python {r['score']}")
        check(close(one_step, float(r["score"])), f"{what}: cxm_{r['metric']} {one_step}")
        check(close(interval["low"], float(r["low"])),
              f"{what}: low {interval} vs Python {r['low']}")
        check(close(interval["high"], float(r["high"])), f"{what}: high {interval}")
        check(interval["method"] == r["method"], f"{what}: method {interval['method']}")
        check(interval["confidence"] == 0.95, f"{what}: confidence {interval['confidence']}")
        check([snapshot["positive"], snapshot["neutral"], snapshot["negative"]] ==
              [int(r["positive"]), int(r["neutral"]), int(r["negative"])],
              f"{what}: snapshot counts {snapshot}")
        check(snapshot["score_low"] == interval["low"] and
              snapshot["score_high"] == interval["high"], f"{what}: snapshot interval")
        # plain SQL and exact fractions
        count, positive, negative, total = (int(x) for x in plain.split())
        check(n == count and snapshot["n"] == count, f"{what}: n vs COUNT(rating) {count}")
        exact = {"csat": Fraction(100 * positive, count),
                 "nps": Fraction(100 * (positive - negative), count),
                 "ces": Fraction(total, count)}[r["metric"]]
        check(close(score, float(exact), 1e-15), f"{what}: score {score} != exact {exact}")
        check(close(snapshot["positive_share"], float(Fraction(100 * positive, count)), 1e-15)
              and close(snapshot["negative_share"], float(Fraction(100 * negative, count)),
                        1e-15), f"{what}: shares")
        check(close(snapshot["mean"], float(Fraction(total, count)), 1e-15), f"{what}: mean")
        expected_headline = PRESETS[r["metric"]][5]
        check(snapshot["headline"] == expected_headline, f"{what}: headline {snapshot}")
        check(interval["quantity"] == {"share": "positive-share"}.get(expected_headline,
                                                                       expected_headline),
              f"{what}: quantity {interval['quantity']}")
        check(list(snapshot) == SNAPSHOT_FIELDS, f"{what}: snapshot fields")
        # an unweighted state: every response counts once (W = Q = n)
        check(snapshot["weight_total"] == count and snapshot["n_effective"] == count,
              f"{what}: weight_total and n_effective of an unweighted state {snapshot}")
        check(list(interval) == INTERVAL_FIELDS, f"{what}: interval fields")


def test_stddev_and_methods(host, data_dir):
    """stddev (statistics.stdev on the ratings) and the intervals Python can
    compute from their formulas (docs/statistics.md) at confidence 0.9."""
    rows = read_answers(os.path.join(data_dir, "answers.csv"))
    z = NormalDist().inv_cdf(0.95)  # two-sided 90 %
    statements = load_statements(data_dir)
    first = len(statements)
    cases = []
    for metric in ("csat", "nps", "ces"):
        for segment in ("chat", "self-service"):
            x = [r for m, r, s in rows if m == metric and s == segment and r is not None]
            name, lo, hi, pos, neg, headline = PRESETS[metric]
            n = len(x)
            P = sum(pos[0] <= v <= pos[1] for v in x)
            D = sum(neg[0] <= v <= neg[1] for v in x)
            where = f" AND segment = '{segment}'"
            cases.append((metric, segment, "stddev", stdev(x)))
            statements.append(f"SELECT cxm_snapshot({state_of(metric, where)}) ->> 'stddev'")
            for quantity, k in (("positive-share", P), ("negative-share", D)):
                p = k / n
                wilson_c = (k + z * z / 2) / (n + z * z)
                wilson_h = z / (n + z * z) * math.sqrt(k * (n - k) / n + z * z / 4)
                nt = n + z * z
                ac = math.sqrt(wilson_c * (1 - wilson_c) / nt)
                wald = math.sqrt(p * (1 - p) / n)
                for method, low, high in (
                        ("wilson", wilson_c - wilson_h, wilson_c + wilson_h),
                        ("agresti-coull", wilson_c - z * ac, wilson_c + z * ac),
                        ("wald", max(0, p - z * wald), min(1, p + z * wald))):
                    cases.append((metric, segment, f"{quantity} {method}",
                                  (100 * max(0, low), 100 * min(1, high))))
                    statements.append(
                        f"SELECT cxm_interval({state_of(metric, where)}, '{quantity}', "
                        f"'{method}', 0.9) ->> '$.low', cxm_interval({state_of(metric, where)}, "
                        f"'{quantity}', '{method}', 0.9) ->> '$.high'")
            p, d = P / n, D / n
            half = z * math.sqrt((p + d - (p - d) ** 2) / n)
            cases.append((metric, segment, "net wald",
                          (100 * max(-1, p - d - half), 100 * min(1, p - d + half))))
            statements.append(
                f"SELECT cxm_interval({state_of(metric, where)}, 'net', 'wald', 0.9) ->> 'low', "
                f"cxm_interval({state_of(metric, where)}, 'net', 'wald', 0.9) ->> 'high'")
    outcomes = host.run(statements)
    for (metric, segment, what, want), o in zip(cases, outcomes[first:]):
        label = f"{host.name}: {metric} {segment} {what}"
        if o.error is not None:
            check(False, f"{label}: {o.error}")
        elif what == "stddev":
            check(close(o.rows[0][0], want), f"{label}: {o.rows[0][0]} != {want}")
        else:
            check(close(o.rows[0][0], want[0], 1e-11) and close(o.rows[0][1], want[1], 1e-11),
                  f"{label}: {o.rows[0]} != {want}")


def test_compare(host, data_dir, expected_dir):
    """cxm_compare(now, before) against expected.py (expected-compare.csv)."""
    expected = read_csv(os.path.join(expected_dir, "expected-compare.csv"))
    statements = load_statements(data_dir)
    first = len(statements)
    for r in expected:
        m = r["metric"]
        statements.append(
            f"SELECT cxm_compare((SELECT cxm_acc_agg(rating, '{m}') FROM answers WHERE month = "
            f"'now' AND metric = '{m}'), (SELECT cxm_acc_agg(rating, '{m}') FROM answers WHERE "
            f"month = 'before' AND metric = '{m}'))")
    outcomes = host.run(statements)
    for r, o in zip(expected, outcomes[first:]):
        what = f"{host.name}: compare {r['metric']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        c = strict_json(o.rows[0][0])
        check(list(c) == COMPARISON_FIELDS, f"{what}: fields {list(c)}")
        for field in ("difference", "low", "high", "statistic", "p_value"):
            check(close(c[field], float(r[field]), 1e-10), f"{what}: {field} {c[field]} != Python "
                                                             f"{r[field]}")
        if r["df"] == "Inf":
            check(c["df"] is None, f"{what}: df of a z test must be null, got {c['df']}")
        else:
            check(close(c["df"], float(r["df"]), 1e-10), f"{what}: df {c['df']}")


def test_states(host, data_dir):
    """Text form, round trips, merges and scales by value."""
    rows = read_answers(os.path.join(data_dir, "answers.csv"))
    statements = load_statements(data_dir)
    first = len(statements)
    cases = []

    def expect(sql, want):
        cases.append((sql, want))
        statements.append(sql)

    for metric in ("csat", "nps", "ces"):
        counts = {}
        for m, r, s in rows:
            if m == metric and r is not None:
                counts[r] = counts.get(r, 0) + 1
        text = PRESETS[metric][0] + "{" + ",".join(
            f"{r}:{c}" for r, c in sorted(counts.items())) + "}"
        agg = state_of(metric, "")
        expect(f"SELECT cxm_text({agg})", text)
        expect(f"SELECT cxm_from_text(cxm_text({agg})) = {agg}", 1)
        expect(f"SELECT cxm_from_text({sql_text(text)}) = {agg}", 1)
        # the same state merged from the segments, pairwise and as an aggregate
        expect(f"SELECT cxm_merge_agg(s) = {agg} FROM (SELECT segment, cxm_acc_agg(rating, "
               f"'{metric}') AS s FROM answers WHERE month = 'now' AND metric = '{metric}' "
               f"GROUP BY segment)", 1)
        expect(f"SELECT cxm_merge({state_of(metric, ' AND segment < ' + sql_text('m'))}, "
               f"{state_of(metric, ' AND segment >= ' + sql_text('m'))}) = {agg}", 1)
    # a scale is compared by value: every spelling gives the same state
    expect("SELECT cxm_acc_agg(rating, 'csat') = cxm_acc_agg(rating, '1..5/4..5/1..2/share') "
           "FROM answers WHERE metric = 'csat'", 1)
    expect("SELECT cxm_text(cxm_acc_agg(r, s)) FROM (SELECT 5 AS r, 'csat' AS s UNION ALL "
           "SELECT 4, 'csat5' UNION ALL SELECT 5, '1..5/4..5/1..2/share')", "csat5{4:1,5:2}")
    expect("SELECT cxm_text(cxm_acc_agg(r, '-3..3/2..3/-3..-2/net')) FROM (SELECT -3 AS r "
           "UNION ALL SELECT 3 UNION ALL SELECT 3)", "-3..3/2..3/-3..-2/net{-3:1,3:2}")
    expect("SELECT cxm_score(cxm_acc_agg(r, '-3..3/2..3/-3..-2/net')) FROM (SELECT -3 AS r "
           "UNION ALL SELECT 3 UNION ALL SELECT 3)", 100 / 3)
    expect("SELECT cxm_text(cxm_from_text('1..5/4..5/1..2/share{5:2}'))", "csat5{5:2}")
    expect("SELECT cxm_snapshot(cxm_from_text('neteasy7{1:2,7:1}')) ->> 'headline'", "net")
    # canonical: equal states are equal BLOBs (usable in GROUP BY, DISTINCT, =)
    expect("SELECT COUNT(DISTINCT s) FROM (SELECT cxm_acc_agg(r, 'nps') AS s FROM (SELECT 1 "
           "AS g, 9 AS r UNION ALL SELECT 1, 3 UNION ALL SELECT 2, 3 UNION ALL SELECT 2, 9) "
           "GROUP BY g)", 1)
    # counts: the largest a state holds, readable only while they fit an INTEGER
    expect("SELECT cxm_n(cxm_from_text('nps{10:9223372036854775807}'))", 9223372036854775807)
    expect("SELECT cxm_score(cxm_from_text('nps{10:18446744073709551615}'))", 100.0)
    expect("SELECT cxm_text(cxm_merge(cxm_from_text('nps{0:9223372036854775807}'), "
           "cxm_from_text('nps{10:9223372036854775808}')))",
           "nps{0:9223372036854775807,10:9223372036854775808}")
    outcomes = host.run(statements)
    for (sql, want), o in zip(cases, outcomes[first:]):
        got = o.rows[0][0] if o.error is None and o.rows else o
        ok = close(got, want, 1e-15) if isinstance(want, float) else got == want
        check(ok, f"{host.name}: {sql}\n  got {got!r}\n  want {want!r}")


# ---- NULLs, empty, flags -------------------------------------------------------

def test_nulls_and_empty(host):
    empty = "(SELECT cxm_from_text('nps{}'))"
    cases = [
        ("SELECT cxm_nps(r) FROM (SELECT NULL AS r UNION ALL SELECT 9 UNION ALL SELECT 3)", 0.0),
        ("SELECT cxm_n(cxm_acc_agg(r, 'nps')) FROM (SELECT NULL AS r UNION ALL SELECT 9)", 1),
        ("SELECT cxm_nps(r) FROM (SELECT NULL AS r)", None),
        ("SELECT cxm_csat(r) FROM (SELECT 1 AS r) WHERE 0", None),
        ("SELECT cxm_ces(NULL)", None),
        ("SELECT cxm_acc_agg(r, 'nps') FROM (SELECT NULL AS r UNION ALL SELECT NULL)", None),
        ("SELECT cxm_acc_agg(9, 'nps') WHERE 0", None),
        ("SELECT cxm_merge_agg(NULL)", None),
        ("SELECT cxm_merge_agg(s) FROM (SELECT 1 AS s) WHERE 0", None),
        # stored empty states merge to the empty state, which is not NULL
        (f"SELECT cxm_text(cxm_merge_agg(s)) FROM (SELECT {empty} AS s UNION ALL "
         f"SELECT {empty} UNION ALL SELECT NULL)", "nps{}"),
        (f"SELECT cxm_n({empty})", 0),
        (f"SELECT cxm_score({empty})", None),
        # an undefined statistic is still an object: the names resolved, the
        # observed estimate or difference where there is one, null for the rest
        (f"SELECT cxm_interval({empty})", undefined_interval("net", "adjusted-wald")),
        (f"SELECT cxm_compare({empty}, cxm_from_text('nps{{9:3}}'))",
         undefined_comparison("net", "adjusted-wald")),
        (f"SELECT cxm_snapshot({empty})",
         '{"headline":"net","n":0,"positive":0,"neutral":0,"negative":0,"positive_share":null,'
         '"negative_share":null,"net":null,"mean":null,"stddev":null,"score":null,'
         '"score_low":null,"score_high":null,"weight_total":null,"n_effective":null}'),
        # one answer: a mean has no interval, a share has
        ("SELECT cxm_interval(cxm_from_text('ces7{5:1}'))", undefined_interval("mean", "t", 5.0)),
        ("SELECT cxm_snapshot(cxm_from_text('ces7{5:1}')) ->> 'stddev'", None),
        ("SELECT cxm_interval(cxm_from_text('ces7{5:1}'), 'positive-share') ->> 'low' > 0", 1),
        # two constant samples: Welch's df is undefined; the difference is not
        ("SELECT cxm_compare(cxm_from_text('ces7{5:2}'), cxm_from_text('ces7{6:3}'))",
         undefined_comparison("mean", "t", -1.0)),
        # NULL arguments of the scalars, optional ones included
        ("SELECT cxm_score(NULL), cxm_n(NULL), cxm_text(NULL), cxm_from_text(NULL)", None),
        ("SELECT cxm_merge(NULL, cxm_from_text('nps{}'))", None),
        ("SELECT cxm_interval(cxm_from_text('nps{9:2}'), NULL)", None),
        ("SELECT cxm_interval(cxm_from_text('nps{9:2}'), 'net', NULL)", None),
        ("SELECT cxm_interval(cxm_from_text('nps{9:2}'), 'net', 'wald', NULL)", None),
        ("SELECT cxm_compare(NULL, cxm_from_text('nps{9:2}'))", None),
        ("SELECT cxm_compare(cxm_from_text('nps{9:2}'), cxm_from_text('nps{9:2}'), 'net', "
         "'wald', NULL)", None),
        # a REAL with an integral value is a rating; the value is kept exactly
        ("SELECT cxm_text(cxm_acc_agg(r, 'nps')) FROM (SELECT 9.0 AS r UNION ALL SELECT 0.0 "
         "UNION ALL SELECT -0.0)", "nps{0:2,9:1}"),
        ("SELECT cxm_nps(10.0)", 100.0),
        ("SELECT cxm_text(cxm_acc_agg(-3.0, '-3..3/2..3/-3..-2/net'))",
         "-3..3/2..3/-3..-2/net{-3:1}"),
        # the names are resolved: never 'headline' or 'default'
        ("SELECT cxm_interval(cxm_from_text('nps{0:1,9:2}'), 'headline', 'default') ->> "
         "'method'", "adjusted-wald"),
        ("SELECT cxm_compare(cxm_from_text('csat{1:1,5:2}'), cxm_from_text('csat{5:1}')) ->> "
         "'quantity'", "positive-share"),
    ]
    # every method name reaches the library and comes back as the method used
    for quantity, methods in (("positive-share", state_cases.share_methods(host)),
                              ("net", ["adjusted-wald", "wald", "score"]), ("mean", ["t"])):
        for method in methods:
            cases.append((f"SELECT cxm_interval(cxm_from_text('nps{{0:2,8:1,10:4}}'), "
                          f"'{quantity}', '{method}') ->> 'method'", method))
    expect_values(host, [], cases)


SQLITE_DETERMINISTIC, SQLITE_INNOCUOUS = 0x800, 0x200000  # sqlite3.h


def test_flags(host):
    """The flags as SQLite records them, and what they allow: index
    expressions and generated columns need DETERMINISTIC; views and triggers
    read with trusted_schema=OFF need INNOCUOUS, cxm_counts included. Which
    functions there are, with how many arguments, is the parity test's
    (tests/package/check_sql_parity.py, against docs/sql.md)."""
    statements = [
        "SELECT name, narg, flags FROM pragma_function_list WHERE name LIKE 'cxm\\_%' "
        "ESCAPE '\\' ORDER BY name, narg",
        "PRAGMA trusted_schema = OFF",
        "CREATE TABLE daily(day TEXT, rating INTEGER)",
        "INSERT INTO daily VALUES ('d1', 9), ('d1', 3), ('d2', 10)",
        "CREATE TABLE states(day TEXT, state BLOB, n INTEGER AS (cxm_n(state)))",
        "CREATE INDEX states_score ON states(cxm_score(state))",
        "CREATE VIEW by_day AS SELECT day, cxm_acc_agg(rating, 'nps') AS state, cxm_nps(rating) "
        "AS nps, cxm_nps(rating) OVER (ORDER BY day) AS running FROM daily GROUP BY day",
        "CREATE TRIGGER keep AFTER INSERT ON states BEGIN UPDATE states SET state = "
        "cxm_merge(state, cxm_from_text('nps{}')) WHERE day = NEW.day; END",
        "INSERT INTO states(day, state) SELECT day, state FROM by_day",
        "SELECT day, n, cxm_text(states.state), nps FROM states JOIN by_day USING (day) ORDER BY day",
        "SELECT day FROM states WHERE cxm_score(state) > 50",
        "SELECT cxm_text(cxm_merge_agg(state)), cxm_snapshot(cxm_merge_agg(state)) ->> 'n', "
        "cxm_interval(cxm_merge_agg(state)) ->> 'method' FROM states",
        "CREATE VIEW counted AS SELECT day, c.rating, c.count FROM states, cxm_counts(states.state) "
        "AS c",
        "SELECT * FROM counted ORDER BY day, rating",
    ]
    o = host.run(statements)
    errors = [(s, x.error) for s, x in zip(statements, o) if x.error is not None]
    check(not errors, f"{host.name}: flags: {errors}")
    if errors:
        return
    check(len({name for name, _, _ in o[0].rows}) >= 20, f"{host.name}: functions {o[0].rows}")
    for name, narg, flags in o[0].rows:
        check(flags & SQLITE_INNOCUOUS, f"{host.name}: {name}/{narg} not innocuous")
        check(flags & SQLITE_DETERMINISTIC, f"{host.name}: {name}/{narg} not deterministic")
    check(o[9].rows == [("d1", 2, "nps{3:1,9:1}", 0.0), ("d2", 1, "nps{10:1}", 100.0)],
          f"{host.name}: states table {o[9].rows}")
    check(o[10].rows == [("d2",)], f"{host.name}: index query {o[10].rows}")
    check(o[11].rows == [("nps{3:1,9:1,10:1}", 3, "adjusted-wald")], f"{o[11].rows}")
    check(o[13].rows == [("d1", 3, 1), ("d1", 9, 1), ("d2", 10, 1)],
          f"{host.name}: cxm_counts in a view {o[13].rows}")


# ---- windows -------------------------------------------------------------------

def nps_text(counts):
    return "nps{" + ",".join(f"{r}:{c}" for r, c in sorted(counts.items()) if c) + "}"


def nps_exact(counts):
    n = sum(counts.values())
    if n == 0:
        return None
    P = sum(c for r, c in counts.items() if r >= 9)
    D = sum(c for r, c in counts.items() if r <= 6)
    return float(Fraction(100 * (P - D), n))


def test_windows(host, seed):
    """Sliding frames, where ratings leave the frame and the inverse must
    remove them exactly, against a recomputation of every frame in Python.
    Days have gaps and repeats; a stretch of NULL ratings makes frames with
    nothing in them (NULL, not 0 or an empty state)."""
    rng = random.Random(seed)
    rows = []
    day = 0
    for i in range(240):
        day += rng.choice([0, 0, 1, 1, 1, 2, 5])
        rating = None if rng.random() < 0.1 or 100 <= i < 112 else rng.randint(0, 10)
        rows.append((i, day, rng.choice("ab"), rating))
    statements = ["CREATE TABLE t(id INTEGER PRIMARY KEY, day TEXT, g TEXT, rating INTEGER)",
                  "INSERT INTO t VALUES " + ",".join(
                      f"({i},date('2026-01-01','+{d} days'),'{g}',{sql_value(r)})"
                      for i, d, g, r in rows),
                  "CREATE TABLE daily AS SELECT day, g, cxm_acc_agg(rating, 'nps') AS state "
                  "FROM t GROUP BY day, g"]
    frames = {
        "rows3": ("PARTITION BY g ORDER BY id ROWS 3 PRECEDING",
                  lambda part, k: part[max(0, k - 3):k + 1]),
        "rows2_2": ("PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING",
                    lambda part, k: part[max(0, k - 2):k + 3]),
        "range7": ("PARTITION BY g ORDER BY julianday(day) RANGE BETWEEN 6 PRECEDING AND "
                   "CURRENT ROW",
                   lambda part, k: [x for x in part if part[k][1] - 6 <= x[1] <= part[k][1]]),
        "ahead": ("ORDER BY julianday(day) RANGE BETWEEN 1 FOLLOWING AND 3 FOLLOWING",
                  lambda part, k: [x for x in part if part[k][1] + 1 <= x[1] <= part[k][1] + 3]),
    }
    for name, (spec, _) in frames.items():
        statements.append(f"SELECT id, cxm_nps(rating) OVER w, cxm_text(cxm_acc_agg(rating, "
                          f"'nps') OVER w) FROM t WINDOW w AS ({spec}) ORDER BY id")
    # daily states rolled up over a trailing 10-day window
    statements.append("SELECT day, g, cxm_text(cxm_merge_agg(state) OVER (PARTITION BY g ORDER "
                      "BY julianday(day) RANGE BETWEEN 9 PRECEDING AND CURRENT ROW)) FROM daily "
                      "ORDER BY g, day")
    outcomes = host.run(statements)
    for o, (name, (spec, frame)) in zip(outcomes[3:], frames.items()):
        if o.error is not None:
            check(False, f"{host.name}: window {name}: {o.error} (seed {seed})")
            continue
        got = {row[0]: row[1:] for row in o.rows}
        for i, d, g, r in rows:
            part = [x for x in rows if name == "ahead" or x[2] == g]
            k = next(j for j, x in enumerate(part) if x[0] == i)
            counts = {}
            for x in frame(part, k):
                if x[3] is not None:
                    counts[x[3]] = counts.get(x[3], 0) + 1
            want = (nps_exact(counts), nps_text(counts) if counts else None)
            ok = got[i][1] == want[1] and (got[i][0] == want[0] if want[0] is None
                                           else close(got[i][0], want[0], 1e-15))
            if not ok:
                check(False, f"{host.name}: window {name} row {i}: {got[i]} != {want} "
                             f"(seed {seed})")
                break
    o = outcomes[-1]
    if o.error is not None:
        check(False, f"{host.name}: merge window: {o.error}")
        return
    days = sorted({(g, d) for _, d, g, _ in rows})
    for (g, d), row in zip(days, o.rows):
        counts = {}
        for _, d2, g2, r in rows:
            if g2 == g and d - 9 <= d2 <= d and r is not None:
                counts[r] = counts.get(r, 0) + 1
        # a frame whose every stored day had only NULL ratings merges nothing
        want = nps_text(counts) if counts else None
        if row[2] != want:
            check(False, f"{host.name}: merge window {g} {d}: {row} != {want} (seed {seed})")
            break
    check(len(o.rows) == len(days), f"{host.name}: merge window rows")


# ---- bad input -----------------------------------------------------------------

def test_bad_input(host):
    """Every class of bad input is an error naming the value, and the
    connection goes on working: each bad statement is followed by a good one."""
    nps = "cxm_from_text('nps{0:1,9:2}')"
    csat = "cxm_from_text('csat{5:1}')"
    cases = [
        ("SELECT cxm_nps(11)", "cxm_nps: rating 11 is outside the scale nps"),
        ("SELECT cxm_nps(-1)", "rating -1 is outside the scale nps"),
        ("SELECT cxm_csat(r) FROM (SELECT 5 AS r UNION ALL SELECT 0)",
         "cxm_csat: rating 0 is outside the scale csat5"),
        ("SELECT cxm_ces(8)", "rating 8 is outside the scale ces7"),
        ("SELECT cxm_acc_agg(6, '1..5/4..5/1..2/share')", "rating 6 is outside the scale csat5"),
        ("SELECT cxm_acc_agg(4, '-3..3/2..3/-3..-2/net')",
         "rating 4 is outside the scale -3..3/2..3/-3..-2/net"),
        ("SELECT cxm_nps('9')", "cxm_nps: rating '9' is TEXT, not an INTEGER"),
        ("SELECT cxm_nps(9.5)", "rating 9.5 is not an integer"),
        ("SELECT cxm_nps(-0.25)", "rating -0.25 is not an integer"),
        ("SELECT cxm_nps(x'09')", "rating is a BLOB of 1 bytes, not an INTEGER"),
        ("SELECT cxm_nps(4294967305)", "rating 4294967305 is not a 32-bit integer"),
        ("SELECT cxm_nps(-2147483649)", "rating -2147483649 is not a 32-bit integer"),
        ("SELECT cxm_nps(1e10)", "is not a 32-bit integer"),
        ("SELECT cxm_acc_agg(2147483647, 'nps')", "rating 2147483647 is outside the scale"),
        ("SELECT cxm_acc_agg(9, NULL)", "cxm_acc_agg: the scale must be TEXT"),
        ("SELECT cxm_acc_agg(NULL, NULL)", "the scale must be TEXT"),
        ("SELECT cxm_acc_agg(9, 5)", "not INTEGER"),
        ("SELECT cxm_acc_agg(9, 'bogus')", "unknown or invalid scale 'bogus'"),
        ("SELECT cxm_acc_agg(9, 'NPS')", "unknown or invalid scale 'NPS'"),
        ("SELECT cxm_acc_agg(3, '1..5/4..5/3..4/share')",
         "unknown or invalid scale '1..5/4..5/3..4/share'"),
        ("SELECT cxm_acc_agg(r, s) FROM (SELECT 9 AS r, 'nps' AS s UNION ALL SELECT 4, 'csat')",
         "scale 'csat' differs from the group's scale nps"),
        (f"SELECT cxm_merge({nps}, {csat})", "cannot merge states of different scales nps and "
                                              "csat5"),
        (f"SELECT cxm_merge_agg(s) FROM (SELECT {nps} AS s UNION ALL SELECT {csat})",
         "cxm_merge_agg: cannot merge states of different scales nps and csat5"),
        (f"SELECT cxm_compare({nps}, {csat})", "cannot compare states of different scales"),
        (f"SELECT cxm_interval({nps}, 'nonsense')",
         "unknown quantity 'nonsense' (one of: headline, positive-share, negative-share, net, "
         "mean)"),
        (f"SELECT cxm_interval({nps}, 'net', 'Wilson')", "unknown method 'Wilson' (one of: "
                                                         "default, wilson, wilson-cc"),
        (f"SELECT cxm_interval({nps}, 'net', 'wilson')",
         "method 'wilson' does not apply to quantity 'net' of scale nps (it takes: default, wald, "
         "adjusted-wald, score)"),
        (f"SELECT cxm_interval({nps}, 'mean', 'wald')", "method 'wald' does not apply"),
        (f"SELECT cxm_compare({nps}, {nps}, 'net', 'score')", "method 'score' does not apply"),
        (f"SELECT cxm_compare({nps}, {nps}, 'positive-share', 'jeffreys')",
         "cxm_compare: method 'jeffreys' does not apply to quantity 'positive-share' of scale nps "
         "(it takes: default, wilson, wald)"),
        (f"SELECT cxm_interval({nps}, 'net', 'default', 1.5)",
         "cxm_interval: confidence must be between 0 and 1 exclusive, got 1.5"),
        (f"SELECT cxm_interval({nps}, 'net', 'default', 0)", "confidence must be between 0 and 1 exclusive, got 0.0"),
        (f"SELECT cxm_compare({nps}, {nps}, 'net', 'wald', -1)", "cxm_compare: confidence must be between 0 and 1 exclusive, got -1.0"),
        (f"SELECT cxm_interval({nps}, 'net', 'default', '0.9')",
         "confidence '0.9' is TEXT, not a number"),
        (f"SELECT cxm_interval({nps}, 3)", "unknown quantity '3'"),
        ("SELECT cxm_score('nps{9:1}')", "cxm_score: expected a state BLOB, got TEXT 'nps{9:1}'"),
        ("SELECT cxm_n(5)", "cxm_n: expected a state BLOB, got INTEGER 5"),
        ("SELECT cxm_text(2.5)", "expected a state BLOB, got REAL 2.5"),
        ("SELECT cxm_merge_agg('csat{5:1}')", "expected a state BLOB, got TEXT"),
        (f"SELECT cxm_compare('nps{{}}', {nps})", "expected a state BLOB, got TEXT"),
        ("SELECT cxm_score(x'')", "not a valid state: the 0-byte BLOB x''"),
        ("SELECT cxm_snapshot(x'00112233')", "the 4-byte BLOB x'00112233' is malformed"),
        ("SELECT cxm_from_text('nps{11:1}')", "cxm_from_text: malformed state text 'nps{11:1}'"),
        ("SELECT cxm_from_text('nps{9:0}')", "malformed state text"),
        ("SELECT cxm_from_text('nps{9:18446744073709551616}')", "malformed state text"),
        ("SELECT cxm_from_text(x'6e70737b7d')", "expected the text form of a state"),
        ("SELECT cxm_from_text(7)", "expected the text form of a state"),
        # counts: beyond INTEGER when read out, beyond 2^64 - 1 when merged
        ("SELECT cxm_n(cxm_from_text('nps{10:9223372036854775808}'))",
         "the count 9223372036854775808 does not fit a signed 64-bit INTEGER"),
        ("SELECT cxm_snapshot(cxm_from_text('nps{1:9223372036854775807,10:1}'))",
         "the count 9223372036854775808 does not fit"),
        ("SELECT cxm_merge(cxm_from_text('nps{10:9223372036854775808}'), "
         "cxm_from_text('nps{0:9223372036854775808}'))", "exceed the largest count"),
        ("SELECT cxm_merge_agg(s) FROM (SELECT cxm_from_text('nps{10:18446744073709551615}') AS "
         "s UNION ALL SELECT cxm_from_text('nps{9:1}'))", "cxm_merge_agg: "),
        # argument counts: SQLite's own check, from the registered counts
        ("SELECT cxm_nps()", "wrong number of arguments to function cxm_nps()"),
        ("SELECT cxm_nps(9, 10)", "wrong number of arguments to function cxm_nps()"),
        ("SELECT cxm_acc_agg(9)", "wrong number of arguments to function cxm_acc_agg()"),
        ("SELECT cxm_merge_agg()", "wrong number of arguments"),
        ("SELECT cxm_score()", "wrong number of arguments to function cxm_score()"),
        (f"SELECT cxm_merge({nps})", "wrong number of arguments to function cxm_merge()"),
        (f"SELECT cxm_interval({nps}, 'net', 'wald', 0.9, 1)", "wrong number of arguments"),
        (f"SELECT cxm_compare({nps})", "wrong number of arguments to function cxm_compare()"),
        ("SELECT cxm_snapshot()", "wrong number of arguments"),
    ]
    expect_errors(host, [], cases)


def test_invalid_utf8(host, seed):
    """A value that is not valid UTF-8 (TEXT cast from bytes, or a BLOB read as
    text) is quoted in the error message with each ill-formed part replaced by
    U+FFFD, so the message is valid UTF-8 and Python's sqlite3 raises
    sqlite3.Error (not UnicodeDecodeError). The expected quote is Python's own
    decoder: bytes.decode("utf-8", errors="replace")."""
    nps = "cxm_from_text('nps{9:1}')"
    # HEX: the value's bytes; QUOTE: how the message must quote them
    uses = [("SELECT cxm_acc_agg(5, CAST(x'HEX' AS TEXT))",
             "cxm_acc_agg: unknown or invalid scale QUOTE"),
            ("SELECT cxm_from_text(CAST(x'HEX' AS TEXT))", "cxm_from_text: malformed state text QUOTE"),
            ("SELECT cxm_nps(CAST(x'HEX' AS TEXT))", "cxm_nps: rating QUOTE is TEXT, not an INTEGER"),
            ("SELECT cxm_score(CAST(x'HEX' AS TEXT))",
             "cxm_score: expected a state BLOB, got TEXT QUOTE"),
            (f"SELECT cxm_interval({nps}, CAST(x'HEX' AS TEXT))",
             "cxm_interval: unknown quantity QUOTE (one of: "),
            (f"SELECT cxm_interval({nps}, 'net', x'HEX')", "cxm_interval: unknown method QUOTE (one of"),
            (f"SELECT cxm_compare({nps}, {nps}, 'net', 'wald', x'HEX')",
             "cxm_compare: confidence QUOTE is BLOB, not a number")]
    ill_formed = [b"nps\xff", b"\xff", b"\x80abc", b"\xc0\x80", b"\xed\xa0\x80",
                  b"\xf4\x90\x80\x80", b"\xe2\x82", b"caf\xc3\xa9\xe2\x82", b"\xf0\x9f\x98",
                  b"1..5/4..5/1..2/\xfeshare", b"it's \xc3"]
    rng = random.Random(seed)
    for _ in range(150):
        ill_formed.append(bytes(rng.choice([rng.randrange(32, 127), rng.randrange(128, 256)])
                                for _ in range(rng.randrange(1, 25))))
    cases = []
    for k, raw in enumerate(ill_formed):
        sql, message = uses[k % len(uses)]
        text = raw.decode("utf-8", errors="replace")
        if len((text + "x").splitlines()) > 1:
            continue  # a line break (U+0085 ...) would split the shell's message
        quote = "'" + text.replace("'", "''") + "'"
        cases.append((sql.replace("HEX", raw.hex()), message.replace("QUOTE", quote)))
    # Longer than 200 bytes: the quote stops after 200 bytes, between characters.
    long_scale = "SELECT cxm_acc_agg(5, CAST(x'{}' AS TEXT))"
    cases.append((long_scale.format((b"a" * 199 + b"\xff" + b"b" * 10).hex()),
        "cxm_acc_agg: unknown or invalid scale '" + "a" * 199 + "\ufffd'... (210 bytes)"))
    cases.append((long_scale.format((b"a" * 198 + b"\xe2\x82" + b"b" * 10).hex()),
        "cxm_acc_agg: unknown or invalid scale '" + "a" * 198 + "\ufffd'... (210 bytes)"))
    cases.append((long_scale.format((b"a" * 199 + b"\xe2\x82" + b"b" * 10).hex()),
        "cxm_acc_agg: unknown or invalid scale '" + "a" * 199 + "'... (211 bytes)"))
    statements = []
    for sql, _ in cases:
        statements += [sql, "SELECT cxm_nps(9)"]
    try:
        outcomes = host.run(statements)
    except UnicodeDecodeError as e:
        check(False, f"{host.name}: an error message is not UTF-8: {e}")
        return
    for k, (sql, message) in enumerate(cases):
        bad, good = outcomes[2 * k], outcomes[2 * k + 1]
        check(bad.error is not None and bad.error.startswith(message),
              f"{host.name}: {sql}\n  got {bad!r}\n  want an error beginning {message!r}")
        check(good.error is None and good.rows == [(100.0,)],
              f"{host.name}: the connection after {sql}: {good!r}")


def flips_and_cuts(blob):
    """Every truncation, every single-bit flip, and one trailing byte."""
    out = [blob[:k] for k in range(len(blob))]
    for i in range(len(blob)):
        for bit in range(8):
            b = bytearray(blob)
            b[i] ^= 1 << bit
            out.append(bytes(b))
    return out + [blob + b"\x00"]


def test_corrupt_blobs(host):
    sources = ["cxm_from_text('nps{0:3,6:1,9:10,10:4}')", "cxm_from_text('ces7{}')",
               "cxm_from_text('-3..3/2..3/-3..-2/net{-3:1,3:18446744073709551614}')",
               "cxm_from_text('nps[6:1/40/1600,9:2/150/12500]')", "cxm_from_text('csat[]')"]
    got = host.run([f"SELECT {s}" for s in sources])
    blobs = [o.rows[0][0] if o.error is None else None for o in got]
    check(all(isinstance(b, bytes) for b in blobs), f"{host.name}: source blobs {got}")
    if not all(isinstance(b, bytes) for b in blobs):
        return
    uses = ["SELECT cxm_score(x'{}')", "SELECT cxm_n(x'{}')", "SELECT cxm_text(x'{}')",
            "SELECT cxm_snapshot(x'{}')", "SELECT cxm_interval(x'{}', 'headline')",
            "SELECT cxm_merge(x'{}', x'{}')", "SELECT cxm_compare(x'{}', x'{}')",
            "SELECT cxm_merge_agg(s) FROM (SELECT x'{}' AS s)", "SELECT cxm_subtract(x'{}', x'{}')",
            "SELECT cxm_add(x'{}', 9)", "SELECT * FROM cxm_counts(x'{}')", "SELECT cxm_weight(x'{}')",
            "SELECT cxm_n_effective(x'{}')", "SELECT cxm_unweighted(x'{}')"]
    statements, count = [], 0
    for blob in blobs:
        valid = blob.hex()
        for bad in flips_and_cuts(blob):
            use = uses[count % len(uses)]
            statements.append(use.format(bad.hex(), valid) if use.count("{}") == 2
                              else use.format(bad.hex()))
            count += 1
    outcomes = host.run(statements + ["SELECT cxm_nps(9)"])
    wrong = [(s, o) for s, o in zip(statements, outcomes)
             if o.error is None or "not a valid state" not in o.error]
    check(not wrong, f"{host.name}: {len(wrong)} of {count} corrupt blobs not refused, e.g. "
                     f"{wrong[:2]}")
    check(outcomes[-1].rows == [(100.0,)], f"{host.name}: connection after corrupt blobs")
    print(f"{host.name}: {count} corrupt blobs refused")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", choices=["python", "shell"], required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--shell", default="",
                    help="the sqlite3 shell, possibly behind a wrapper: 'valgrind -q "
                         "--error-exitcode=99 /usr/bin/sqlite3' (.ci/run does that)")
    ap.add_argument("--data", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args()
    if args.host == "python":
        if not sqlhosts.python_can_load_extensions():
            print(f"SKIPPED: {sys.executable} was built without loadable SQLite extension "
                  "support (sqlite3.Connection has no enable_load_extension); Debian's "
                  "/usr/bin/python3 has it")
            return 77
        host = sqlhosts.PythonHost(args.module)
    else:
        if not args.shell or not os.path.exists(args.shell.split()[-1]):
            print("SKIPPED: the sqlite3 shell is not installed (Debian: apt-get install sqlite3)")
            return 77
        host = sqlhosts.ShellHost(args.module, args.shell)
    seed = args.seed
    test_known_answers(host, args.data, args.expected)
    test_stddev_and_methods(host, args.data)
    test_compare(host, args.data, args.expected)
    test_states(host, args.data)
    test_nulls_and_empty(host)
    test_flags(host)
    test_windows(host, seed)
    test_bad_input(host)
    test_invalid_utf8(host, seed)
    test_corrupt_blobs(host)
    answers = read_answers(os.path.join(args.data, "answers.csv"))
    setup = load_statements(args.data)
    state_cases.test_version(host)
    state_cases.test_add_subtract(host, setup, answers)
    state_cases.test_counts(host, setup, answers)
    state_cases.test_undefined(host)
    state_cases.test_jeffreys(host)
    weighted_cases.test_against_r(host)
    weighted_cases.test_states(host)
    weighted_cases.test_windows(host, seed)
    weighted_cases.test_bad_input(host)
    planning_cases.test_against_r(host)
    planning_cases.test_bad_input(host)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s); window seed {seed} (rerun with --seed {seed})")
        return 1
    print(f"all passed in the {host.name} host (window seed {seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
