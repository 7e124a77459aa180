"""The cost of the binding against C, measured in one run:

    CXM_LIBRARY=build/lib/libcxmetrics.so python3 examples/python/bench_cxmetrics.py \\
        build/tests/bench/cxm-bench

First cxm-bench gives the C figures (one cxm_acc_add, and cxm_acc_add_many_u8
per rating, on 10^6 NPS ratings, median of 7); then the same work through
this module, median of 7 repetitions of 10^6 ratings, printed as rows of
docs/performance.md's "Bindings" table.
"""
import array
import os
import platform
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cxmetrics as cxm  # noqa: E402
from cxmetrics import _library  # noqa: E402

N = 1_000_000
REPS = 7


def c_figures(bench):
    text = subprocess.run([bench, "-n", str(N), "-r", str(REPS), "-q", "0"], check=True,
                          capture_output=True, text=True).stdout
    row = lambda name: float(re.search(rf"^{name}\s+([\d.]+)", text, re.M).group(1))  # noqa: E731
    return {"add": row("add"), "add_many_u8": row("add_many_u8"),
            "add_many": row("add_many"), "header": text.splitlines()[0]}


def timed(body):
    """ns per rating of body(acc), median of REPS on a fresh accumulator each."""
    samples = []
    for _ in range(REPS):
        with cxm.Accumulator(cxm.Scale.preset("nps")) as acc:
            start = time.perf_counter_ns()
            body(acc)
            samples.append((time.perf_counter_ns() - start) / N)
            assert acc.total == N, acc.total
    return statistics.median(samples)


def add_each(ratings):
    def body(acc):
        add = acc.add
        for rating in ratings:
            add(rating)
    return body


def add_calls(calls):
    """calls add() calls and nothing else: run under callgrind with two
    counts, the difference of the instruction counts over the difference of
    the counts is the instructions of one call (docs/performance.md)."""
    with cxm.Accumulator(cxm.Scale.preset("nps")) as acc:
        for i in range(calls):
            acc.add(i % 11)
        assert acc.total == calls


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--add-calls":
        return add_calls(int(sys.argv[2]))
    if len(sys.argv) != 2:
        sys.exit("usage: bench_cxmetrics.py path/to/cxm-bench | --add-calls N")
    seed, data = 0x5EED2024, bytearray(N)
    for i in range(N):
        seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
        data[i] = (seed >> 16) % 11
    data = bytes(data)
    ints = array.array("i", list(data))  # from bytes it would reinterpret them
    listed = list(data)
    c = c_figures(sys.argv[1])
    lib = _library.lib()
    rows = [
        ("`add(r)`, one call per rating", timed(add_each(listed)), c["add"]),
        ("the bare ctypes call of `cxm_acc_add`",
         timed(lambda acc: [lib.cxm_acc_add(acc._ptr, r) for r in listed]), c["add"]),
        ("`add_many(bytes)`, 10^6 ratings", timed(lambda acc: acc.add_many(data)),
         c["add_many_u8"]),
        ("`add_many(array('i'))`, 10^6 ratings", timed(lambda acc: acc.add_many(ints)),
         c["add_many"]),
        ("`add_many(list)`, 10^6 ratings (packed first)",
         timed(lambda acc: acc.add_many(listed)), c["add_many"]),
    ]
    print(f"Python {platform.python_version()} (ctypes); C: {c['header']}")
    print("| path | ns/rating | C ns/rating | × C |")
    print("|---|---:|---:|---:|")
    for name, ns, base in rows:
        print(f"| {name} | {ns:.3f} | {base:.3f} | {ns / base:.1f} |")


if __name__ == "__main__":
    main()
