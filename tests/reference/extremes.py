#!/usr/bin/python3
"""Exact references for the statistics at their extremes.

Writes the tables that tests/test_special.c and tests/test_stats.c check:

    /usr/bin/python3 tests/reference/extremes.py special > tests/reference/special_extremes.h
    /usr/bin/python3 tests/reference/extremes.py stats > tests/reference/stats_extremes.h

Every value is computed with mpmath at 60 significant digits (more where a
quadrature's integrand needs it) from the published definitions, from the
integer counts and the exact doubles the tests pass: no cxmetrics code, and
none of the rewritten forms the library uses. The published forms of the
interval methods are tests/reference/accuracy.py's (imported from beside this
file). Four classes of input where double-precision arithmetic loses digits,
and the Jeffreys interval at any counts:

1. far tails of Student's t: P(T <= t) from 1e-10 down to 1e-300 for df from
   1 to 1e9, and Welch p-values as small as that from counts;
2. confidences below 1/2 (from 1e-6), where 1 - c rounds, next to 0.5, 0.95,
   0.999999 and 1 - 2^-40; and the two-sided critical values themselves;
3. limits near zero by cancellation: the confidence is chosen so that a limit
   lies a relative 1e-3, 1e-6 or 1e-9 of its distance from the centre away
   from 0 (either side), for every method whose limit is a centre minus a
   distance; each such row carries that distance, for the condition bound of
   docs/statistics.md;
4. near-constant huge samples: n - 1 equal ratings and one or two others, n
   from 2^53 + 1 to 2^64 - 1: the standard deviation, the t interval, Welch.

The incomplete beta function of huge parameters (Clopper-Pearson and Jeffreys
limits at billions of answers) has no closed form and mpmath's betainc does
not converge there, so it is integrated: tanh-sinh quadrature of the density
x^(a-1) (1-x)^(b-1) / B(a, b) with log B from loggamma, over pieces of about
one standard deviation (or one e-fold of the density) from x into the tail,
at 60 digits plus the digits that a log x of magnitude a + b cancels. The
quantiles solve that tail = p by Newton's method from a normal or gamma
start, first at 25 digits, then at 60. The whole run takes the better part of
an hour; the special tables alone a few minutes.

Needs Debian's python3-mpmath (1.2.1 here).
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy as pub  # noqa: E402  (the published forms, and mp at 60 digits)
import mpmath as mp  # noqa: E402
from mpmath import mpf  # noqa: E402

DPS = 60
mp.mp.dps = DPS
INF = float("inf")


def num(v):
    """A C double literal that reads back as the nearest double of v (0 below
    half the smallest subnormal, where the double is 0)."""
    v = mpf(v)
    if mp.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    if abs(v) < mpf(2) ** -1075:
        return "0.0"
    return mp.nstr(v, 17, min_fixed=0, max_fixed=0)


def conf_literal(c):
    """A confidence as the exact double the C test passes, round-trip."""
    return repr(float(c))


# ---- the normal and t distributions -------------------------------------------------------

def z_of(c):
    """The two-sided normal critical value of the double c: P(|Z| <= z) = c."""
    return mp.sqrt(2) * mp.erfinv(mpf(float(c)))


def t_lower(t, df):
    """P(T <= t) for t <= 0: I_x(df/2, 1/2) / 2 with x = df / (df + t^2)."""
    t, df = mpf(t), mpf(df)
    return mp.betainc(df / 2, mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2


def t_central(t, df):
    """P(|T| <= t) for t >= 0: I_y(1/2, df/2) with y = t^2 / (df + t^2)."""
    t, df = mpf(t), mpf(df)
    return mp.betainc(mpf(1) / 2, df / 2, 0, t * t / (df + t * t), regularized=True)


def t_critical(c, df):
    """The t >= 0 with P(|T| <= t) = c for the double c. Past df = 1e12 the
    Cornish-Fisher expansion to its df^-2 term is exact far beyond 1e-20."""
    c = mpf(float(c))
    if df == INF:
        return z_of(c)
    df = mpf(df)
    z = mp.sqrt(2) * mp.erfinv(c)
    if df > 10**12:
        z2 = z * z
        return z + (z2 + 1) * z / (4 * df) + ((5 * z2 + 16) * z2 + 3) * z / (96 * df**2)
    # Match the smaller of the central mass c and the tail 1 - c, in logs.
    if c <= mpf(1) / 2:
        target, f = mp.log(c), lambda s: mp.log(t_central(mp.exp(s), df))
    else:
        target, f = mp.log((1 - c) / 2), lambda s: mp.log(t_lower(-mp.exp(s), df))
    # t is at least z, and within a factor 1.65 of it from df = 10 on: widen
    # the bracket only as far as the heavy tails of small df need.
    lo, hi = mp.log(z) - mpf("0.1"), mp.log(z) + mpf("0.5")
    while f(hi) < target if c <= mpf(1) / 2 else f(hi) > target:
        hi += 2
    return mp.exp(mp.findroot(lambda s: f(s) - target, (lo, hi), solver="anderson"))


# ---- the incomplete beta function, any parameters -----------------------------------------

def _beta_lower_quad(a, b, x):
    """I_x(a, b) for x at most the mean a / (a + b), by quadrature."""
    a, b, x = mpf(a), mpf(b), mpf(x)
    s = a + b
    mean = a / s
    sd = mp.sqrt(a * b / (s * s * (s + 1)))
    log_b = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(s)

    def log_density(t):
        return (a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - log_b

    def density(t):
        return mp.exp(log_density(t))

    top = log_density(x) if x < mean else log_density(mean)
    points, t = [x], x
    for _ in range(400):
        slope = (a - 1) / t - (b - 1) / (1 - t)
        step = sd if slope <= 0 else min(sd, 1 / slope)
        t = t - step
        if t <= 0:
            points.append(mpf(0))
            break
        points.append(t)
        if log_density(t) < top - (mp.mp.dps + 10) * mp.log(10):
            break
    # Gauss-Legendre on the smooth pieces; tanh-sinh where a piece reaches 0,
    # where x^(a-1) may be singular.
    method = "tanh-sinh" if points[-1] == 0 else "gauss-legendre"
    return mp.quad(density, points[::-1], method=method)


def beta_lower(a, b, x):
    """I_x(a, b) to the working precision, x exact."""
    a, b, x = mpf(a), mpf(b), mpf(x)
    if x <= 0:
        return mpf(0)
    if x >= 1:
        return mpf(1)
    if a + b < 2000:
        return mp.betainc(a, b, 0, x, regularized=True)
    extra = int(mp.log10(a + b)) + 10
    with mp.workdps(mp.mp.dps + extra):
        if x <= a / (a + b):
            value = _beta_lower_quad(a, b, x)
        else:
            value = 1 - _beta_lower_quad(b, a, 1 - x)
    return +value


def beta_tail(a, b, x, upper):
    return beta_lower(b, a, 1 - mpf(x)) if upper else beta_lower(a, b, x)


def beta_density(a, b, x):
    a, b, x = mpf(a), mpf(b), mpf(x)
    with mp.workdps(mp.mp.dps + int(mp.log10(a + b)) + 10):
        log_b = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
        value = mp.exp((a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - log_b)
    return +value


def _start(a, b, p):
    """A rough lower-tail quantile: normal for two large parameters, else
    Wilson-Hilferty's gamma on the side of the small one."""
    a, b = mpf(a), mpf(b)
    zp = -mp.sqrt(2) * mp.erfinv(1 - 2 * mpf(p))
    if a >= 50 and b >= 50:
        mean = a / (a + b)
        return mean + zp * mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    if a < b:
        g = a * (1 - 1 / (9 * a) + zp / (3 * mp.sqrt(a))) ** 3
        return max(g, mpf(10) ** -30 * a) / (a + b)
    g = b * (1 - 1 / (9 * b) - zp / (3 * mp.sqrt(b))) ** 3
    return 1 - max(g, mpf(10) ** -30 * b) / (a + b)


