"""Cases of test_sqlite.py for cxm_plan_sample_size: the sample sizes R
computes (qnorm, var: reference.R beside this file wrote expected-planning.csv)
for the worst case and for pilots of the bundled November answers, the NULL
rules, and every bad argument refused with its message."""
import os

from checks import expect_errors, expect_values, read_csv
from weighted_cases import read_weighted, setup_statements

HERE = os.path.dirname(os.path.abspath(__file__))


def pilot_sql(scale, segment):
    """The pilot of a case: every November answer of the metric and segment,
    weights aside, as reference.R takes them; NULL for the worst case."""
    if segment == "":
        return "NULL"
    return (f"(SELECT cxm_acc_agg(rating, '{scale}') FROM wanswers WHERE metric = '{scale}' "
            f"AND segment = '{segment}')")


def test_against_r(host):
    cases = []
    for e in read_csv(os.path.join(HERE, "expected-planning.csv")):
        population = "" if e["population"] == "0" else f", {e['population']}"
        cases.append((f"SELECT cxm_plan_sample_size('{e['scale']}', "
                      f"{pilot_sql(e['scale'], e['pilot'])}, '{e['quantity']}', "
                      f"{e['confidence']}, {e['half_width']}{population})", int(e["n"])))
    worst = "cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5"
    cases += [
        # the default population is 0, unlimited; a population below n caps it
        (f"SELECT {worst}, 0) = {worst})", 1),
        (f"SELECT {worst}, 100)", 94),  # ceil(1537 * 100 / (100 + 1536)) = 94
        (f"SELECT {worst}, 1)", 1),
        (f"SELECT {worst}.0, 2000.0)", 870),
        # the headline is the scale's; the scale by value
        ("SELECT cxm_plan_sample_size('nps', NULL, 'headline', 0.95, 5)", 1537),
        ("SELECT cxm_plan_sample_size('0..10/9..10/0..6/net', NULL, 'net', 0.95, 5)", 1537),
        # answers all alike need one answer
        ("SELECT cxm_plan_sample_size('ces', cxm_from_text('ces7{5:40}'), 'mean', 0.95, 0.1)", 1),
        # NULL: the worst case for the pilot, NULL for anything else
        ("SELECT cxm_plan_sample_size(NULL, NULL, 'net', 0.95, 5)", None),
        ("SELECT cxm_plan_sample_size('nps', NULL, NULL, 0.95, 5)", None),
        ("SELECT cxm_plan_sample_size('nps', NULL, 'net', NULL, 5)", None),
        ("SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, NULL)", None),
        (f"SELECT {worst}, NULL)", None),
        # a pilot that defines no variance: undefined, NULL
        ("SELECT cxm_plan_sample_size('nps', cxm_from_text('nps{}'), 'net', 0.95, 5)", None),
        ("SELECT cxm_plan_sample_size('ces', cxm_from_text('ces7{4:1}'), 'mean', 0.95, 1)", None),
        ("SELECT typeof(cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5))", "integer"),
    ]
    expect_values(host, setup_statements(read_weighted()), cases)


def test_bad_input(host):
    f = "cxm_plan_sample_size"
    expect_errors(host, [], [
        (f"SELECT {f}('nps', NULL, 'net', 1.5, 5)",
         f"{f}: confidence must be between 0 and 1 exclusive, got 1.5"),
        (f"SELECT {f}('nps', NULL, 'net', 0, 0)",
         f"{f}: confidence must be between 0 and 1 exclusive, got 0.0"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 0)", f"{f}: half_width must be positive, got 0.0"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, -2)",
         f"{f}: half_width must be positive, got -2.0"),
        (f"SELECT {f}('nps', NULL, 'net', '0.95', 5)", f"{f}: confidence '0.95' is TEXT, not a "
                                                       "number"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, x'05')", "is BLOB, not a number"),
        (f"SELECT {f}('nps', NULL, 'median', 0.95, 5)",
         f"{f}: unknown quantity 'median' (one of: headline, positive-share, negative-share, "
         "net, mean)"),
        (f"SELECT {f}('nps', NULL, 5, 0.95, 5)", "unknown quantity '5'"),
        (f"SELECT {f}('bogus', NULL, 'net', 0.95, 5)", f"{f}: unknown or invalid scale 'bogus'"),
        (f"SELECT {f}(7, NULL, 'net', 0.95, 5)", "the scale must be TEXT"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 5, -1)",
         f"{f}: population -1 is negative (0 means unlimited)"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 5, 2.5)", "population 2.5 is not an integer from 0"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 5, 1e300)", "population 1.0e+300 is not an integer from 0 (unlimited) to 2^63 - 1"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 5, '2000')", "population '2000' is not an INTEGER"),
        (f"SELECT {f}('nps', cxm_from_text('csat{{5:3}}'), 'net', 0.95, 5)",
         f"{f}: the expected state's scale csat5 is not the scale nps"),
        (f"SELECT {f}('nps', cxm_from_text('nps[9:1/5/25]'), 'net', 0.95, 5)",
         f"{f}: expected an unweighted state, got a weighted one"),
        (f"SELECT {f}('nps', 'nps{{9:1}}', 'net', 0.95, 5)", "expected a state BLOB, got TEXT"),
        (f"SELECT {f}('nps', x'00', 'net', 0.95, 5)", "not a valid state"),
        # beyond an INTEGER, and beyond what the library counts
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 6e-8)", "does not fit a signed 64-bit INTEGER"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 1e-9)",
         f"{f}: the sample size would exceed 2^64 - 1"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95)", "wrong number of arguments"),
        (f"SELECT {f}('nps', NULL, 'net', 0.95, 5, 0, 1)", "wrong number of arguments"),
    ])
