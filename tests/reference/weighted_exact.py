#!/usr/bin/python3
"""Exact references for the weighted statistics, from the integer sums.

Writes tests/reference/weighted_exact.h, the tables tests/test_wacc_stats.c
checks to 1e-12 relative. Every value is computed with mpmath at 60 significant
digits straight from the per-rating sums c, W and Q and the formulas the header
gives (no double precision, no cxmetrics code):

    theta = sum y_r W_r / W,   v = n / (n - 1) * sum Q_r (y_r - theta)^2 / W^2,
    WALD / T     theta +- t(n - 1) sqrt(v), clipped like the library
    LOGIT        expit(logit(p) +- t(n - 1) sqrt(v) / (p (1 - p)))
    Korn-Graubard  Clopper-Pearson at n* = p (1 - p) / v, x* = n* p
    comparisons  Welch: se = sqrt(v_a + v_b), Welch-Satterthwaite df,
                 p = 2 P(T_df > |d / se|), d +- t(df) se

The t distribution is evaluated through its hypergeometric form,
P(T > t) = 1/2 - t Gamma((nu+1)/2) / (sqrt(nu pi) Gamma(nu/2))
                   * 2F1(1/2, (nu+1)/2; 3/2; -t^2/nu),
which converges at any nu (the states here reach nu = 2^64 - 2), with enough
digits carried for its cancellation, or where that is large as
1/2 I_x(nu/2, 1/2), x = nu / (nu + t^2); the beta tail by its series I_x(a, b) = x^a (1-x)^b / (a B(a, b)) *
2F1(a + b, 1; a + 1; x) below the mean, summed to 60 digits; quantiles are
roots found with mpmath's findroot. Korn-Graubard rows are written only
where n* is at most 10^6, where the series is cheap; beyond, the test checks
those limits by the definition of the quantile.

The states reach the limits of the format: weights up to 2^32 - 1, counts
up to 2^64 - 1, weights summing to nearly 2^64, shares within 2^-60 of 0 and
1, and pairs whose estimates differ by one part in 2^63. Each is given to the
test as its text form. Confidences are the doubles the test passes.
Needs Debian's python3-mpmath:

    /usr/bin/python3 tests/reference/weighted_exact.py > tests/reference/weighted_exact.h
"""
import mpmath as mp
from mpmath import mpf

mp.mp.dps = 60
M = 2**32 - 1

# name: (min, max, positive band, negative band)
SCALES = {
    "nps": (0, 10, (9, 10), (0, 6)),
    "csat5": (1, 5, (4, 5), (1, 2)),
    "csat2": (1, 2, (2, 2), (1, 1)),
    "ces7": (1, 7, (5, 7), (1, 3)),
}

# Each state: a scale and, per rating, groups of (responses, weight).
STATES = [
    # Nearly 2^64 of weight at the largest weights; net close to 0.
    ("nps", {10: [(2**31, M)], 0: [(2**31 - 5, M - 2)], 8: [(7, 1)], 7: [(3, 2**20)]}),
    # 2^64 - 1 responses of weight 1.
    ("csat2", {2: [(2**63, 1)], 1: [(2**63 - 1, 1)]}),
    # A share within 3 * 2^-60 of 1, then of 0.
    ("csat5", {5: [(2**40, 2**20)], 1: [(3, 1)]}),
    ("csat5", {5: [(1, 1)], 3: [(2**33, 2**31 - 1)]}),
    # Three responses at the largest weights: t with 2 degrees of freedom.
    ("nps", {9: [(1, M)], 3: [(1, 1)], 10: [(1, M - 1)]}),
    # Means on CES 7 with every rating and mixed weights.
    ("ces7", {r: [(2**40 + r, 2**20 - r), (r * 1000, M - 7 * r)] for r in range(1, 8)}),
    ("ces7", {1: [(5, 3)], 4: [(2, 2**31)], 7: [(9, M)]}),
    # A moderate sample whose Korn-Graubard interval mpmath can solve.
    ("nps", {10: [(300, 17), (40, 90000)], 9: [(120, 5)], 7: [(80, 1000)],
             5: [(30, 300)], 0: [(25, 70000)]}),
    ("csat5", {5: [(400, 3)], 4: [(250, 11)], 2: [(100, 2**20)], 1: [(50, 9)]}),
    # A pair whose weighted net scores differ by one part in 2^63.
    ("nps", {10: [(2**31, 2**31)], 0: [(2**31, 2**31 - 1)], 8: [(3, 5)]}),
    ("nps", {10: [(2**31, 2**31)], 0: [(2**31, 2**31 - 1)], 8: [(3, 5)], 9: [(1, 1)]}),
]

