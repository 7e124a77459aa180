#!/usr/bin/python3
"""Exact references for the statistics at huge n, next to the boundaries.

Writes tests/reference/accuracy_cases.h, the tables tests/test_stats.c checks
to 1e-12 relative. Every value is computed with mpmath at 60 significant
digits straight from the integer counts and the published formulas as
docs/statistics.md writes them (Wilson, Newcombe's method 4 and method 10,
Agresti-Coull, Wald, Rocks' adjusted Wald, Tango's score interval solved by
bisection in 60-digit arithmetic, the pooled two-proportion z test, Welch's t
test): no double precision, no cxmetrics code, and none of the rewritten
forms the library uses to avoid cancellation. z is sqrt(2) erfinv(c) of the
confidence c exactly as the double the test passes.

The cases are where double-precision formulas lose digits: n from 10^5 to
2^64 - 1 and answers within 0..10 of 0 and of n, plus the examples quoted in
issue 15. Needs Debian's python3-mpmath:

    /usr/bin/python3 tests/reference/accuracy.py > tests/reference/accuracy_cases.h
"""
import sys

import mpmath as mp
from mpmath import mpf

mp.mp.dps = 60

CONFS = ["0.95", "0.7359992958543006"]
NS = [10**5, 10**6, 10**7, 34080169, 10**8, 899299252, 10**9, 10**10, 10**11, 10**12,
      2**53 + 1, 2**64 - 1]
BANDS = [0, 1, 2, 3, 5, 10]


def z_of(conf):
    return mp.sqrt(2) * mp.erfinv(mpf(float(conf)))


def clip(v, lo, hi):
    return max(mpf(lo), min(mpf(hi), v))


def num(v):
    """A double literal C reads back as the nearest double of v."""
    return mp.nstr(v, 17, min_fixed=0, max_fixed=0)


def p_two_sided(stat):
    if mp.isinf(stat):
        return mpf(0)
    return mp.erfc(abs(stat) / mp.sqrt(2))


# ---- one share -----------------------------------------------------------------------------

def wilson(x, n, z):
    x, n = mpf(x), mpf(n)
    centre = (x + z**2 / 2) / (n + z**2)
    half = z / (n + z**2) * mp.sqrt(x * (n - x) / n + z**2 / 4)
    low = mpf(0) if x == 0 else clip(centre - half, 0, 1)
    high = mpf(1) if x == n else clip(centre + half, 0, 1)
    return low, high


def share_interval(method, x, n, z):
    p = mpf(x) / n
    se = mp.sqrt(p * (1 - p) / n)
    if method == "WILSON":
        low, high = wilson(x, n, z)
    elif method == "WILSON_CC":
        xd, nd = mpf(x), mpf(n)
        low = mpf(0) if x == 0 else clip((2 * xd + z**2 - 1 - z * mp.sqrt(
            z**2 - 2 - 1 / nd + 4 * p * (nd * (1 - p) + 1))) / (2 * (nd + z**2)), 0, 1)
        high = mpf(1) if x == n else clip((2 * xd + z**2 + 1 + z * mp.sqrt(
            z**2 + 2 - 1 / nd + 4 * p * (nd * (1 - p) - 1))) / (2 * (nd + z**2)), 0, 1)
    elif method == "AGRESTI_COULL":
        n_adj = n + z**2
        p_adj = (x + z**2 / 2) / n_adj
        se = mp.sqrt(p_adj * (1 - p_adj) / n_adj)
        low, high = clip(p_adj - z * se, 0, 1), clip(p_adj + z * se, 0, 1)
    else:  # WALD
        low, high = clip(p - z * se, 0, 1), clip(p + z * se, 0, 1)
    return low, high, se


# ---- one net score -------------------------------------------------------------------------

def net_moments(P, D, n, pseudo):
    n_eff = mpf(n) + 4 * pseudo
    p, d = (P + pseudo) / n_eff, (D + pseudo) / n_eff
    variance = p + d - (p - d)**2
    return p - d, mp.sqrt(variance / n_eff)


def tango_score(P, D, n, delta):
    """Tango (1998) as published: q solves 2n q^2 + B q + C = 0."""
    P, D, n = mpf(P), mpf(D), mpf(n)
    B = -D - P + (2 * n - P + D) * delta
    C = -D * delta * (1 - delta)
    q = (mp.sqrt(max(B**2 - 8 * n * C, 0)) - B) / (4 * n)
    numerator = P - D - n * delta
    variance = n * (2 * q + delta * (1 - delta))
    if variance <= 0:
        return mp.inf if numerator > 0 else -mp.inf if numerator < 0 else mpf(0)
    return numerator / mp.sqrt(variance)


