"""Expected numbers of the weighted report of the export sample
(data/helpdesk-export.csv, weighted by its "Account ARR" column), computed
independently of cxmetrics: the sums per rating of responses c, weights W
and squared weights Q as exact integers (fractions), then the design-based
statistics of R's survey package for svydesign(ids = ~1, weights = ~w):

- theta = sum of y_r W_r / W, with y_r = 100 in the band for a share (CSAT
  positive share), 100 / 0 / -100 for the net score (NPS), r for the mean
  (CES); v = n / (n - 1) * sum of Q_r (y_r - theta)^2 / W^2; n_effective =
  W^2 / Q (Kish);
- intervals: a share by Korn and Graubard's Clopper-Pearson interval at the
  effective sample size n* = p (1 - p) / v (n when p is 0 or 1) and x* = n* p
  (svyciprop(method = "beta")); the net score theta +- t(n - 1) sqrt(v)
  clipped to [-100, 100]; the mean theta +- t(n - 1) sqrt(v);
- changes: difference of the thetas, se = sqrt(v_a + v_b), a two-sided t test
  with the Welch-Satterthwaite df, the interval difference +- t(df) se
  (clipped for a share to [-100, 100], for net to [-200, 200]); undefined when
  a side has fewer than 2 answers or both have v = 0;
- q: R's p.adjust (BH) over every change between two whole periods;
- compare-periods --weight of the export before 1 June 2026 against from it
  (expected-compare-weighted.csv).

Beta and t quantiles by mpmath at 40 digits. Regenerate (needs mpmath and R):

    python3 examples/report/tests/expected_weighted.py examples/data examples/report/tests
"""
import csv
import datetime
import os
import sys
from fractions import Fraction

import mpmath as mp

import expected as e

BANDS = e.EXPORT_BANDS
HEADLINE = {"csat": "share", "nps": "net", "ces": "mean"}
METHODS = {"csat": "clopper-pearson", "nps": "wald", "ces": "t"}
ALPHA = 1 - e.CONFIDENCE


def read(path):
    """(metric, segment, date, rating, weight) of every answer with a score."""
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            day = datetime.datetime.fromisoformat(r["Submitted At"]).date()
            e.COVERED.setdefault(path, []).append(day)
            if r["Score"] != "":
                rows.append((r["Survey"].lower(), r["Agent"], day, int(r["Score"]),
                             int(r["Account ARR"])))
    return rows


def y_of(metric, r):
    pos_lo, pos_hi, neg_lo, neg_hi = BANDS[metric]
    if HEADLINE[metric] == "mean":
        return Fraction(r)
    if HEADLINE[metric] == "share":
        return Fraction(100 if pos_lo <= r <= pos_hi else 0)
    return Fraction(100 if pos_lo <= r <= pos_hi else -100 if neg_lo <= r <= neg_hi else 0)


def sums(metric, answers):
    """n, theta, v (None for n < 2), W^2 / Q: exact."""
    cells = {}
    for r, w in answers:
        c, W, Q = cells.get(r, (0, 0, 0))
        cells[r] = (c + 1, W + w, Q + w * w)
    n = sum(c for c, _, _ in cells.values())
    W = sum(W for _, W, _ in cells.values())
    Q = sum(Q for _, _, Q in cells.values())
    theta = sum(y_of(metric, r) * Wr for r, (_, Wr, _) in cells.items()) / W
    v = None if n < 2 else Fraction(n, n - 1) * sum(
        Qr * (y_of(metric, r) - theta) ** 2 for r, (_, _, Qr) in cells.items()) / (W * W)
    return n, theta, v, Fraction(W * W, Q)


def mpf(x):
    return mp.mpf(x.numerator) / x.denominator


def beta_quantile(q, a, b):
    """x with I_x(a, b) = q, by bisection (the regularized incomplete beta rises in x)."""
    lo, hi = mp.mpf(0), mp.mpf(1)
    for _ in range(140):
        mid = (lo + hi) / 2
        if mp.betainc(a, b, 0, mid, regularized=True) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def interval(metric, n, theta, v):
    if HEADLINE[metric] == "share":
        p = theta / 100
        nstar = mpf(p * (1 - p) / (v / 10000)) if 0 < p < 1 else mp.mpf(n)
        x = nstar * mpf(p)
        lo = 0 if p == 0 else beta_quantile(ALPHA / 2, x, nstar - x + 1)
        hi = 1 if p == 1 else beta_quantile(1 - ALPHA / 2, x + 1, nstar - x)
        return 100 * lo, 100 * hi
    half = e.t_quantile(1 - ALPHA / 2, n - 1) * mp.sqrt(mpf(v))
    if HEADLINE[metric] == "net":
        return max(mpf(theta) - half, -100), min(mpf(theta) + half, 100)
    return mpf(theta) - half, mpf(theta) + half


