"""A program that must not type-check: check_types.py asserts that mypy
--strict reports exactly the error written at its end, and nothing else. A
rating is an integer; the binding refuses a str at run time (TypeError), and
its type hints refuse it before the program runs."""
import cxmetrics

with cxmetrics.Accumulator("nps") as acc:
    acc.add("9")

# expected: misuse.py:8: error: Argument 1 to "add" of "Accumulator" has incompatible type "str"; expected "SupportsIndex"  [arg-type]