def tango_solve(P, D, n, target):
    lo, hi = mpf(-1), mpf(1)
    for _ in range(230):  # 2^-230 < 1e-69: far below the 60 digits carried
        mid = (lo + hi) / 2
        if tango_score(P, D, n, mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def net_interval(method, P, D, n, z):
    if method == "SCORE":
        _, se = net_moments(P, D, n, mpf(0))
        low = mpf(-1) if D == n else tango_solve(P, D, n, z)
        high = mpf(1) if P == n else tango_solve(P, D, n, -z)
        return low, high, se
    pseudo = mpf("0.75") if method == "ADJUSTED_WALD" else mpf(0)
    centre, se = net_moments(P, D, n, pseudo)
    return clip(centre - z * se, -1, 1), clip(centre + z * se, -1, 1), se


# ---- comparisons ---------------------------------------------------------------------------

def share_compare(method, x1, n1, x2, n2, z):
    p1, p2 = mpf(x1) / n1, mpf(x2) / n2
    diff = p1 - p2
    if method == "WILSON":
        pooled = mpf(x1 + x2) / (n1 + n2)
        se = mp.sqrt(pooled * (1 - pooled) * (mpf(1) / n1 + mpf(1) / n2))
        l1, u1 = wilson(x1, n1, z)
        l2, u2 = wilson(x2, n2, z)
        low = diff - mp.sqrt((p1 - l1)**2 + (u2 - p2)**2)
        high = diff + mp.sqrt((u1 - p1)**2 + (p2 - l2)**2)
    else:
        se = mp.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        low, high = diff - z * se, diff + z * se
    stat = diff / se
    return diff, se, stat, p_two_sided(stat), clip(low, -1, 1), clip(high, -1, 1)


def net_compare(method, a, b, z):
    (P1, D1, n1), (P2, D2, n2) = a, b
    diff = mpf(P1 - D1) / n1 - mpf(P2 - D2) / n2
    pseudo = mpf("0.75") if method == "ADJUSTED_WALD" else mpf(0)
    c1, se1 = net_moments(P1, D1, n1, pseudo)
    c2, se2 = net_moments(P2, D2, n2, pseudo)
    centre, se = c1 - c2, mp.sqrt(se1**2 + se2**2)
    stat = centre / se
    return (diff, se, stat, p_two_sided(stat), clip(centre - z * se, -2, 2),
            clip(centre + z * se, -2, 2))


def welch(a, b):
    """a, b: counts of ratings 1, 2, 3 (CSAT_3)."""
    def moments(counts):
        n = sum(counts)
        mean = mpf(sum(c * r for r, c in zip((1, 2, 3), counts))) / n
        ss = sum(c * (r - mean)**2 for r, c in zip((1, 2, 3), counts))
        return n, mean, ss / (n - 1)
    na, ma, sa = moments(a)
    nb, mb, sb = moments(b)
    va, vb = sa / na, sb / nb
    se = mp.sqrt(va + vb)
    df = (va + vb)**2 / (va**2 / (na - 1) + vb**2 / (nb - 1))
    return ma - mb, se, (ma - mb) / se, df


# ---- the cases -----------------------------------------------------------------------------

def share_counts(n):
    xs = {x for k in BANDS for x in (k, n - k)} | {n * 3 // 10}
    return sorted(x for x in xs if 0 <= x <= n)


def net_counts(n):
    """(P, D) next to each pole and next to zero, and one in the middle."""
    out = {(n * 4 // 10, n * 3 // 10)}
    for k in (0, 1, 3, 10):
        near_negative = [(0, n - k), (k, n - k), (1, n - k - 1)]
        near_zero = [(k, 0), (k, k + 1)]
        for P, D in near_negative + near_zero:
            out |= {(P, D), (D, P)}
    return sorted((P, D) for P, D in out if P >= 0 and D >= 0 and P + D <= n)


def share_pairs(n):
    m = n // 7 + 130
    return [((n - 1, n), (130, 130)), ((n - 1, n), (m - 1, m)), ((1, n), (1, m)),
            ((n - 10, n), (m - 10, m)), ((10, n), (3, m)), ((n - 1, n), (n, n + 1)),
            ((n, n), (m - 1, m)), ((n * 3 // 10, n), (m * 3 // 10, m))]


def net_pairs(n):
    m = n // 7 + 130
    return [((0, n - 1, n), (0, m, m)), ((1, n - 1, n), (0, m - 1, m)),
            ((n - 1, 0, n), (m, 0, m)), ((n - 2, 1, n), (m - 1, 1, m)),
            ((0, 1, n), (0, 1, m)), ((1, 0, n), (0, 1, m)),
            ((n * 4 // 10, n * 3 // 10, n), (m * 4 // 10, m * 3 // 10, m))]


def rows_share_intervals():
    for conf in CONFS:
        z = z_of(conf)
        for n in NS:
            for x in share_counts(n):
                for method in ("WILSON", "WILSON_CC", "AGRESTI_COULL", "WALD"):
                    low, high, se = share_interval(method, x, n, z)
                    yield "{%du, %du, CXM_METHOD_%s, %s, %s, %s, %s}," % (
                        x, n, method, conf, num(100 * low), num(100 * high), num(100 * se))


def rows_net_intervals():
    for conf in CONFS:
        z = z_of(conf)
        for n in NS:
            for P, D in net_counts(n):
                for method in ("WALD", "ADJUSTED_WALD", "SCORE"):
                    low, high, se = net_interval(method, P, D, n, z)
                    yield "{%du, %du, %du, CXM_METHOD_%s, %s, %s, %s, %s}," % (
                        P, D, n - P - D, method, conf, num(100 * low), num(100 * high),
                        num(100 * se))


def rows_share_compare():
    conf = "0.95"
    z = z_of(conf)
    pairs = [((899299251, 899299252), (130, 130))]  # issue 15's example
    for n in NS[:-1]:
        pairs += share_pairs(n)
    for (x1, n1), (x2, n2) in pairs:
        for method in ("WILSON", "WALD"):
            d, se, stat, p, low, high = share_compare(method, x1, n1, x2, n2, z)
            yield "{%du, %du, %du, %du, CXM_METHOD_%s, %s, {%s, %s, %s, %s, %s, %s}}," % (
                x1, n1, x2, n2, method, conf, num(100 * d), num(100 * se), num(stat), num(p),
                num(100 * low), num(100 * high))


def rows_net_compare():
    conf = "0.95"
    z = z_of(conf)
    pairs = [((0, 899299251, 899299252), (0, 130, 130))]
    for n in NS[:-1]:
        pairs += net_pairs(n)
    for a, b in pairs:
        for method in ("ADJUSTED_WALD", "WALD"):
            d, se, stat, p, low, high = net_compare(method, a, b, z)
            yield "{%du, %du, %du, %du, %du, %du, CXM_METHOD_%s, %s, {%s, %s, %s, %s, %s, %s}}," % (
                a[0], a[1], a[2] - a[0] - a[1], b[0], b[1], b[2] - b[0] - b[1], method, conf,
                num(100 * d), num(100 * se), num(stat), num(p), num(100 * low), num(100 * high))


def rows_welch():
    pairs = [((0, 0, 2796596), (0, 1, 539514352))]  # issue 15's example: t = 1
    for n in NS[:-2]:
        m = n // 7 + 130
        pairs += [((0, 0, n), (0, 1, m)), ((0, 1, n), (0, 0, m)), ((0, 1, n - 1), (1, 0, m)),
                  ((0, n - 1, 1), (0, 1, m - 1)), ((1, 0, n), (0, 0, m)), ((0, 1, n), (0, 2, m)),
                  ((n, 0, 1), (m, 1, 0)), ((n // 3, n // 3, n // 3), (m // 3, m // 3, m // 3 + 1))]
    for a, b in pairs:
        d, se, stat, df = welch(a, b)
        yield "{{%du, %du, %du}, {%du, %du, %du}, %s, %s, %s, %s}," % (
            *a, *b, num(d), num(se), num(stat), num(df))


def table(ctype, name, rows):
    print("static const %s %s[] = {" % (ctype, name))
    for r in rows:
        print("    %s" % r)
    print("};")
    print()


def main():
    print("/* Generated by tests/reference/accuracy.py (mpmath %s, %d digits, from the integer"
          % (mp.__version__, mp.mp.dps))
    print(" * counts and the published formulas); do not edit. Included by tests/test_stats.c,")
    print(" * which declares the row types. */")
    table("share_interval_case", "share_interval_cases", rows_share_intervals())
    table("net_interval_case", "net_interval_cases", rows_net_intervals())
    table("share_compare_case", "share_compare_cases", rows_share_compare())
    table("net_compare_case", "net_compare_cases", rows_net_compare())
    table("welch_case", "welch_cases", rows_welch())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
