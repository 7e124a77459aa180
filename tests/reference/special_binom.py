#!/usr/bin/env python3
"""Exact incomplete beta tails for huge integer parameters (mpmath, 45 digits).

R's pbeta (TOMS 708) is only good to ~1e-9 relative when a and b are both
~1e12 and x is in the far tail, so for those cases tests/test_special.c uses
this instead. For integers a, b the incomplete beta is a binomial tail,
    I_x(a, b) = P(Bin(a+b-1, x) >= a),  1 - I_x(a, b) = P(Bin(a+b-1, x) <= a-1),
summed term by term from the mode side (each term from the previous by its
exact ratio) until the terms drop below 1e-25 of the sum. A case near the
mean needs a few million terms; the whole table takes minutes.

Usage: python3 tests/reference/special_binom.py > rows.txt
"""
import mpmath as mp

mp.mp.dps = 45

CASES = [  # a, b, x (a decimal literal, read as the nearest double), upper
    (10**12, 10**12, "0.4999869", 0),
    (10**12, 10**12, "0.5000131", 1),
    (10**12, 10**12, "0.49999", 0),
    (10**12, 10**12, "0.4999992", 0),
    (10**12, 10**12, "0.5000008", 1),
    (10**12, 10**12, "0.4999999", 0),
    (5 * 10**11, 5 * 10**11 + 1, "0.5000185", 1),
    (5 * 10**11, 5 * 10**11 + 1, "0.4999985", 0),
    (5 * 10**11, 5 * 10**11 + 1, "0.5000015", 1),
    (3 * 10**11, 7 * 10**11, "0.2999863", 0),
    (3 * 10**11, 7 * 10**11, "0.3000137", 1),
    (3 * 10**11, 7 * 10**11, "0.299999", 0),
    (3 * 10**11, 7 * 10**11, "0.3000005", 1),
]

# Moderately huge pairs on a grid of standard deviations about the mean
# (R is good to only ~1e-12 here, which is the tolerance under test).
for a, b in [(10**6, 10**6), (10**5, 3 * 10**5)]:
    m = a / (a + b)
    sd = (a * b / ((a + b) ** 2 * (a + b + 1))) ** 0.5
    for k in (-20, -3, -1, 0, 1, 3, 20):
        x = repr(m + k * sd)
        CASES += [(a, b, x, 0), (a, b, x, 1)]


def beta_tail(a, b, x, upper):
    n = a + b - 1
    x = mp.mpf(float(x))  # the exact double the C test passes
    y = 1 - x
    k = a - 1 if upper else a
    term = mp.exp(mp.loggamma(n + 1) - mp.loggamma(k + 1) - mp.loggamma(n - k + 1)
                  + k * mp.log(x) + (n - k) * mp.log(y))
    total, tiny, count = mp.mpf(0), mp.mpf(10) ** -25, 0
    while 0 <= k <= n:
        total += term
        count += 1
        if upper:
            term = term * k / (n - k + 1) * y / x
            k -= 1
        else:
            term = term * (n - k) / (k + 1) * x / y
            k += 1
        if term < total * tiny and count > 10:
            break
    return total


for a, b, x, upper in CASES:
    r = beta_tail(a, b, x, upper)
    print("    {%d.0, %d.0, %s, %d, %s}," % (a, b, x, upper, mp.nstr(r, 17, min_fixed=0, max_fixed=0)))