# EXTREMES_CACHE=file keeps the quantiles between runs (they take most of
# the time); the tables do not depend on it.
_CACHE = None
if os.environ.get("EXTREMES_CACHE"):
    import shelve
    _CACHE = shelve.open(os.environ["EXTREMES_CACHE"])


def beta_quantile(a, b, p, upper):
    """The x with I_x(a, b) = p (upper: 1 - I_x(a, b) = p), by Newton's
    method on the log of the tail, kept inside a bracket."""
    if upper:
        return 1 - beta_quantile(b, a, p, False)
    key = " ".join(mp.nstr(mpf(v), 70) for v in (a, b, p))
    if _CACHE is not None and key in _CACHE:
        return mpf(_CACHE[key])
    x = _beta_quantile_lower(a, b, mpf(p))
    if _CACHE is not None:
        _CACHE[key] = mp.nstr(x, 80)
        _CACHE.sync()
    return x


def _beta_quantile_lower(a, b, p):
    lo, hi = mpf(0), mpf(1)
    x = min(max(_start(a, b, p), mpf(10) ** -40), 1 - mpf(10) ** -40)
    for digits in (25, DPS):
        with mp.workdps(digits):
            for _ in range(100):
                tail = beta_lower(a, b, x)
                if tail < p:
                    lo = x
                else:
                    hi = x
                step = (mp.log(p) - mp.log(tail)) * tail / beta_density(a, b, x)
                nxt = x + step
                if not lo < nxt < hi:  # bisect, geometrically once lo > 0
                    nxt = mp.sqrt(lo * hi) if lo > 0 else hi / 16
                if abs(nxt - x) <= abs(x) * mpf(10) ** (-digits + 3):
                    x = nxt
                    break
                x = nxt
    return x


