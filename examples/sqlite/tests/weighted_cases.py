"""Cases of test_sqlite.py for weighted states: cxm_wacc_agg and every state
function on a weighted BLOB, cxm_weight, cxm_n_effective, cxm_unweighted.

Expected values: R's survey package (reference.R beside this file wrote
expected-weighted*.csv from weighted-answers.csv: Korn-Graubard, Wald and
logit intervals of shares, Wald and t intervals of net scores and means,
Welch-type comparisons, the weighted standard deviation and Kish's effective
n), and Python's fractions for the exact weighted shares, net scores and
means and the per-rating sums c, W, Q of the text form.
"""
import csv
import os
import random
from collections import defaultdict
from fractions import Fraction

from checks import (PRESETS, check, close, expect_errors, expect_values, read_csv, strict_json,
                    undefined_comparison, undefined_interval)

HERE = os.path.dirname(os.path.abspath(__file__))
SEGMENTS = ["(all)", "chat", "email", "phone", "self-service"]


def read_weighted():
    """(metric, segment, rating or None, weight or None) per row."""
    with open(os.path.join(HERE, "weighted-answers.csv"), newline="") as f:
        return [(r["metric"], r["segment"], int(r["rating"]) if r["rating"] else None,
                 int(r["weight"]) if r["weight"] else None) for r in csv.DictReader(f)]


def setup_statements(rows):
    values = ",".join(f"('{m}','{s}',{'NULL' if r is None else r},{'NULL' if w is None else w})"
                      for m, s, r, w in rows)
    return ["CREATE TABLE wanswers(id INTEGER PRIMARY KEY, metric TEXT, segment TEXT, "
            "rating INTEGER, weight INTEGER)",
            "INSERT INTO wanswers(metric, segment, rating, weight) VALUES " + values]


def state_sql(metric, segment):
    where = "" if segment == "(all)" else f" AND segment = '{segment}'"
    return (f"(SELECT cxm_wacc_agg(rating, weight, '{metric}') FROM wanswers WHERE metric = "
            f"'{metric}'{where})")


def responses(rows, metric, segment):
    """The responses a group counts: a rating and a weight, both non-NULL."""
    return [(r, w) for m, s, r, w in rows if m == metric and (segment == "(all)" or s == segment)
            and r is not None and w is not None]


def bracket_text(scale, responses):
    """The documented text form of a weighted state: per rating with a
    response, its count c, weight total W and sum of squared weights Q."""
    cells = defaultdict(lambda: [0, 0, 0])
    for r, w in responses:
        cells[r][0] += 1
        cells[r][1] += w
        cells[r][2] += w * w
    return scale + "[" + ",".join(f"{r}:{c}/{W}/{Q}" for r, (c, W, Q) in sorted(cells.items())) + "]"


def exact_snapshot(metric, responses):
    """The weighted shares, net score and mean as exact fractions."""
    _, _, _, pos, neg, _ = PRESETS[metric]
    W = sum(w for _, w in responses)
    p = Fraction(sum(w for r, w in responses if pos[0] <= r <= pos[1]), W)
    d = Fraction(sum(w for r, w in responses if neg[0] <= r <= neg[1]), W)
    return {"positive_share": float(100 * p), "negative_share": float(100 * d),
            "net": float(100 * (p - d)), "mean": float(Fraction(sum(r * w for r, w in responses), W)),
            "weight_total": float(W)}


