#!/usr/bin/python3
"""The largest weighted encoding and the longest weighted text, by search.

docs/format.md ("Weighted accumulators", "Size" and "Length") derives
CXM_WACC_ENCODED_MAX = 3378 and CXM_WACC_TEXT_MAX = 8022 by hand; this script
checks the derivation by an exhaustive search, independently of cxmetrics'
code. A listed rating's bytes (or digits) depend on its sums c, W and Q. For
a given W the most come from c = W (c <= W) and the Q in [W, W (2^32 - 1)]
with the most bytes (or digits), a state the cell invariants allow. So each
rating costs its W and yields f(W), a step function of W; the search finds,
for each value of f, the smallest W reaching it, then a dynamic program over
the 101 ratings maximizes the sum of f with the weights summing to at most
2^64 - 1 (every rating listed: each adds at least its gap and separators).

    python3 tests/reference/wacc_limits.py
"""
M = 2**32 - 1
BUDGET = 2**64 - 1
RATINGS = 101


def varint_bytes(v):
    n = 1
    while v >= 0x80:
        v >>= 7
        n += 1
    return n


def squares_bytes(w):
    """The most bytes of Q (its high and low 64-bit words as varints) for
    W <= Q <= W M: the largest Q, or the largest one below it whose low word
    takes 10 bytes (>= 2^63)."""
    top = w * M
    best = varint_bytes(top >> 64) + varint_bytes(top & (2**64 - 1))
    high = top >> 64
    if high >= 1 and (high << 64) - 1 >= w:
        best = max(best, varint_bytes(high - 1) + 10)
    return best


def encoding_bytes(w):
    return 2 * varint_bytes(w) + squares_bytes(w)


def text_digits(w):
    return 2 * len(str(w)) + len(str(w * M))


def levels(f):
    """{value: the smallest W with f(W) >= value}, f non-decreasing."""
    out = {}
    for value in range(f(1), f(BUDGET) + 1):
        lo, hi = 1, BUDGET
        while lo < hi:
            mid = (lo + hi) // 2
            if f(mid) >= value:
                hi = mid
            else:
                lo = mid + 1
        out[value] = lo
    return out


def check_monotone(f, lv):
    points = sorted({w + d for w in lv.values() for d in range(-3, 4) if 1 <= w + d <= BUDGET})
    values = [f(w) for w in points]
    assert values == sorted(values), "f is not non-decreasing"


def best(f):
    """The largest sum of f over RATINGS weights summing to at most BUDGET."""
    lv = levels(f)
    check_monotone(f, lv)
    frontier = {0: 0}  # sum of f -> the least total weight reaching it
    for _ in range(RATINGS):
        grown = {}
        for total, cost in frontier.items():
            for value, weight in lv.items():
                if cost + weight <= BUDGET and grown.get(total + value, BUDGET + 1) > cost + weight:
                    grown[total + value] = cost + weight
        frontier, cheapest = {}, BUDGET + 1
        for total in sorted(grown, reverse=True):  # keep only the undominated
            if grown[total] < cheapest:
                frontier[total], cheapest = grown[total], grown[total]
    top = max(frontier)
    return top, frontier[top]


sums, weight = best(encoding_bytes)
# 30 bytes of magic, version and scale, 1 of k, 101 gaps of 1, 4 of CRC
print(f"encoding: sums {sums} bytes (weights {weight}), CXM_WACC_ENCODED_MAX = {30 + 1 + 101 + sums + 4}")
digits, weight = best(text_digits)
# 80 of scale; "[" "]", 101 ratings of 11 characters, 101 ":", 202 "/", 100 ","
print(f"text: {digits} digits (weights {weight}), CXM_WACC_TEXT_MAX = {80 + 2 + 1111 + 101 + 202 + 100 + digits + 1}")