# ---- the scales and the methods ---------------------------------------------------------------

# The presets the tables use: first rating, last rating, positive band, negative band.
PRESETS = {
    "CSAT_BINARY": (1, 2, (2, 2), (1, 1)),
    "CSAT_3": (1, 3, (3, 3), (1, 1)),
    "NPS": (0, 10, (9, 10), (0, 6)),
    "CES_7": (1, 7, (5, 7), (1, 3)),
    "NET_EASY_7": (1, 7, (1, 2), (5, 7)),
}


class Sample:
    def __init__(self, preset, counts):
        self.preset = preset
        self.counts = {r: c for r, c in counts.items() if c}
        lo, hi, pos, neg = PRESETS[preset]
        self.n = sum(self.counts.values())
        self.positive = sum(c for r, c in self.counts.items() if pos[0] <= r <= pos[1])
        self.negative = sum(c for r, c in self.counts.items() if neg[0] <= r <= neg[1])

    def literal(self):
        lo, hi = PRESETS[self.preset][:2]
        cells = ["%du" % self.counts.get(r, 0) for r in range(lo, lo + 11)]
        return "CXM_PRESET_%s, {%s}" % (self.preset, ", ".join(cells))

    def mean(self):
        return mpf(sum(r * c for r, c in self.counts.items())) / self.n

    def variance(self):
        """The sample variance, from the exact sums of ratings and squares."""
        s1 = sum(r * c for r, c in self.counts.items())
        s2 = sum(r * r * c for r, c in self.counts.items())
        return mpf(self.n * s2 - s1 * s1) / (mpf(self.n) * (self.n - 1))


QUANTITY = {"POSITIVE_SHARE": 1, "NEGATIVE_SHARE": 2, "NET": 3, "MEAN": 4}


def share_count(sample, quantity):
    return sample.positive if quantity == "POSITIVE_SHARE" else sample.negative


