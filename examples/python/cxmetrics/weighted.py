"""The weighted accumulator (cxm_wacc, since 1.2): per rating, the exact sums
of the responses c, of their weights W and of the squared weights Q, with
design-based statistics (docs/statistics.md, "Weighted responses")."""

from __future__ import annotations

import dataclasses
from ctypes import byref, c_uint64
from typing import Optional

from . import _arguments as arg
from ._arguments import Integer
from ._native import owned_arg
from ._state import State
from .accumulator import Accumulator
from .errors import ERR_ARG, check, error, fail

WACC_ENCODED_MAX = 3378  # CXM_WACC_ENCODED_MAX: the longest encoding of any weighted accumulator
WACC_TEXT_MAX = 8022  # CXM_WACC_TEXT_MAX: the longest text form, its NUL included


@dataclasses.dataclass(frozen=True)
class Cell:
    """The sums of some responses: their number c, their weight W and the
    sum of their squared weights Q (up to 128 bits)."""
    count: int
    weight: int
    squares: int


def _weight(value: object) -> int:
    """A weight: an integer the library judges (0 is its ArgumentError); one
    that no uint32_t holds gets the same answer here."""
    number = arg.integer(value, "weight")
    if not 0 <= number <= arg.UINT32_MAX:
        fail(ERR_ARG, f"weight {number} is not in 1 .. 2^32 - 1")
    return number


class WeightedAccumulator(State):
    """Responses with positive integer weights in a unit the caller chooses
    (dollars of ARR, survey weights times 1000), kept exactly (cxm_wacc):
    merges, subtracts, encodes and parses like Accumulator, and gives
    design-based intervals (Korn-Graubard, Wald-t, logit) and Welch-type
    comparisons. A weight says how much one respondent stands for, never how
    many respondents there were: k identical answers are a count, for
    Accumulator.add(rating, k). A context manager, freed by the garbage
    collector otherwise.

    Creating (WeightedAccumulator(scale), in_memory, from_bytes, parse,
    clone), merging and subtracting (also the operators), snapshot() (with
    weight_total and n_effective), interval() (shares: "clopper-pearson",
    Korn-Graubard, the default; "wald", "logit"; net "wald"; mean "t"),
    compare() (Welch-type t), the encoding and the text form
    ("nps[9:2/150/12500]") are State's; recording and the sums its own."""

    _what = "weighted accumulator"
    _c = "cxm_wacc"
    _text_max = WACC_TEXT_MAX

    def add(self, rating: Integer, weight: Integer) -> None:
        """Record one response with its weight, 1 .. 2^32 - 1 (cxm_wacc_add)."""
        status = self._lib.cxm_wacc_add(self._handle(), arg.rating(rating), _weight(weight))
        if status:
            raise error(status, f"rating {rating}, weight {weight}")

    def remove(self, rating: Integer, weight: Integer) -> None:
        """Remove one response recorded with this rating and weight (cxm_wacc_remove)."""
        status = self._lib.cxm_wacc_remove(self._handle(), arg.rating(rating), _weight(weight))
        if status:
            raise error(status, f"rating {rating}, weight {weight}")

    def cell(self, rating: Integer) -> Cell:
        """One rating's sums (cxm_wacc_cell)."""
        count, weight, squares = c_uint64(), c_uint64(), (c_uint64 * 2)()
        check(self._lib.cxm_wacc_cell(self._handle(), arg.rating(rating), byref(count),
                                      byref(weight), squares), f"rating {rating}")
        return Cell(count.value, weight.value, squares[0] << 64 | squares[1])

    def totals(self) -> Cell:
        """The sums over every rating (cxm_wacc_totals)."""
        count, weight, squares = c_uint64(), c_uint64(), (c_uint64 * 2)()
        check(self._lib.cxm_wacc_totals(self._handle(), byref(count), byref(weight), squares))
        return Cell(count.value, weight.value, squares[0] << 64 | squares[1])

    def unweighted(self, into: Optional[Accumulator] = None) -> Accumulator:
        """The responses without their weights: into += the counts, or a new
        Accumulator; returns it (cxm_wacc_unweighted)."""
        target = Accumulator(self.scale) if into is None else owned_arg(into, Accumulator)
        status = self._lib.cxm_wacc_unweighted(self._handle(), target._handle())
        if status != 0 and into is None:
            target.close()
        check(status)
        return target
