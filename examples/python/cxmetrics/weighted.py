"""The weighted accumulator (cxm_wacc, since 1.2): per rating, the exact sums
of the responses c, of their weights W and of the squared weights Q, with
design-based statistics (docs/statistics.md, "Weighted responses")."""

from __future__ import annotations

import dataclasses
from ctypes import byref, c_uint64, c_void_p
from typing import Optional, Union

from . import _arguments as arg
from ._arguments import Integer, Name
from ._library import _Comparison, _Interval, _Scale, _Snapshot, lib, new_struct
from ._native import Native, caller_memory, encoded, formatted, owned_arg
from .accumulator import Accumulator, bytes_arg
from .errors import ERR_ARG, check, error, fail
from .names import method_arg, quantity_arg
from .results import Comparison, Interval, Snapshot, comparison, from_struct, interval
from .scale import Scale, _headline_word, scale_arg

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


class WeightedAccumulator(Native):
    """Responses with positive integer weights in a unit the caller chooses
    (dollars of ARR, survey weights times 1000), kept exactly (cxm_wacc):
    merges, subtracts, encodes and parses like Accumulator, and gives
    design-based intervals (Korn-Graubard, Wald-t, logit) and Welch-type
    comparisons. A weight says how much one respondent stands for, never how
    many respondents there were: k identical answers are a count, for
    Accumulator.add(rating, k). A context manager, freed by the garbage
    collector otherwise."""

    _what = "weighted accumulator"

    def __init__(self, scale: Union[Scale, str], *, _pointer: Optional[c_void_p] = None,
                 _keepalive: object = None) -> None:
        library = lib()
        if _pointer is None:
            pointer = c_void_p()
            check(library.cxm_wacc_new(byref(scale_arg(scale)._to_c()), byref(pointer)))
        else:
            pointer = _pointer
        self._lib = library
        self._own(pointer, library.cxm_wacc_free, _keepalive)

    @classmethod
    def _wrap(cls, pointer: c_void_p, keepalive: object = None) -> WeightedAccumulator:
        return cls("", _pointer=pointer, _keepalive=keepalive)

    @staticmethod
    def footprint(scale: Union[Scale, str]) -> int:
        """Bytes a weighted accumulator on this scale occupies (cxm_wacc_footprint)."""
        s = scale_arg(scale)
        size: int = lib().cxm_wacc_footprint(byref(s._to_c()))
        if size == 0:
            s.check()  # raises the reason
        return size

    @classmethod
    def in_memory(cls, scale: Union[Scale, str]) -> WeightedAccumulator:
        """A weighted accumulator in Python-owned memory (cxm_wacc_init)."""
        s = scale_arg(scale)
        size = cls.footprint(s)
        raw, address = caller_memory(size)
        pointer = c_void_p()
        check(lib().cxm_wacc_init(address, size, byref(s._to_c()), byref(pointer)))
        return cls._wrap(pointer, raw)

    @classmethod
    def from_bytes(cls, data: bytes) -> WeightedAccumulator:
        """A weighted accumulator from to_bytes() output (cxm_wacc_decode)."""
        data = bytes_arg(data)
        pointer = c_void_p()
        check(lib().cxm_wacc_decode(data, len(data), byref(pointer)))
        return cls._wrap(pointer)

    @classmethod
    def parse(cls, form: str) -> WeightedAccumulator:
        """A weighted accumulator from its text form, e.g.
        "nps[6:1/40/1600,9:2/150/12500]" (cxm_wacc_parse)."""
        data = arg.text(form, "weighted accumulator text")
        pointer = c_void_p()
        check(lib().cxm_wacc_parse(data, len(data), byref(pointer)), f"weighted {form!r}")
        return cls._wrap(pointer)

    def clone(self) -> WeightedAccumulator:
        pointer = c_void_p()
        check(self._lib.cxm_wacc_clone(self._handle(), byref(pointer)))
        return self._wrap(pointer)

    __copy__ = clone

    # -- recording --

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

    def reset(self) -> None:
        check(self._lib.cxm_wacc_reset(self._handle()))

    def merge(self, other: WeightedAccumulator) -> WeightedAccumulator:
        """self += other (same scale). Returns self."""
        check(self._lib.cxm_wacc_merge(self._handle(),
                                       owned_arg(other, WeightedAccumulator)._handle()))
        return self

    def subtract(self, other: WeightedAccumulator) -> WeightedAccumulator:
        """self -= other, the exact inverse of merge. Returns self."""
        check(self._lib.cxm_wacc_subtract(self._handle(),
                                          owned_arg(other, WeightedAccumulator)._handle()))
        return self

    def __iadd__(self, other: WeightedAccumulator) -> WeightedAccumulator:
        return self.merge(other)

    def __add__(self, other: WeightedAccumulator) -> WeightedAccumulator:
        return self.clone().merge(other)

    def __isub__(self, other: WeightedAccumulator) -> WeightedAccumulator:
        return self.subtract(other)

    def __sub__(self, other: WeightedAccumulator) -> WeightedAccumulator:
        return self.clone().subtract(other)

    # -- reading --

    @property
    def scale(self) -> Scale:
        out = new_struct(_Scale)
        check(self._lib.cxm_wacc_scale(self._handle(), byref(out)))
        return Scale._from_c(out)

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

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WeightedAccumulator):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()  # the encoding is canonical

    __hash__ = None  # type: ignore[assignment]  # mutable

    def snapshot(self) -> Snapshot:
        """Counts of responses, weighted shares, net, mean and stddev, the
        headline's 95 % interval by the weighted default method, the weight
        total and Kish's effective sample size (cxm_wacc_snapshot)."""
        out = new_struct(_Snapshot)
        check(self._lib.cxm_wacc_snapshot(self._handle(), byref(out)))
        return from_struct(out, Snapshot, headline=_headline_word(out.headline))

    def interval(self, quantity: Name = "headline", method: Name = "default",
                 confidence: float = 0.95) -> Interval:
        """A design-based interval: shares "clopper-pearson" (Korn-Graubard,
        the default), "wald" or "logit"; net "wald"; mean "t"."""
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Interval)
        check(self._lib.cxm_wacc_interval(self._handle(), q, m, c, byref(out)))
        return interval(out)

    def compare(self, other: WeightedAccumulator, quantity: Name = "headline",
                method: Name = "default", confidence: float = 0.95) -> Comparison:
        """self - other for two independent weighted samples (Welch-type t)."""
        b = owned_arg(other, WeightedAccumulator)._handle()
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Comparison)
        check(self._lib.cxm_wacc_compare(self._handle(), b, q, m, c, byref(out)))
        return comparison(out)

    def to_bytes(self) -> bytes:
        """The portable, canonical encoding (cxm_wacc_encode)."""
        return encoded(self._lib.cxm_wacc_encoded_size, self._lib.cxm_wacc_encode,
                       self._handle())

    def __str__(self) -> str:
        """The canonical text form (cxm_wacc_format), e.g. "nps[9:2/150/12500]"."""
        return formatted(self._lib.cxm_wacc_format, self._handle(), WACC_TEXT_MAX)

    def __repr__(self) -> str:
        if self.closed:
            return "<cxmetrics.WeightedAccumulator (closed)>"
        return f"<cxmetrics.WeightedAccumulator {self}>"