def interval(sample, quantity, method, conf):
    """(estimate, se, low, high, centre) in public units; centre is the point
    a limit built as centre -+ distance is measured from, None where the
    limits keep their relative accuracy by construction."""
    n = sample.n
    if quantity == "MEAN":
        mean, se = sample.mean(), mp.sqrt(sample.variance() / n)
        t = t_critical(conf, n - 1)
        return mean, se, mean - t * se, mean + t * se, mean
    z = z_of(conf)
    if quantity == "NET":
        P, D = sample.positive, sample.negative
        low, high, se = pub.net_interval(method, P, D, n, z)
        estimate = mpf(P - D) / n
        centre = mpf(P - D) / (n + 3) if method == "ADJUSTED_WALD" else estimate
        return 100 * estimate, 100 * se, 100 * low, 100 * high, 100 * centre
    x = share_count(sample, quantity)
    p = mpf(x) / n
    if method in ("CLOPPER_PEARSON", "JEFFREYS"):
        alpha = 1 - mpf(float(conf))
        shift = mpf(1) / 2 if method == "JEFFREYS" else 0
        if method == "JEFFREYS":
            a_low = a_high = x + shift
            b_low = b_high = n - x + shift
        else:
            a_low, b_low, a_high, b_high = x, n - x + 1, x + 1, n - x
        low = mpf(0) if x == 0 else beta_quantile(a_low, b_low, alpha / 2, False)
        high = mpf(1) if x == n else beta_quantile(a_high, b_high, alpha / 2, True)
        se = mp.sqrt(p * (1 - p) / n)
        return 100 * p, 100 * se, 100 * low, 100 * high, None
    low, high, se = pub.share_interval(method, x, n, z)
    centre = {"WALD": p, "AGRESTI_COULL": (x + z * z / 2) / (n + z * z)}.get(method)
    return 100 * p, 100 * se, 100 * low, 100 * high, None if centre is None else 100 * centre


def welch(a, b, conf):
    """Welch's test and interval of a - b from the exact moments."""
    va, vb = a.variance() / a.n, b.variance() / b.n
    diff, se = a.mean() - b.mean(), mp.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (a.n - 1) + vb**2 / (b.n - 1))
    stat = diff / se
    p = 2 * t_lower(-abs(stat), df)
    t = t_critical(conf, df)
    return diff, se, stat, df, p, diff - t * se, diff + t * se, diff


def degenerate_z_test(a, b, quantity):
    """The documented result of a Wald comparison whose se is 0 (every answer
    of both samples in one band): a statistic of 0 (p = 1) for no difference,
    else +-infinity (p = 0); the interval is the difference itself."""
    if quantity == "NET":
        d = mpf(a.positive - a.negative) / a.n - mpf(b.positive - b.negative) / b.n
    else:
        d = mpf(share_count(a, quantity)) / a.n - mpf(share_count(b, quantity)) / b.n
    stat = mpf(0) if d == 0 else mp.inf if d > 0 else -mp.inf
    return 100 * d, mpf(0), stat, INF, mpf(1) if d == 0 else mpf(0), 100 * d, 100 * d, 100 * d


def wald_se_is_zero(sample, quantity):
    if quantity == "NET":
        return sample.positive + sample.negative in (0, sample.n) and \
            0 in (sample.positive, sample.negative)
    return share_count(sample, quantity) in (0, sample.n)


def compare(a, b, quantity, method, conf):
    """(difference, se, statistic, df, p, low, high, centre) in public units."""
    if quantity == "MEAN":
        return welch(a, b, conf)
    if method == "WALD" and wald_se_is_zero(a, quantity) and wald_se_is_zero(b, quantity):
        return degenerate_z_test(a, b, quantity)
    z = z_of(conf)
    if quantity == "NET":
        d, se, stat, p, low, high = pub.net_compare(
            method, (a.positive, a.negative, a.n), (b.positive, b.negative, b.n), z)
        extra = 3 if method == "ADJUSTED_WALD" else 0
        centre = (mpf(a.positive - a.negative) / (a.n + extra)
                  - mpf(b.positive - b.negative) / (b.n + extra))
        return 100 * d, 100 * se, stat, INF, p, 100 * low, 100 * high, 100 * centre
    x1, x2 = share_count(a, quantity), share_count(b, quantity)
    d, se, stat, p, low, high = pub.share_compare(method, x1, a.n, x2, b.n, z)
    return 100 * d, 100 * se, stat, INF, p, 100 * low, 100 * high, 100 * d


def distance(centre, limit):
    return mpf(0) if centre is None else abs(centre - limit)