CONFS = [0.95, 0.999]
KG_MAX_N = 10**6
QUANTITIES = ["POSITIVE_SHARE", "NEGATIVE_SHARE", "NET", "MEAN"]


def cells(groups):
    cs = {r: (sum(k for k, w in g), sum(k * w for k, w in g), sum(k * w * w for k, w in g))
          for r, g in groups.items()}
    assert all(1 <= w <= M for g in groups.values() for k, w in g)
    assert sum(W for c, W, Q in cs.values()) <= 2**64 - 1
    return cs


def text(scale, cs):
    body = ",".join(f"{r}:{c}/{W}/{Q}" for r, (c, W, Q) in sorted(cs.items()))
    return f"{scale}[{body}]"


def y_of(scale, quantity, r):
    lo, hi, pos, neg = SCALES[scale]
    inside = lambda band: band[0] <= r <= band[1]
    if quantity == "POSITIVE_SHARE":
        return 1 if inside(pos) else 0
    if quantity == "NEGATIVE_SHARE":
        return 1 if inside(neg) else 0
    if quantity == "NET":
        return 1 if inside(pos) else -1 if inside(neg) else 0
    return r


def moments(scale, cs, quantity):
    """n, theta and v, exactly (theta from integers, v at 60 digits)."""
    n = sum(c for c, W, Q in cs.values())
    W = sum(W for c, W, Q in cs.values())
    theta = mp.fsum(mpf(y_of(scale, quantity, r)) * w for r, (c, w, q) in cs.items()) / W
    dev = mp.fsum(q * (y_of(scale, quantity, r) - theta) ** 2 for r, (c, w, q) in cs.items())
    return n, theta, mpf(n) / (n - 1) * dev / mpf(W) ** 2


def t_upper(t, nu):
    """P(T > t) for t >= 0: 1/2 I_x(nu/2, 1/2), x = nu / (nu + t^2), by the
    beta series while x <= 9/10, where it is fast; closer to 1 (t^2 < nu / 9)
    by the hypergeometric form, whose terms grow to about e^(t^2/2) before
    they cancel: so many more digits are carried."""
    t, nu = mpf(t), mpf(nu)
    x = nu / (nu + t * t)
    if x <= mpf(9) / 10:
        with mp.workdps(mp.mp.dps + 20):
            v = beta_lower(nu / 2, mpf(1) / 2, x) / 2
        return +v
    with mp.workdps(mp.mp.dps + 60 + int(t * t * 0.22)):
        c = mp.exp(mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2)) / mp.sqrt(nu * mp.pi)
        v = mpf(1) / 2 - t * c * mp.hyp2f1(mpf(1) / 2, (nu + 1) / 2, mpf(3) / 2, -t * t / nu,
                                           maxterms=10**7)
    return +v


def t_critical(conf, nu):
    tail = (1 - mpf(conf)) / 2
    z = mp.sqrt(2) * mp.erfinv(mpf(conf))
    return mp.findroot(lambda t: t_upper(t, nu) - tail, z)