def summarise(metric, answers):
    """n, n_effective, score, low, high, method, positive, neutral, negative."""
    P, N, D, n = e.counts(metric, [r for r, _ in answers])
    if n == 0:
        return [0, None, None, None, None, "", P, N, D]
    n, theta, v, neff = sums(metric, answers)
    if v is None:
        return [n, neff, theta, None, None, "", P, N, D]
    lo, hi = interval(metric, n, theta, v)
    return [n, neff, theta, lo, hi, METHODS[metric], P, N, D]


def compare(metric, a, b):
    """difference, low, high, p of a - b, or None when undefined."""
    if len(a) < 2 or len(b) < 2:
        return None
    na, ta, va, _ = sums(metric, a)
    nb, tb, vb, _ = sums(metric, b)
    if va == 0 and vb == 0:
        return None
    d, var = ta - tb, va + vb
    df = var * var / (va * va / (na - 1) + vb * vb / (nb - 1))
    se = mp.sqrt(mpf(var))
    t = mpf(d) / se
    half = e.t_quantile(1 - ALPHA / 2, mpf(df)) * se
    bound = {"share": 100, "net": 200, "mean": mp.inf}[HEADLINE[metric]]
    low, high = max(mpf(d) - half, -bound), min(mpf(d) + half, bound)
    return [d, low, high, 2 * (1 - e.t_cdf(abs(t), mpf(df))), t, mpf(df)]


def row(metric, seg, p, line, before, before_partial):
    first, last = e.month_range(p)
    now = [(r[3], r[4]) for r in line if first <= r[2] <= last]
    part = e.partial(first, last)
    out = [metric, seg, "%04d-%02d" % (p // 12, p % 12 + 1), first.isoformat(),
           last.isoformat(), "yes" if part else "no"] + summarise(metric, now)
    c = compare(metric, now, before) if before is not None else None
    if c is None:
        return out + [None, None, None, None, None, "", False], now, part
    return out + c[:4] + [None, "no", not part and not before_partial], now, part


def report(rows):
    lo = e.month_of(min(r[2] for r in rows))
    hi = e.month_of(max(r[2] for r in rows))
    out = []
    for metric, seg, line in e.lines(rows):
        before, before_partial = None, False
        for p in range(lo, hi + 1):
            r, before, before_partial = row(metric, seg, p, line, before, before_partial)
            out.append(r)
    return e.adjust_family(out)


HEADER = (e.PERIODS[:6] + ["n", "n_effective"] + e.PERIODS[7:])
SPLIT = datetime.date(2026, 6, 1)  # compare-periods: the export before it against from it


def compare_halves(rows):
    """compare-periods --weight on the export before and from SPLIT, per metric."""
    out = []
    for metric in e.METRICS:
        before = [(r[3], r[4]) for r in rows if r[0] == metric and r[2] < SPLIT]
        after = [(r[3], r[4]) for r in rows if r[0] == metric and r[2] >= SPLIT]
        _, tb, _, _ = sums(metric, before)
        _, ta, _, _ = sums(metric, after)
        d, low, high, p, t, df = compare(metric, after, before)
        out.append([metric, len(before), tb, len(after), ta, d, low, high, t, df, p])
    return out


def main():
    data, out = sys.argv[1], sys.argv[2]
    path = os.path.join(data, "helpdesk-export.csv")
    rows = read(path)
    e.BANDS.update(BANDS)
    e.COVERAGE[:] = [min(e.COVERED[path]), max(e.COVERED[path])]
    e.write(os.path.join(out, "expected-export-weighted.csv"), HEADER, report(rows))
    e.write(os.path.join(out, "expected-compare-weighted.csv"),
            ["metric", "n_before", "before", "n_after", "after", "difference", "low", "high",
             "statistic", "df", "p_value"], compare_halves(rows))


if __name__ == "__main__":
    main()
