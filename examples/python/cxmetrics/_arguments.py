"""Arguments checked before they reach C, where ctypes would silently wrap
or truncate them (2**32 + 4 as a c_int is 4; 4.9 as a c_int32 is 4).

One rule for every method of the module:
  - a value of the wrong type (a float, a str or a bool where an integer
    belongs; anything but a number for a confidence) is a TypeError;
  - an integer beyond what the C parameter holds is refused with the
    exception the library gives for an invalid value of that argument
    (RangeError for a rating, ArgumentError for a quantity, a method, a
    bucket or a capacity, CountOverflowError for a count past UINT64_MAX);
  - nothing is ever replaced by a default.
"""

from __future__ import annotations

import operator
from typing import SupportsIndex, Union

from .errors import ERR_ARG, ERR_OVERFLOW, ERR_RANGE, fail

INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
UINT32_MAX = 2 ** 32 - 1
UINT64_MAX = 2 ** 64 - 1

# An integer argument: an int, or anything with __index__ (numpy's integers).
Integer = SupportsIndex

# A quantity or a method: the library's name ("positive-share", "wilson") or
# its CXM_* number.
Name = Union[str, int]


def integer(value: object, what: str) -> int:
    """An int (or anything with __index__, as numpy's integers), never a float,
    a string or a bool: add(4.9) is not add(4), add("3") is not add(3), and
    True is not a rating. TypeError otherwise, before any call."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, not a bool")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(value).__name__} "
                        f"{value!r}") from None


def int32(value: object, what: str, status: int) -> int:
    """An integer that a C int32_t (or int) parameter holds; else the
    library's status for an invalid value of that argument."""
    number = integer(value, what)
    if not INT32_MIN <= number <= INT32_MAX:
        fail(status, f"{what} {number} is not a 32-bit integer")
    return number


def rating(value: object, what: str = "rating") -> int:
    return int32(value, what, ERR_RANGE)


def count(value: object) -> int:
    number = integer(value, "count")
    if number < 0:
        fail(ERR_ARG, f"count {number} is negative")
    if number > UINT64_MAX:
        fail(ERR_OVERFLOW, f"count {number} exceeds UINT64_MAX")
    return number


def bucket(value: object, what: str = "bucket") -> int:
    """A bucket number or head; the library answers CXM_ERR_ARG past 2^62,
    and the same answer comes from here past int64."""
    number = integer(value, what)
    if not INT64_MIN <= number <= INT64_MAX:
        fail(ERR_ARG, f"{what} {number} is not a 64-bit integer")
    return number


def capacity(value: object) -> int:
    number = integer(value, "capacity")
    if not 0 <= number <= UINT32_MAX:
        fail(ERR_ARG, f"capacity {number} is out of range")
    return number


def number(value: object, what: str) -> float:
    """A real number for a C double: an int or a float, never a bool or a
    str; the library judges its range. An int beyond any double is refused
    as the library refuses an invalid value."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        fail(ERR_ARG, f"{what} {value} is beyond any double")


def confidence(value: object) -> float:
    """A number; the library refuses NaN and anything outside (0, 1)."""
    return number(value, "confidence")


def text(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value.encode("utf-8")
