"""How many answers a survey needs (cxm_plan_sample_size, since 1.2)."""

from __future__ import annotations

from ctypes import byref, c_uint64
from typing import Optional, Union

from . import _arguments as arg
from ._arguments import Name
from ._library import lib
from ._native import owned_arg
from .accumulator import Accumulator
from .errors import ERR_ARG, check, fail
from .names import quantity_arg
from .scale import Scale, scale_arg


def _population(value: object) -> int:
    number = arg.integer(value, "population")
    if not 0 <= number <= arg.UINT64_MAX:
        fail(ERR_ARG, f"population {number} is not a uint64 (0 for unlimited)")
    return number


def plan_sample_size(scale: Union[Scale, str], half_width: float, *,
                     quantity: Name = "headline", confidence: float = 0.95,
                     expected: Optional[Accumulator] = None, population: int = 0) -> int:
    """The number of answers for the Wald interval of a quantity to be at
    most half_width wide on each side (in the quantity's units: percentage
    points for shares and net scores, rating units for the mean), at a
    confidence; from the variance the `expected` accumulator shows (a pilot,
    last period's answers) or, without one, the worst case; with a finite
    population (0: unlimited). plan_sample_size("nps", 5) is 1537."""
    s = scale_arg(scale)
    pilot = None if expected is None else owned_arg(expected, Accumulator)._handle()
    q, c = quantity_arg(quantity), arg.confidence(confidence)
    h = arg.number(half_width, "half_width")
    out = c_uint64()
    check(lib().cxm_plan_sample_size(byref(s._to_c()), pilot, q, c, h, _population(population),
                                     byref(out)))
    return out.value