def interval_row(sample, quantity, method, conf):
    est, se, low, high, centre = interval(sample, quantity, method, conf)
    return "{%s, CXM_QUANTITY_%s, CXM_METHOD_%s, %s, {%s, %s, %s, %s}, %s, %s}," % (
        sample.literal(), quantity, method, conf_literal(conf), num(est), num(se), num(low),
        num(high), num(distance(centre, low)), num(distance(centre, high)))


def compare_row(a, b, quantity, method, conf):
    d, se, stat, df, p, low, high, centre = compare(a, b, quantity, method, conf)
    return "{%s, %s, CXM_QUANTITY_%s, CXM_METHOD_%s, %s, {%s, %s, %s, %s, %s, %s, %s}, %s, %s}," % (
        a.literal(), b.literal(), quantity, method, conf_literal(conf), num(d), num(se), num(stat),
        num(df), num(p), num(low), num(high), num(distance(centre, low)),
        num(distance(centre, high)))


INTERVAL_METHODS = {
    "POSITIVE_SHARE": ["WILSON", "WILSON_CC", "AGRESTI_COULL", "CLOPPER_PEARSON", "WALD",
                       "JEFFREYS"],
    "NET": ["ADJUSTED_WALD", "WALD", "SCORE"],
    "MEAN": ["T"],
}
COMPARE_METHODS = {"POSITIVE_SHARE": ["WILSON", "WALD"], "NET": ["ADJUSTED_WALD", "WALD"],
                   "MEAN": ["T"]}


# ---- class 1: far tails of t -------------------------------------------------------------------

T_DFS = [1, 1.5, 2, 3, 5, 10, 30, 100, 1000, 30000, 10**6, 2758231.601300932, 10**8, 10**9]
T_TAILS = [mpf("1e-10"), mpf("1e-40"), mpf("1e-97"), mpf("1e-150"), mpf("1e-200"),
           mpf("1e-250"), mpf("1e-300")]


def t_for_tail(tail, df):
    """The double t < 0 nearest to P(T <= t) = tail."""
    def f(s):
        return mp.log(t_lower(-mp.exp(s), df)) - mp.log(tail)
    lo, hi = mpf(0), mpf(1)  # s = log |t|; widened until it brackets the tail
    while f(hi) > 0:
        lo, hi = hi, hi * 2
    for _ in range(90):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return -float(mp.exp((lo + hi) / 2))


def rows_t_tails():
    cases = [(-20.873070481661994, 2758231.601300932)]  # issue 27's worst case
    for df in T_DFS:
        for tail in T_TAILS:
            cases.append((t_for_tail(tail, df), df))
    for t, df in cases:
        yield "{%s, %s, %s}," % (repr(t), repr(float(df)), num(t_lower(t, df)))


CONFIDENCES = [1e-300, 1e-20, 1e-6, 1e-3, 0.1, 0.3, 0.4999, 0.5, 0.5 + 2**-53, 0.95, 0.999999,
               1 - 2**-40, 1 - 2**-53]


def rows_critical():
    for df in [INF, 1, 2.5, 10, 1000, 10**9]:
        for c in CONFIDENCES:
            yield "{%s, %s, %s}," % (conf_literal(c), num(df), num(t_critical(c, df)))


# The incomplete beta of huge parameters, near and away from the mean: the
# regimes of special_beta_mean.c and of the gamma expansion with large q.
BETA_HUGE = [(10**8, 3 * 10**8), (3 * 10**10, 10**10 + 0.5), (10**13, 10**13), (2**63, 2**63 + 1),
             (1.8e19, 10**11), (1e17, 10**9), (10**15, 3 * 10**7), (10.5, 2**64)]
BETA_SDS = [-30, -8, -2.5, -2, -1, -0.3, 0, 0.3, 1, 2, 2.5, 8, 30]


def rows_beta_huge():
    for a, b in BETA_HUGE:
        a, b = float(a), float(b)
        mean = a / (a + b)
        sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        for k in BETA_SDS:
            x = mean + k * sd
            if not 0 < x < 1:
                continue
            upper = 1 if x > mean else 0
            yield "{%s, %s, %s, %d, %s}," % (repr(a), repr(b), repr(x), upper,
                                              num(beta_tail(a, b, x, upper)))


