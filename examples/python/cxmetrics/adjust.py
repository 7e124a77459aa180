"""Adjusted p-values for many comparisons at once (cxm_adjust_p, since 1.2):
exactly R's p.adjust, with the library's method names."""

from __future__ import annotations

from ctypes import byref, c_double, c_int
from typing import Iterable, List, Optional, Union

from ._arguments import int32, number, text
from ._library import lib
from .errors import ERR_ARG, check
from .names import _name_of


def adjust_name(method: int) -> Optional[str]:
    """The library's name of a CXM_ADJUST_* value ("bh"), None if unknown."""
    return _name_of(lib().cxm_adjust_name, method, "adjustment")


def parse_adjust(name: str) -> int:
    """The CXM_ADJUST_* value of a library name ("bonferroni", "holm",
    "hochberg", "bh", "by"); ArgumentError if unknown."""
    data = text(name, "adjustment")
    out = c_int()
    check(lib().cxm_adjust_parse(data, len(data), byref(out)), f"adjustment {name!r}")
    return out.value


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
    check(lib().cxm_adjust_p(buffer, len(values), code, buffer), f"method {method!r}")
    return list(buffer)
