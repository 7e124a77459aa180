"""Names of methods, quantities and headlines: the library's, no table here
(cxm_method_name / _parse, cxm_quantity_name / _parse, cxm_headline_name /
_parse)."""

from __future__ import annotations

from ctypes import byref, c_int
from typing import Any, Optional

from ._arguments import INT32_MAX, INT32_MIN, Name, integer, int32, text
from ._library import lib
from .errors import ERR_ARG, check


def _name_of(function: Any, value: object, what: str) -> Optional[str]:
    number = integer(value, what)
    if not INT32_MIN <= number <= INT32_MAX:
        return None  # no value of a C int: not a CXM_* value, and never wrapped into one
    name: Optional[bytes] = function(number)
    return None if name is None else name.decode()


def method_name(method: int) -> Optional[str]:
    """The library's name of a CXM_METHOD_* value ("wilson-cc"), None if unknown."""
    return _name_of(lib().cxm_method_name, method, "method")


def quantity_name(quantity: int) -> Optional[str]:
    """The library's name of a CXM_QUANTITY_* value ("positive-share"), None if unknown."""
    return _name_of(lib().cxm_quantity_name, quantity, "quantity")


def headline_name(headline: int) -> Optional[str]:
    """The library's word of a CXM_HEADLINE_* value, as the scale's text form
    writes it ("share", "net", "mean"); None if unknown."""
    return _name_of(lib().cxm_headline_name, headline, "headline")


def _parse_name(parser: Any, name: str, what: str) -> int:
    data = text(name, what)
    out = c_int()
    check(parser(data, len(data), byref(out)), f"{what} {name!r}")
    return out.value


def parse_method(name: str) -> int:
    """The CXM_METHOD_* value of a library name; ArgumentError if unknown."""
    return _parse_name(lib().cxm_method_parse, name, "method")


def parse_quantity(name: str) -> int:
    """The CXM_QUANTITY_* value of a library name; ArgumentError if unknown."""
    return _parse_name(lib().cxm_quantity_parse, name, "quantity")


def parse_headline(name: str) -> int:
    """The CXM_HEADLINE_* value of a library word; ArgumentError if unknown."""
    return _parse_name(lib().cxm_headline_parse, name, "headline")


def quantity_arg(value: Name) -> int:
    """A quantity argument: a library name or a CXM_QUANTITY_* number. The
    1.0 spelling with underscores ("positive_share") still reads."""
    if isinstance(value, str):
        return parse_quantity(value.replace("_", "-"))
    return int32(value, "quantity", ERR_ARG)


def method_arg(value: Name) -> int:
    """A method argument: a library name or a CXM_METHOD_* number
    ("adjusted_wald", the 1.0 spelling, still reads)."""
    if isinstance(value, str):
        return parse_method(value.replace("_", "-"))
    return int32(value, "method", ERR_ARG)


def resolved_name(name: Optional[str], number: int) -> str:
    """A quantity or method the library wrote into a result, by its name."""
    assert name is not None, f"the library resolved to {number}, which has no name"
    return name