# ---- class 2: small confidences (and the usual ones) ------------------------------------------

SMALL_CONFS = [1e-6, 1e-4, 0.01, 0.2, 0.4999, 0.5, 0.95, 0.999999, 1 - 2**-40]

SHARES = [{1: 10}, {2: 1, 1: 9}, {2: 3, 1: 7}, {2: 10}, {2: 1, 1: 999}, {2: 500, 1: 500},
          {2: 999, 1: 1}, {2: 7, 1: 999993}]
NETS = [{8: 1}, {10: 1}, {10: 60, 0: 10, 8: 30}, {10: 3, 0: 5, 7: 2}, {10: 1, 0: 1, 8: 1},
        {10: 2, 7: 999998}]
MEANS = [{1: 1, 7: 1}, {3: 1, 4: 1, 5: 2}, {1: 3, 6: 9, 7: 40}, {2: 10, 3: 20, 4: 30}]


def rows_small_confidence():
    for conf in SMALL_CONFS:
        for counts in SHARES:
            for method in INTERVAL_METHODS["POSITIVE_SHARE"]:
                yield interval_row(Sample("CSAT_BINARY", counts), "POSITIVE_SHARE", method, conf)
        for counts in NETS:
            for method in INTERVAL_METHODS["NET"]:
                yield interval_row(Sample("NPS", counts), "NET", method, conf)
        for counts in MEANS:
            yield interval_row(Sample("CES_7", counts), "MEAN", "T", conf)


def compare_pairs_small():
    shares = [Sample("CSAT_BINARY", c) for c in SHARES]
    nets = [Sample("NPS", c) for c in NETS]
    means = [Sample("CES_7", c) for c in MEANS]
    pairs = []
    for group, quantity in ((shares, "POSITIVE_SHARE"), (nets, "NET"), (means, "MEAN")):
        for i in range(len(group)):
            pairs.append((group[i], group[(i + 1) % len(group)], quantity))
    return pairs


def rows_small_confidence_compare():
    for conf in SMALL_CONFS:
        for a, b, quantity in compare_pairs_small():
            for method in COMPARE_METHODS[quantity]:
                yield compare_row(a, b, quantity, method, conf)


# ---- class 3: limits near zero ------------------------------------------------------------------

def conf_for_z(z):
    return float(mp.erf(z / mp.sqrt(2)))


def conf_for_t(t, df):
    return float(t_central(t, df))


NEAR_ZERO_FRACTIONS = [mpf("1e-3"), mpf("1e-6"), mpf("1e-9")]


def near_zero_confs(limit_at, critical_to_conf, root=None):
    """Confidences at which limit_at(critical value) lies near 0: the root
    w* of limit_at (by bisection, unless given), then w* (1 -+ fraction), each
    as a double confidence."""
    if root is None:
        lo, hi = mpf("1e-6"), mpf(40)
        sign_lo = limit_at(lo) > 0
        for _ in range(80):  # 40 / 2^80: far below a double's resolution
            mid = (lo + hi) / 2
            if (limit_at(mid) > 0) == sign_lo:
                lo = mid
            else:
                hi = mid
        root = (lo + hi) / 2
    out = []
    for f in NEAR_ZERO_FRACTIONS:
        for w in (root * (1 - f), root * (1 + f)):
            c = critical_to_conf(w)
            if 0 < c < 1:
                out.append(c)
    return out


def near_zero_interval_rows(sample, quantity, method):
    if quantity == "MEAN":
        df = sample.n - 1
        mean, se = sample.mean(), mp.sqrt(sample.variance() / sample.n)
        confs = near_zero_confs(lambda t: mean - t * se, lambda t: conf_for_t(t, df))
    elif method == "SCORE":
        # Tango's lower limit solves Z(delta) = z, so it is 0 at z = Z(0).
        root = pub.tango_score(sample.positive, sample.negative, sample.n, 0)
        confs = near_zero_confs(None, conf_for_z, root)
    else:
        def low_at(z):
            c = float(mp.erf(z / mp.sqrt(2)))
            return interval(sample, quantity, method, c)[2]
        confs = near_zero_confs(low_at, conf_for_z)
    for c in confs:
        yield interval_row(sample, quantity, method, c)