def beta_lower(a, b, x):
    """I_x(a, b) for x below the mean a / (a + b), by its series."""
    term, total, k = mpf(1), mpf(1), 0
    while True:
        term *= (a + b + k) / (a + 1 + k) * x
        total += term
        k += 1
        if term < total * mpf(10) ** (-mp.mp.dps - 5):
            break
    lead = a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - (
        mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    return mp.exp(lead) * total


def beta_lower_quantile(a, b, p):
    """The x below the mean with I_x(a, b) = p."""
    mean = a / (a + b)
    lo, hi = mpf(10) ** -300, mean
    for _ in range(400):  # bisection in log x, then polish
        mid = mp.sqrt(lo * hi)
        if beta_lower(a, b, mid) < p:
            lo = mid
        else:
            hi = mid
        if hi / lo - 1 < mpf(10) ** -25:
            break
    return mp.findroot(lambda x: beta_lower(a, b, x) - p, (lo, hi), solver="anderson")


def clip(v, lo, hi):
    return max(mpf(lo), min(mpf(hi), v))


def unit(quantity):
    return 1 if quantity == "MEAN" else 100


def interval_rows(index, scale, cs):
    rows = []
    for conf in CONFS:
        for q in QUANTITIES:
            n, theta, v = moments(scale, cs, q)
            se = mp.sqrt(v)
            t = t_critical(conf, n - 1)
            lo, hi = (0, 1) if "SHARE" in q else (-1, 1)
            method = "T" if q == "MEAN" else "WALD"
            low, high = theta - t * se, theta + t * se
            if q != "MEAN":
                low, high = clip(low, lo, hi), clip(high, lo, hi)
            rows.append((index, q, method, conf, theta, se, low, high))
            if "SHARE" not in q:
                continue
            if 0 < theta < 1:
                h = t * se / (theta * (1 - theta))
                rows.append((index, q, "LOGIT", conf, theta, se,
                             theta / (theta + (1 - theta) * mp.exp(h)),
                             theta / (theta + (1 - theta) * mp.exp(-h))))
            n_eff = n if theta in (0, 1) else theta * (1 - theta) / v
            if n_eff <= KG_MAX_N:
                x, rest, half = n_eff * theta, n_eff * (1 - theta), (1 - mpf(conf)) / 2
                low = mpf(0) if theta == 0 else beta_lower_quantile(x, rest + 1, half)
                high = mpf(1) if theta == 1 else 1 - beta_lower_quantile(rest, x + 1, half)
                rows.append((index, q, "CLOPPER_PEARSON", conf, theta, se, low, high))
    return rows


def compare_rows(a, b):
    rows = []
    (sa, ga), (sb, gb) = STATES[a], STATES[b]
    ca, cb = cells(ga), cells(gb)
    for conf in CONFS:
        for q in QUANTITIES:
            na, ta, va = moments(sa, ca, q)
            nb, tb, vb = moments(sb, cb, q)
            d, se = ta - tb, mp.sqrt(va + vb)
            df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
            stat = d / se
            p = 2 * t_upper(abs(stat), df)
            t = t_critical(conf, df)
            low, high = d - t * se, d + t * se
            if q != "MEAN":
                bound = 2 if q == "NET" else 1
                low, high = clip(low, -bound, bound), clip(high, -bound, bound)
            rows.append((a, b, q, conf, d, se, stat, df, p, low, high))
    return rows


def num(v):
    """A double literal C reads back as the nearest double of v (0 below the
    smallest subnormal, where the nearest double is 0)."""
    if abs(v) < mpf(2) ** -1075:
        return "0.0"
    return mp.nstr(v, 17, min_fixed=0, max_fixed=0)


def main():
    print("/* Generated by tests/reference/weighted_exact.py (mpmath %s, %d digits, from the"
          % (mp.__version__, mp.mp.dps))
    print(" * integer sums and the formulas of the header); do not edit. Included by")
    print(" * tests/test_wacc_stats.c, which declares the row types. */\n")
    print("static const char *const exact_states[] = {")
    for scale, groups in STATES:
        print(f'    "{text(scale, cells(groups))}",')
    print("};\n")
    print("/* {state, quantity, method, confidence, estimate, se, low, high}, public units */")
    print("static const exact_interval_case exact_interval_cases[] = {")
    for i, (scale, groups) in enumerate(STATES):
        for idx, q, method, conf, est, se, low, high in interval_rows(i, scale, cells(groups)):
            u = unit(q)
            print(f"    {{{idx}, CXM_QUANTITY_{q}, CXM_METHOD_{method}, {conf!r}, "
                  + ", ".join(num(u * v) for v in (est, se, low, high)) + "},")
    print("};\n")
    print("/* {a, b, quantity, confidence, difference, se, statistic, df, p_value, low, high} */")
    print("static const exact_compare_case exact_compare_cases[] = {")
    for a, b in [(0, 9), (9, 10), (4, 0), (5, 6), (7, 0), (2, 3), (2, 8)]:
        for row in compare_rows(a, b):
            a_, b_, q, conf, d, se, stat, df, p, low, high = row
            u = unit(q)
            print(f"    {{{a_}, {b_}, CXM_QUANTITY_{q}, {conf!r}, "
                  + ", ".join(num(v) for v in (u * d, u * se, stat, df, p, u * low, u * high))
                  + "},")
    print("};")


main()