def test_against_r(host):
    """Every interval, snapshot figure and comparison of reference.R."""
    rows = read_weighted()
    setup = setup_statements(rows)
    intervals = read_csv(os.path.join(HERE, "expected-weighted.csv"))
    snapshots = read_csv(os.path.join(HERE, "expected-weighted-snapshot.csv"))
    comparisons = read_csv(os.path.join(HERE, "expected-weighted-compare.csv"))
    statements = [f"SELECT cxm_interval({state_sql(e['metric'], e['segment'])}, '{e['quantity']}', "
                  f"'{e['method']}', {e['confidence']})" for e in intervals]
    statements += [f"SELECT cxm_snapshot(s), cxm_weight(s), cxm_n_effective(s), cxm_n(s), "
                   f"cxm_text(s), cxm_text(cxm_unweighted(s)), cxm_score(s) FROM (SELECT "
                   f"{state_sql(e['metric'], e['segment'])} AS s)" for e in snapshots]
    statements += [f"SELECT cxm_compare({state_sql(e['metric'], e['a'])}, "
                   f"{state_sql(e['metric'], e['b'])}, '{e['quantity']}', 'default', "
                   f"{e['confidence']})" for e in comparisons]
    outcomes = host.run(setup + statements)[len(setup):]
    for e, o in zip(intervals, outcomes):
        what = f"{host.name}: weighted {e['metric']} {e['segment']} {e['quantity']} {e['method']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        got = strict_json(o.rows[0][0])
        # survey fits the logit interval iteratively, to about 1e-8
        rel = 1e-7 if e["method"] == "logit" else 1e-9
        check(got["quantity"] == e["quantity"] and got["method"] == e["method"],
              f"{what}: names {got}")
        for field in ("estimate", "se", "low", "high"):
            check(close(got[field], float(e[field]), rel, 1e-9),
                  f"{what}: {field} {got[field]} != R {e[field]}")
    outcomes = outcomes[len(intervals):]
    for e, o in zip(snapshots, outcomes):
        what = f"{host.name}: weighted snapshot {e['metric']} {e['segment']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        snap, weight, n_eff, n, text, counts, score = o.rows[0]
        snap = strict_json(snap)
        rs = responses(rows, e["metric"], e["segment"])
        name = PRESETS[e["metric"]][0]
        check(n == int(e["n"]) == snap["n"] == len(rs), f"{what}: n {n}")
        check(weight == int(e["weight_total"]), f"{what}: cxm_weight {weight} != {e['weight_total']}")
        check(close(snap["stddev"], float(e["stddev"])), f"{what}: stddev {snap['stddev']}")
        # (the shell prints a REAL through SQLite's own formatting, which is
        # exact only with a long double that valgrind does not emulate)
        check(close(n_eff, float(e["n_effective"])) and close(n_eff, snap["n_effective"], 1e-15),
              f"{what}: n_effective {n_eff} != R {e['n_effective']}")
        for field, want in exact_snapshot(e["metric"], rs).items():
            check(close(snap[field], want, 1e-15), f"{what}: {field} {snap[field]} != {want}")
        check(close(score, snap["score"], 1e-15), f"{what}: cxm_score {score}")
        check(text == bracket_text(name, rs), f"{what}: text {text[:80]}...")
        unweighted = bracket_text(name, [(r, 1) for r, _ in rs])
        check(counts == name + "{" + ",".join(cell.split("/")[0] for cell in
                                              unweighted[len(name) + 1:-1].split(",")) + "}",
              f"{what}: cxm_unweighted {counts}")
    outcomes = outcomes[len(snapshots):]
    for e, o in zip(comparisons, outcomes):
        what = f"{host.name}: weighted compare {e['metric']} {e['a']} - {e['b']} {e['quantity']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        got = strict_json(o.rows[0][0])
        check(got["method"] == e["method"], f"{what}: method {got['method']}")
        for field in ("difference", "se", "statistic", "df", "p_value", "low", "high"):
            check(close(got[field], float(e[field]), 1e-9, 1e-12),
                  f"{what}: {field} {got[field]} != R {e[field]}")


