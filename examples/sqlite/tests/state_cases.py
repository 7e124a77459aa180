"""Cases of test_sqlite.py for the functions of 1.2 on unweighted states —
cxm_add, cxm_subtract, cxm_counts, cxm_version, the Jeffreys interval — and
for the objects that intervals and comparisons answer where the sample leaves
them undefined.

Expected values: counts from plain SQL (GROUP BY, COUNT) and Python's
collections.Counter over the bundled answers, exact estimates from Python's
fractions, the version from include/cxmetrics.h's macros, Jeffreys limits
from R's qbeta (reference.R wrote expected-jeffreys.csv).
"""
import os
import re
from collections import Counter
from fractions import Fraction

from checks import (PRESETS, check, close, expect_errors, expect_values, read_csv, sql_text,
                    strict_json, undefined_comparison, undefined_interval)
from weighted_cases import read_weighted, setup_statements

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")


def computes_jeffreys(host):
    """Whether the library's table of methods allows jeffreys for a share: the
    extension names no method itself, so a library without it refuses the name
    and the Jeffreys cases report themselves skipped."""
    o = host.run(["SELECT cxm_interval(cxm_from_text('nps{}'), 'positive-share', 'jeffreys') "
                  "->> 'method'"])[0]
    return o.error is None and o.rows == [("jeffreys",)]


def share_methods(host):
    """The interval methods of an unweighted share, first the default."""
    return (["wilson", "wilson-cc", "agresti-coull", "clopper-pearson", "wald"] +
            (["jeffreys"] if computes_jeffreys(host) else []))


def text_form(scale, counts):
    """The documented text form of an accumulator: the scale, then each
    nonzero count by ascending rating in braces."""
    return scale + "{" + ",".join(f"{r}:{c}" for r, c in sorted(counts.items()) if c) + "}"


