"""Exact reference values for very large counts in tests/test_snapshot.c.

Computed with Python's decimal module at 60 significant digits straight from
the definitions in docs/metrics.md (no floating point, no cxmetrics code).
Run: python3 tests/reference/large_counts.py
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 60
Z95 = D("1.959963984540054")  # qnorm(0.975) to double precision, as docs/statistics.md gives


def describe(label, counts, lo, pos, neg):
    n = sum(counts.values())
    P = sum(c for r, c in counts.items() if pos[0] <= r <= pos[1])
    N = sum(c for r, c in counts.items() if neg[0] <= r <= neg[1])
    mean = sum(D(c) * r for r, c in counts.items()) / n
    ss = sum(D(c) * (r - mean) ** 2 for r, c in counts.items())
    sd = (ss / (n - 1)).sqrt()
    n2 = n + 3
    pp, dd = (P + D("0.75")) / n2, (N + D("0.75")) / n2
    c = pp - dd
    se = ((pp + dd - c * c) / n2).sqrt()
    print(label)
    for name, v in [("positive_share", D(100) * P / n), ("negative_share", D(100) * N / n),
                    ("net", D(100) * (P - N) / n), ("mean", mean), ("stddev", sd),
                    ("adjusted wald low", 100 * max(c - Z95 * se, D(-1))),
                    ("adjusted wald high", 100 * min(c + Z95 * se, D(1)))]:
        print(f"  {name:20} {float(v)!r:>24}   exact {v:.25}")


describe("NPS, 10^12 of every rating 0..10", {r: 10**12 for r in range(11)}, 0, (9, 10), (0, 6))
describe("NPS, 2^62 zeros, 2^62+1 tens, 3 threes", {0: 2**62, 10: 2**62 + 1, 3: 3}, 0, (9, 10), (0, 6))
describe("NPS, 2^63 nines, 2^62 sixes, 2^61 sevens", {9: 2**63, 6: 2**62, 7: 2**61}, 0, (9, 10), (0, 6))