def test_states(host):
    """Text forms, merges, subtraction and windows, against sums in Python."""
    rows = read_weighted()
    setup = setup_statements(rows)
    cases = []
    for metric in ("csat", "nps", "ces"):
        name = PRESETS[metric][0]
        whole = bracket_text(name, responses(rows, metric, "(all)"))
        state = state_sql(metric, "(all)")
        per_segment = (f"SELECT segment, cxm_wacc_agg(rating, weight, '{metric}') AS s FROM "
                       f"wanswers WHERE metric = '{metric}' GROUP BY segment")
        cases += [
            (f"SELECT cxm_from_text('{whole}') = {state}", 1),
            (f"SELECT cxm_text(cxm_merge_agg(s)) FROM ({per_segment})", whole),
            (f"SELECT cxm_text(cxm_subtract({state}, {state_sql(metric, 'chat')}))",
             bracket_text(name, [x for s in SEGMENTS[2:] for x in responses(rows, metric, s)])),
            (f"SELECT cxm_text(cxm_merge({state_sql(metric, 'chat')}, "
             f"{state_sql(metric, 'email')}))",
             bracket_text(name, responses(rows, metric, "chat") + responses(rows, metric, "email"))),
        ]
    cases += [
        # NULL rating or NULL weight: the row is skipped, yet brings its scale
        ("SELECT cxm_text(cxm_wacc_agg(r, w, 'nps')) FROM (SELECT 9 AS r, 5 AS w UNION ALL "
         "SELECT NULL, 7 UNION ALL SELECT 6, NULL)", "nps[9:1/5/25]"),
        ("SELECT cxm_wacc_agg(r, w, 'nps') FROM (SELECT NULL AS r, 7 AS w)", None),
        ("SELECT cxm_wacc_agg(9, 5, 'nps') WHERE 0", None),
        # the widest weights, a REAL with an integral value, a scale by value
        ("SELECT cxm_text(cxm_wacc_agg(10, 4294967295, 'nps'))",
         "nps[10:1/4294967295/18446744065119617025]"),
        ("SELECT cxm_text(cxm_wacc_agg(r, w, '1..5/4..5/1..2/share')) FROM (SELECT 5 AS r, "
         "2.0 AS w UNION ALL SELECT 5.0, 1)", "csat5[5:2/3/5]"),
        # stored weighted states merge, empty ones to the empty state
        ("SELECT cxm_text(cxm_merge_agg(s)) FROM (SELECT cxm_from_text('nps[]') AS s UNION ALL "
         "SELECT NULL)", "nps[]"),
        ("SELECT cxm_n(cxm_from_text('nps[]')), cxm_weight(cxm_from_text('nps[]'))", 0),
        ("SELECT cxm_n_effective(cxm_from_text('nps[]'))", None),
        ("SELECT cxm_score(cxm_from_text('nps[]'))", None),
        ("SELECT cxm_text(cxm_unweighted(cxm_from_text('nps[6:1/40/1600,9:2/150/12500]')))",
         "nps{6:1,9:2}"),
        ("SELECT cxm_weight(NULL), cxm_n_effective(NULL), cxm_unweighted(NULL)", None),
        # one response: its estimate, nothing more; logit at a share of 0
        ("SELECT cxm_interval(cxm_from_text('nps[9:1/5/25]'))",
         undefined_interval("net", "wald", 100.0)),
        ("SELECT cxm_interval(cxm_from_text('csat[5:1/5/25]'), 'positive-share')",
         undefined_interval("positive-share", "clopper-pearson", 100.0)),
        ("SELECT cxm_interval(cxm_from_text('csat[5:2/5/13]'), 'negative-share', 'logit')",
         undefined_interval("negative-share", "logit", 0.0)),
        ("SELECT cxm_compare(cxm_from_text('ces[3:1/5/25]'), cxm_from_text('ces[1:2/7/25]'), "
         "'mean')", undefined_comparison("mean", "t", 2.0)),
        ("SELECT cxm_compare(cxm_from_text('nps[]'), cxm_from_text('nps[9:2/7/25]'))",
         undefined_comparison("net", "wald")),
        # an empty state has no weights: weight_total and n_effective are
        # JSON null (present, not missing), for either kind (docs/sql.md)
        ("SELECT json_type(cxm_snapshot(cxm_from_text('nps[]')), '$.weight_total')", "null"),
        ("SELECT json_type(cxm_snapshot(cxm_from_text('nps[]')), '$.n_effective')", "null"),
        ("SELECT json_type(cxm_snapshot(cxm_from_text('nps{}')), '$.weight_total')", "null"),
        ("SELECT json_type(cxm_snapshot(cxm_from_text('nps{}')), '$.n_effective')", "null"),
        ("SELECT json_type(cxm_snapshot(cxm_from_text('nps{9:2}')), '$.n_effective')", "real"),
        # states are BLOBs: equal states are equal bytes, so DISTINCT, GROUP
        # BY and ORDER BY all work (bytewise)
        ("SELECT count(DISTINCT s) FROM (SELECT cxm_from_text('nps[9:1/5/25]') AS s UNION ALL "
         "SELECT cxm_from_text('nps[9:1/5/25]') UNION ALL SELECT cxm_from_text('nps[]') UNION ALL "
         "SELECT cxm_from_text('nps{9:1}') UNION ALL SELECT cxm_from_text('nps{9:1}'))", 3),
        ("SELECT count(*) FROM (SELECT s FROM (SELECT cxm_from_text('nps{9:1}') AS s UNION ALL "
         "SELECT cxm_from_text('nps{9:1}') UNION ALL SELECT cxm_from_text('nps{10:1}')) "
         "GROUP BY s ORDER BY s)", 2),
        ("SELECT cxm_snapshot(cxm_from_text('nps[]')) ->> 'weight_total'", None),
    ]
    expect_values(host, setup, cases)