def near_zero_compare_rows(a, b, quantity, method):
    if quantity == "MEAN":
        d, se, _, df = welch(a, b, 0.5)[:4]
        confs = near_zero_confs(lambda t: d - t * se, lambda t: conf_for_t(t, df))
    else:
        def low_at(z):
            return compare(a, b, quantity, method, float(mp.erf(z / mp.sqrt(2))))[5]
        confs = near_zero_confs(low_at, conf_for_z)
    for c in confs:
        yield compare_row(a, b, quantity, method, c)


def rows_near_zero():
    # issue 27's example: Tango's lower limit 5.2417e-4 points from an estimate of 11.4
    easy = Sample("NET_EASY_7", {1: 9, 2: 13, 3: 5, 5: 2, 6: 8, 7: 7})
    yield interval_row(easy, "NET", "SCORE", 0.5766389916404819)
    yield from near_zero_interval_rows(easy, "NET", "SCORE")
    cases = [
        (Sample("CSAT_BINARY", {2: 3, 1: 7}), "POSITIVE_SHARE", "WALD"),
        (Sample("CSAT_BINARY", {2: 5, 1: 999995}), "POSITIVE_SHARE", "WALD"),
        (Sample("CSAT_BINARY", {2: 2, 1: 98}), "POSITIVE_SHARE", "AGRESTI_COULL"),
        (Sample("NPS", {10: 4, 0: 1, 8: 1}), "NET", "WALD"),
        (Sample("NPS", {10: 1}), "NET", "ADJUSTED_WALD"),  # centre 25, the example
        (Sample("NPS", {10: 60, 0: 10, 8: 30}), "NET", "ADJUSTED_WALD"),
        (Sample("NPS", {10: 3, 0: 1, 8: 2}), "NET", "SCORE"),
        (Sample("CES_7", {1: 1, 7: 1}), "MEAN", "T"),
        (Sample("CES_7", {1: 3, 2: 1, 7: 1}), "MEAN", "T"),
    ]
    for sample, quantity, method in cases:
        yield from near_zero_interval_rows(sample, quantity, method)


def rows_near_zero_compare():
    pairs = [
        (Sample("CSAT_BINARY", {2: 7, 1: 3}), Sample("CSAT_BINARY", {2: 4, 1: 6}),
         "POSITIVE_SHARE", "WALD"),
        (Sample("CSAT_BINARY", {2: 70, 1: 30}), Sample("CSAT_BINARY", {2: 60, 1: 40}),
         "POSITIVE_SHARE", "WILSON"),
        (Sample("NPS", {10: 60, 0: 10, 8: 30}), Sample("NPS", {10: 40, 0: 25, 8: 15}), "NET",
         "ADJUSTED_WALD"),
        (Sample("NPS", {10: 6, 0: 1, 8: 3}), Sample("NPS", {10: 3, 0: 3, 8: 4}), "NET", "WALD"),
        (Sample("CES_7", {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}),
         Sample("CES_7", {1: 5, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1, 7: 1}), "MEAN", "T"),
    ]
    for a, b, quantity, method in pairs:
        yield from near_zero_compare_rows(a, b, quantity, method)


# ---- class 4: near-constant huge samples; Welch in the far tail --------------------------------

HUGE_NS = [2**53 + 1, 10**18, 3907357015462285056, 2**63, 2**64 - 1]


def near_constant_samples():
    for n in HUGE_NS:
        yield Sample("CSAT_BINARY", {2: n - 1, 1: 1})  # issue 27's example at n = 3907357015462285056
        yield Sample("CES_7", {4: n - 2, 1: 1, 7: 1})
        yield Sample("NPS", {10: n - 3, 0: 2, 9: 1})


def rows_spread():
    for s in near_constant_samples():
        yield "{%s, %s, %s}," % (s.literal(), num(s.mean()), num(mp.sqrt(s.variance())))


