"""Adjusted p-values for many comparisons at once (cxm_adjust_p, since 1.2):
exactly R's p.adjust, with the library's method names."""

from __future__ import annotations

from ctypes import byref, c_double, c_int
from math import isnan
from typing import Iterable, List, Optional, Union

from ._arguments import int32, number, text
from ._library import lib
from .errors import ERR_ARG, check, fail
from .names import _name_of


def adjust_name(method: int) -> Optional[str]:
    """The library's name of a CXM_ADJUST_* value ("bh"), None if unknown."""
    return _name_of(lib().cxm_adjust_name, method, "adjustment")


def parse_adjust(name: str) -> int:
    """The CXM_ADJUST_* value of a library name ("bonferroni", "holm",
    "hochberg", "bh", "by"); ArgumentError if unknown."""
    data = text(name, "adjustment")
    out = c_int()
    if lib().cxm_adjust_parse(data, len(data), byref(out)) != 0:
        fail(ERR_ARG, _unknown(name))  # its one refusal of a str
    return out.value


def _unknown(method: Union[str, int]) -> str:
    """The detail of a method the library does not know, with those it does."""
    names: List[str] = []
    while (name := adjust_name(len(names) + 1)) is not None:  # CXM_ADJUST_* count from 1
        names.append(name)
    return f"unknown method {method!r}; valid: {', '.join(names)}"


def _refusal(values: List[float], method: Union[str, int], code: int) -> str:
    """What cxm_adjust_p refused: the method, or the first p-value outside
    [0, 1] that is not NaN (NaN is a p-value it keeps as it is)."""
    if adjust_name(code) is None:
        return _unknown(method)
    index, p = next((i, p) for i, p in enumerate(values) if not (0.0 <= p <= 1.0 or isnan(p)))
    return f"the p-value at index {index} is {p!r}, outside [0, 1]"


def adjust_p(p_values: Iterable[float], method: Union[str, int]) -> List[float]:
    """The p-values adjusted for the number of them that are not NaN, in
    their order, exactly as R's p.adjust does (cxm_adjust_p): method
    "bonferroni", "holm", "hochberg", "bh" (Benjamini-Hochberg) or "by"
    (Benjamini-Yekutieli), or a CXM_ADJUST_* number. NaN stays NaN.
    ArgumentError for a p-value outside [0, 1] or an unknown method."""
    code = (parse_adjust(method) if isinstance(method, str)
            else int32(method, "adjustment", ERR_ARG))
    if isinstance(p_values, (str, bytes)):
        raise TypeError(f"p_values must be numbers, not {type(p_values).__name__}")
    values = [number(p, f"the p-value at index {i}") for i, p in enumerate(p_values)]
    buffer = (c_double * len(values))(*values)
    status = lib().cxm_adjust_p(buffer, len(values), code, buffer)
    if status == ERR_ARG:
        fail(ERR_ARG, _refusal(values, method, code))
    check(status)
    return list(buffer)