def test_windows(host, seed):
    """cxm_wacc_agg over sliding frames (its inverse removes the leaving
    response exactly) and cxm_merge_agg over weighted states, against sums
    recomputed in Python for every frame."""
    rng = random.Random(seed)
    rows = []
    for i in range(160):
        rating = None if rng.random() < 0.08 else rng.randint(0, 10)
        weight = None if rng.random() < 0.08 else rng.choice([1, 7, 250, 4294967295])
        rows.append((i, rating, weight))
    setup = ["CREATE TABLE t(id INTEGER PRIMARY KEY, rating INTEGER, weight INTEGER)",
             "INSERT INTO t VALUES " + ",".join(
                 f"({i},{'NULL' if r is None else r},{'NULL' if w is None else w})"
                 for i, r, w in rows)]
    statements = ["SELECT id, cxm_text(cxm_wacc_agg(rating, weight, 'nps') OVER (ORDER BY id "
                  "ROWS 4 PRECEDING)) FROM t ORDER BY id",
                  "SELECT id, cxm_text(cxm_merge_agg(s) OVER (ORDER BY id ROWS BETWEEN 3 "
                  "PRECEDING AND 1 FOLLOWING)) FROM (SELECT id, cxm_wacc_agg(rating, weight, "
                  "'nps') OVER (ORDER BY id ROWS CURRENT ROW) AS s FROM t) ORDER BY id"]
    outcomes = host.run(setup + statements)[len(setup):]
    for o, (lo, hi) in zip(outcomes, ((4, 0), (3, 1))):
        if o.error is not None:
            check(False, f"{host.name}: weighted window: {o.error} (seed {seed})")
            continue
        for i, text in o.rows:
            frame = [(r, w) for j, r, w in rows[max(0, i - lo):i + hi + 1]
                     if r is not None and w is not None]
            want = bracket_text("nps", frame) if frame else None
            if text != want:
                check(False, f"{host.name}: weighted window row {i}: {text} != {want} (seed {seed})")
                break
        check(len(o.rows) == len(rows), f"{host.name}: weighted window rows")