def rows_near_constant_intervals():
    for s in near_constant_samples():
        for conf in (1e-6, 0.95, 1 - 2**-40):
            yield interval_row(s, "MEAN", "T", conf)


def rows_welch_tails():
    # issue 27's sweep case (scale 0..1 there; the same moments on CSAT_2)
    small = Sample("CSAT_BINARY", {1: 5, 2: 39062554})
    yield compare_row(small, Sample("CSAT_BINARY", {1: 443, 2: 246242}), "MEAN", "T", 0.9999)
    # t near sqrt(k): p-values from 1e-88 to 1e-299
    for n, k in ((10**6, 400), (10**7, 900), (10**8, 1296), (10**9, 1369)):
        a = Sample("CSAT_BINARY", {1: 1, 2: n})
        b = Sample("CSAT_BINARY", {1: k, 2: n // 4})
        yield compare_row(a, b, "MEAN", "T", 0.95)
    # a near-constant huge sample against a small one: df near the small one's
    for n in (2**53 + 1, 2**64 - 1):
        a = Sample("CES_7", {4: n - 2, 1: 1, 7: 1})
        yield compare_row(a, Sample("CES_7", {3: 400, 4: 550, 5: 50}), "MEAN", "T", 0.95)
        yield compare_row(a, Sample("CES_7", {4: 999, 5: 1}), "MEAN", "T", 1 - 2**-40)


# ---- Jeffreys and Clopper-Pearson at any counts ------------------------------------------------

BIG_NS = [10**9, 2**64 - 1]


def rows_beta_limits():
    for n in BIG_NS:
        xs = sorted({0, 1, n // 3, n - 1, n})
        for x in xs:
            s = Sample("CSAT_BINARY", {2: x, 1: n - x})
            for conf in (1e-6, 0.95, 1 - 2**-40):
                yield interval_row(s, "POSITIVE_SHARE", "JEFFREYS", conf)
            if x in (1, n // 3, n - 1):
                yield interval_row(s, "POSITIVE_SHARE", "CLOPPER_PEARSON", 0.95)


# ---- output -------------------------------------------------------------------------------------

def table(ctype, name, comment, rows):
    print("/* %s */" % comment)
    print("static const %s %s[] = {" % (ctype, name))
    for r in rows:
        print("    %s" % r)
        sys.stdout.flush()
    print("};")
    print()


def header(what):
    print("/* Generated by tests/reference/extremes.py %s (mpmath %s, %d digits, from the"
          % (what, mp.__version__, DPS))
    print(" * published definitions and the integer counts); do not edit. */")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "special":
        header(what)
        table("struct tdf_p", "T_CDF_TAILS", "{t, df, P(T <= t)}: tails to 1e-300, df 1 to 1e9",
              rows_t_tails())
        table("struct pdf_q", "CRITICAL", "{c, df (INFINITY: normal), x with P(|T| <= x) = c}",
              rows_critical())
        table("struct beta_case", "BETA_INC_HUGE_PARAMETERS",
              "{a, b, x, upper, tail}: quadrature, -30 to 30 standard deviations", rows_beta_huge())
    elif what == "stats":
        header(what)
        table("extreme_interval", "small_confidence_intervals", "class 2: confidences from 1e-6",
              rows_small_confidence())
        table("extreme_comparison", "small_confidence_comparisons", "class 2: comparisons",
              rows_small_confidence_compare())
        table("extreme_interval", "near_zero_intervals", "class 3: limits near zero",
              rows_near_zero())
        table("extreme_comparison", "near_zero_comparisons", "class 3: comparisons",
              rows_near_zero_compare())
        table("extreme_spread", "near_constant_spreads", "class 4: {sample, mean, stddev}",
              rows_spread())
        table("extreme_interval", "near_constant_intervals", "class 4: t intervals",
              rows_near_constant_intervals())
        table("extreme_comparison", "welch_tails", "classes 1 and 4: Welch",
              rows_welch_tails())
        table("extreme_interval", "beta_limit_intervals",
              "Jeffreys and Clopper-Pearson at any counts", rows_beta_limits())
    else:
        sys.exit("usage: extremes.py special|stats > file.h")


if __name__ == "__main__":
    main()