def header_version():
    with open(os.path.join(ROOT, "include", "cxmetrics.h")) as f:
        text = f.read()
    parts = [re.search(rf"#define CXM_VERSION_{p} (\d+)", text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


def test_version(host):
    expect_values(host, [], [("SELECT cxm_version()", header_version()),
                             ("SELECT typeof(cxm_version())", "text")])
    expect_errors(host, [], [("SELECT cxm_version(1)", "wrong number of arguments")])


def test_add_subtract(host, setup, rows):
    """cxm_add over every answer of a metric rebuilds its state rating by
    rating; cxm_subtract takes one segment's state out of the whole, leaving
    the other segments' merged state."""
    cases = []
    for metric in ("csat", "nps", "ces"):
        ratings = [r for m, r, s in rows if m == metric and r is not None]
        name = PRESETS[metric][0]
        # cxm_add folded over the first 300 answers, one rating per step
        values = ",".join(f"({k},{r})" for k, r in enumerate(ratings[:300], 1))
        cases.append((f"WITH r(k, rating) AS (VALUES {values}), fold(k, s) AS (SELECT 0, "
                      f"cxm_from_text('{name}{{}}') UNION ALL SELECT r.k, cxm_add(fold.s, "
                      f"r.rating) FROM fold JOIN r ON r.k = fold.k + 1) SELECT cxm_text(s) FROM "
                      f"fold ORDER BY k DESC LIMIT 1", text_form(name, Counter(ratings[:300]))))
        for segment in ("chat", "phone"):
            rest = Counter(r for m, r, s in rows if m == metric and r is not None and s != segment)
            cases.append((f"SELECT cxm_text(cxm_subtract(all_, part)) FROM (SELECT "
                          f"cxm_acc_agg(rating, '{metric}') AS all_ FROM answers WHERE month = "
                          f"'now' AND metric = '{metric}'), (SELECT cxm_acc_agg(rating, "
                          f"'{metric}') AS part FROM answers WHERE month = 'now' AND metric = "
                          f"'{metric}' AND segment = '{segment}')", text_form(name, rest)))
    cases += [
        # subtracting a state from itself leaves the empty state, not NULL
        ("SELECT cxm_text(cxm_subtract(s, s)) FROM (SELECT cxm_from_text('nps{3:2,9:1}') AS s)",
         "nps{}"),
        ("SELECT cxm_text(cxm_subtract(cxm_from_text('nps{3:2,9:1}'), cxm_from_text('nps{}')))",
         "nps{3:2,9:1}"),
        # the scale by value and a REAL with an integral value, as the aggregates take them
        ("SELECT cxm_text(cxm_add(cxm_from_text('1..5/4..5/1..2/share{}'), 5.0))", "csat5{5:1}"),
        ("SELECT cxm_text(cxm_add(cxm_from_text('-3..3/2..3/-3..-2/net{}'), -3))",
         "-3..3/2..3/-3..-2/net{-3:1}"),
        # the largest count a state holds, reached by one more rating
        ("SELECT cxm_text(cxm_add(cxm_from_text('nps{9:18446744073709551614}'), 9))",
         "nps{9:18446744073709551615}"),
        ("SELECT cxm_text(cxm_subtract(cxm_from_text('nps{9:18446744073709551615}'), "
         "cxm_from_text('nps{9:18446744073709551614}')))", "nps{9:1}"),
        # NULL in, NULL out
        ("SELECT cxm_add(NULL, 9)", None),
        ("SELECT cxm_add(cxm_from_text('nps{}'), NULL)", None),
        ("SELECT cxm_subtract(NULL, cxm_from_text('nps{}'))", None),
        ("SELECT cxm_subtract(cxm_from_text('nps{}'), NULL)", None),
    ]
    expect_values(host, setup, cases)
    nps, csat = "cxm_from_text('nps{0:1,9:2}')", "cxm_from_text('csat{5:1}')"
    expect_errors(host, [], [
        ("SELECT cxm_add(cxm_from_text('nps{}'), 11)", "cxm_add: rating 11 is outside the scale nps"),
        ("SELECT cxm_add(cxm_from_text('nps{}'), '9')", "cxm_add: rating '9' is TEXT"),
        ("SELECT cxm_add(cxm_from_text('nps{}'), 9.5)", "rating 9.5 is not an integer"),
        ("SELECT cxm_add(cxm_from_text('nps{9:18446744073709551615}'), 9)",
         "cxm_add: cannot record rating 9: a count would exceed the largest count"),
        ("SELECT cxm_add('nps{}', 9)", "cxm_add: expected a state BLOB, got TEXT"),
        ("SELECT cxm_add(x'00', 9)", "cxm_add: not a valid state"),
        ("SELECT cxm_add(cxm_from_text('nps[9:1/5/25]'), 9)",
         "cxm_add: expected an unweighted state, got a weighted one"),
        ("SELECT cxm_add(cxm_from_text('nps{}'))", "wrong number of arguments"),
        (f"SELECT cxm_subtract({nps}, cxm_from_text('nps{{9:3}}'))",
         "cxm_subtract: cannot subtract: the second state holds ratings the first (of scale nps) "
         "does not"),
        (f"SELECT cxm_subtract({nps}, cxm_from_text('nps{{10:1}}'))", "holds ratings the first"),
        (f"SELECT cxm_subtract({nps}, {csat})",
         "cxm_subtract: cannot subtract states of different scales nps and csat5"),
        (f"SELECT cxm_subtract({nps}, cxm_from_text('nps[9:1/5/25]'))",
         "cannot subtract an unweighted and a weighted state"),
        (f"SELECT cxm_subtract({nps}, 'nps{{}}')", "expected a state BLOB, got TEXT"),
        (f"SELECT cxm_subtract({nps})", "wrong number of arguments"),
    ])


def test_counts(host, setup, rows):
    """cxm_counts against GROUP BY over the same answers: one row per rating
    with a nonzero count, ascending, in a join with a table of states as in a
    plain call."""
    cases = []
    for metric in ("csat", "nps", "ces"):
        counts = Counter(r for m, r, s in rows if m == metric and r is not None)
        cases.append((f"SELECT rating, count FROM cxm_counts((SELECT cxm_acc_agg(rating, "
                      f"'{metric}') FROM answers WHERE month = 'now' AND metric = '{metric}'))",
                      sorted(counts.items())))
        # the rows plain SQL gives, per segment, through a join with a table of
        # states: neither query has a row the other lacks
        lateral = (f"SELECT s.segment, c.rating, c.count FROM (SELECT segment, cxm_acc_agg("
                   f"rating, '{metric}') AS state FROM answers WHERE month = 'now' AND metric = "
                   f"'{metric}' GROUP BY segment) AS s, cxm_counts(s.state) AS c")
        plain = (f"SELECT segment, rating, COUNT(*) FROM answers WHERE month = 'now' AND metric = "
                 f"'{metric}' AND rating IS NOT NULL GROUP BY segment, rating")
        pairs = {(s, r) for m, r, s in rows if m == metric and r is not None}
        cases.append((f"SELECT COUNT(*) FROM ({lateral})", [(len(pairs),)]))
        cases.append((f"SELECT COUNT(*) FROM (SELECT * FROM ({lateral} EXCEPT {plain}) UNION ALL "
                      f"SELECT * FROM ({plain} EXCEPT {lateral}))", [(0,)]))
    cases += [
        ("SELECT * FROM cxm_counts(cxm_from_text('nps{0:3,6:1,9:10,10:4}'))",
         [(0, 3), (6, 1), (9, 10), (10, 4)]),
        ("SELECT rating, count FROM cxm_counts(cxm_from_text('-3..3/2..3/-3..-2/net{-3:1,3:2}'))",
         [(-3, 1), (3, 2)]),
        ("SELECT rating, count FROM cxm_counts(cxm_from_text('0..100/51..100/0..50/share"
         "{0:1,100:2}'))", [(0, 1), (100, 2)]),
        ("SELECT count FROM cxm_counts(cxm_from_text('nps{10:9223372036854775807}'))",
         [(9223372036854775807,)]),
        ("SELECT * FROM cxm_counts(cxm_from_text('nps{}'))", []),
        ("SELECT * FROM cxm_counts(NULL)", []),
        # the hidden argument column reads NULL, and is not in SELECT *
        ("SELECT state FROM cxm_counts(cxm_from_text('nps{9:1}'))", [(None,)]),
        ("SELECT name FROM pragma_table_xinfo('cxm_counts') ORDER BY cid",
         [("rating",), ("count",), ("state",)]),
        ("SELECT COUNT(*) FROM pragma_module_list WHERE name = 'cxm_counts'", [(1,)]),
    ]
    expect_values(host, setup, cases)
    expect_errors(host, [], [
        ("SELECT * FROM cxm_counts", "cxm_counts: takes a state: SELECT * FROM cxm_counts(state)"),
        ("SELECT * FROM cxm_counts('nps{9:1}')", "cxm_counts: expected a state BLOB, got TEXT"),
        ("SELECT * FROM cxm_counts(9)", "cxm_counts: expected a state BLOB, got INTEGER 9"),
        ("SELECT * FROM cxm_counts(x'0011')", "cxm_counts: not a valid state: the 2-byte BLOB"),
        ("SELECT * FROM cxm_counts(cxm_from_text('nps[9:1/5/25]'))",
         "cxm_counts: expected an unweighted state, got a weighted one (cxm_unweighted gives its "
         "response counts)"),
        # a count beyond an INTEGER is refused before any row
        ("SELECT * FROM cxm_counts(cxm_from_text('nps{0:1,10:9223372036854775808}'))",
         "cxm_counts: the count 9223372036854775808 does not fit a signed 64-bit INTEGER"),
        ("SELECT * FROM cxm_counts(cxm_from_text('nps{}'), 1)", "too many arguments on cxm_counts"),
        ("CREATE VIRTUAL TABLE t USING cxm_counts", "no such module: cxm_counts"),
    ])


def observed(counts, band):
    n = sum(counts.values())
    return None if n == 0 else float(Fraction(100 * sum(c for r, c in counts.items()
                                                        if band[0] <= r <= band[1]), n))


def test_undefined(host):
    """An interval or comparison the sample leaves undefined: the names as
    the library resolves them (HEADLINE to the scale's headline, DEFAULT to
    the first method of its row), the confidence asked, the observed estimate
    or difference (exact fractions) where the sample has one, null for the
    rest; the same for every quantity and method that applies."""
    one = {"nps": {9: 1}, "csat5": {2: 1}, "ces7": {6: 1}}
    shares = share_methods(host)
    cases = []
    for name, (_, low, high, pos, neg, headline) in (
            ("nps", PRESETS["nps"]), ("csat5", PRESETS["csat"]), ("ces7", PRESETS["ces"])):
        empty = f"cxm_from_text('{name}{{}}')"
        single = f"cxm_from_text({sql_text(text_form(name, one[name]))})"
        resolved = {"share": ("positive-share", "wilson"), "net": ("net", "adjusted-wald"),
                    "mean": ("mean", "t")}[headline]
        cases.append((f"SELECT cxm_interval({empty})", undefined_interval(*resolved)))
        cases.append((f"SELECT cxm_interval({empty}, 'headline', 'default', 0.8)",
                      undefined_interval(*resolved, confidence=0.8)))
        cases.append((f"SELECT cxm_compare({empty}, {single})", undefined_comparison(*resolved)))
        cases.append((f"SELECT cxm_compare({single}, {empty}, 'headline', 'default', 0.9)",
                      undefined_comparison(*resolved, confidence=0.9)))
        for quantity, methods in (("positive-share", shares),
                                  ("negative-share", ["wilson", "wald"]),
                                  ("net", ["adjusted-wald", "wald", "score"])):
            for method in methods:
                cases.append((f"SELECT cxm_interval({empty}, '{quantity}', '{method}')",
                              undefined_interval(quantity, method)))
        # a mean needs two answers; the one answer is still the observed mean
        r = next(iter(one[name]))
        cases.append((f"SELECT cxm_interval({single}, 'mean')",
                      undefined_interval("mean", "t", float(r))))
        cases.append((f"SELECT cxm_compare({single}, cxm_from_text('{name}{{{low}:1}}'), 'mean')",
                      undefined_comparison("mean", "t", float(r - low))))
        # both samples constant: Welch's df is undefined, the difference is not
        cases.append((f"SELECT cxm_compare(cxm_from_text('{name}{{{high}:4}}'), "
                      f"cxm_from_text('{name}{{{low}:7}}'), 'mean', 't', 0.99)",
                      undefined_comparison("mean", "t", float(high - low), 0.99)))
        # one side empty: no difference at all
        cases.append((f"SELECT cxm_compare({single}, {empty}, 'positive-share', 'wald')",
                      undefined_comparison("positive-share", "wald")))
        # defined next to undefined: the share of one answer has an interval
        counts = one[name]
        cases.append((f"SELECT cxm_interval({single}, 'positive-share') ->> 'estimate'",
                      observed(counts, pos)))
    expect_values(host, [], cases)
    # Names are checked before the sample: a bad one is an error even where
    # nothing would be defined.
    empty = "cxm_from_text('nps{}')"
    expect_errors(host, [], [
        (f"SELECT cxm_interval({empty}, 'net', 'wilson')",
         "method 'wilson' does not apply to quantity 'net' of scale nps"),
        (f"SELECT cxm_interval({empty}, 'net', 'default', 1)", "confidence must be between 0 and 1 exclusive, got 1.0"),
        (f"SELECT cxm_compare({empty}, {empty}, 'mean', 'wald')", "method 'wald' does not apply"),
        (f"SELECT cxm_compare({empty}, cxm_from_text('csat{{}}'), 'net', 'score')",
         "cannot compare states of different scales nps and csat5"),
        (f"SELECT cxm_compare({empty}, {empty}, 'net', 'wald', 0)", "cxm_compare: confidence must be between 0 and 1 exclusive, got 0.0"),
    ])


def test_jeffreys(host):
    """The Jeffreys interval of each segment's November NPS shares against R's
    qbeta: its name reaches the library from SQL with nothing in between."""
    if not computes_jeffreys(host):
        print(f"{host.name}: Jeffreys intervals skipped: the library does not compute them yet")
        return
    here = os.path.dirname(os.path.abspath(__file__))
    expected = read_csv(os.path.join(here, "expected-jeffreys.csv"))
    setup = setup_statements(read_weighted())
    statements = []
    for e in expected:
        where = "" if e["segment"] == "(all)" else f" AND segment = '{e['segment']}'"
        statements.append(f"SELECT cxm_interval((SELECT cxm_acc_agg(rating, 'nps') FROM wanswers "
                          f"WHERE metric = 'nps'{where}), '{e['quantity']}', 'jeffreys', "
                          f"{e['confidence']})")
    for e, o in zip(expected, host.run(setup + statements)[len(setup):]):
        what = f"{host.name}: jeffreys {e['segment']} {e['quantity']} {e['confidence']}"
        if o.error is not None:
            check(False, f"{what}: {o.error}")
            continue
        got = strict_json(o.rows[0][0])
        check(got["method"] == "jeffreys" and
              close(got["estimate"], 100 * int(e["x"]) / int(e["n"]), 1e-15) and
              close(got["low"], float(e["low"])) and close(got["high"], float(e["high"])),
              f"{what}: {got} != R [{e['low']}, {e['high']}]")