def test_bad_input(host):
    w = "cxm_from_text('nps[6:1/40/1600,9:2/150/12500]')"
    a = "cxm_from_text('nps{9:2}')"
    big = 2 ** 31 + 1  # responses of the largest weight whose total passes 2^63 - 1
    total = big * (2 ** 32 - 1)
    expect_errors(host, [], [
        ("SELECT cxm_wacc_agg(9, 0, 'nps')", "cxm_wacc_agg: weight 0 is outside 1..4294967295"),
        ("SELECT cxm_wacc_agg(9, -5, 'nps')", "weight -5 is outside 1..4294967295"),
        ("SELECT cxm_wacc_agg(9, 4294967296, 'nps')", "weight 4294967296 is outside 1..4294967295"),
        ("SELECT cxm_wacc_agg(9, 1e300, 'nps')", "is outside 1..4294967295"),
        ("SELECT cxm_wacc_agg(9, 2.5, 'nps')", "weight 2.5 is not an integer"),
        ("SELECT cxm_wacc_agg(9, '5', 'nps')", "cxm_wacc_agg: weight '5' is TEXT, not an INTEGER"),
        ("SELECT cxm_wacc_agg(9, x'05', 'nps')", "weight is a BLOB of 1 bytes"),
        # a bad weight is an error even beside a NULL rating, and the reverse
        ("SELECT cxm_wacc_agg(NULL, 0, 'nps')", "weight 0 is outside"),
        ("SELECT cxm_wacc_agg('x', NULL, 'nps')", "rating 'x' is TEXT"),
        ("SELECT cxm_wacc_agg(11, 5, 'nps')", "cxm_wacc_agg: rating 11 is outside the scale nps"),
        ("SELECT cxm_wacc_agg(9, 5, NULL)", "the scale must be TEXT"),
        ("SELECT cxm_wacc_agg(9, 5, 'bogus')", "unknown or invalid scale 'bogus'"),
        ("SELECT cxm_wacc_agg(r, 5, s) FROM (SELECT 9 AS r, 'nps' AS s UNION ALL SELECT 4, "
         "'csat')", "scale 'csat' differs from the group's scale nps"),
        # kinds never mix
        (f"SELECT cxm_merge({w}, {a})", "cxm_merge: cannot merge an unweighted and a weighted "
                                         "state: kinds never mix"),
        (f"SELECT cxm_compare({a}, {w})", "cxm_compare: cannot compare an unweighted and a "
                                           "weighted state"),
        (f"SELECT cxm_subtract({w}, {a})", "cannot subtract an unweighted and a weighted state"),
        (f"SELECT cxm_merge_agg(s) FROM (SELECT {w} AS s UNION ALL SELECT {a})",
         "cxm_merge_agg: cannot merge an unweighted and a weighted state"),
        (f"SELECT cxm_merge({w}, cxm_from_text('csat[5:1/2/4]'))",
         "cannot merge states of different scales nps and csat5"),
        (f"SELECT cxm_subtract({w}, cxm_from_text('nps[9:1/151/22801]'))",
         "cxm_subtract: cannot subtract: the second state holds responses the first"),
        # what only one kind has
        (f"SELECT cxm_weight({a})", "cxm_weight: expected a weighted state (cxm_wacc_agg makes "
                                     "one), got an unweighted one"),
        (f"SELECT cxm_n_effective({a})", "cxm_n_effective: expected a weighted state"),
        (f"SELECT cxm_unweighted({a})", "cxm_unweighted: expected a weighted state"),
        ("SELECT cxm_weight('nps[]')", "cxm_weight: expected a state BLOB, got TEXT"),
        # the weighted methods
        (f"SELECT cxm_interval({w}, 'positive-share', 'wilson')",
         "method 'wilson' does not apply to quantity 'positive-share' of weighted states of scale "
         "nps (it takes: default, clopper-pearson, wald, logit)"),
        (f"SELECT cxm_interval({w}, 'net', 'adjusted-wald')", "method 'adjusted-wald' does not"),
        (f"SELECT cxm_interval({a}, 'positive-share', 'logit')",
         "method 'logit' does not apply to quantity 'positive-share' of scale nps"),
        (f"SELECT cxm_compare({w}, {w}, 'positive-share', 'clopper-pearson')",
         "method 'clopper-pearson' does not apply"),
        (f"SELECT cxm_interval({w}, 'net', 'wald', 1.5)",
         "confidence must be between 0 and 1 exclusive, got 1.5"),
        # text that no responses could have made
        ("SELECT cxm_from_text('nps[9:2/1/1]')", "cxm_from_text: malformed state text "
                                                 "'nps[9:2/1/1]'"),
        ("SELECT cxm_from_text('nps[9:1/5/24]')", "malformed state text"),
        ("SELECT cxm_from_text('nps[9:0/0/0]')", "malformed state text"),
        ("SELECT cxm_from_text('nps[9:1/5/25}')", "malformed state text"),
        # a weight total beyond an INTEGER, when read out
        (f"SELECT cxm_weight(cxm_from_text('nps[10:{big}/{total}/{total * (2 ** 32 - 1)}]'))",
         f"cxm_weight: the weight total {total} does not fit a signed 64-bit INTEGER"),
        (f"SELECT cxm_merge(cxm_from_text('nps[10:{big}/{total}/{total * (2 ** 32 - 1)}]'), "
         f"cxm_from_text('nps[10:{big}/{total}/{total * (2 ** 32 - 1)}]'))",
         "cxm_merge: cannot merge: the weight total would exceed the largest a weighted state "
         "holds (2^64 - 1)"),
        ("SELECT cxm_wacc_agg(9, 5)", "wrong number of arguments to function cxm_wacc_agg()"),
        ("SELECT cxm_weight()", "wrong number of arguments"),
    ])
