"""What an Accumulator and a WeightedAccumulator share: a state on a scale
that the library creates, places in caller memory, clones, merges,
subtracts, encodes, formats and parses, and whose statistics it computes,
through functions of one shape under two prefixes (cxm_acc_*, cxm_wacc_*).
Each subclass names its prefix; the calls here are the same for both."""

from __future__ import annotations

from ctypes import CDLL, byref, c_void_p
from typing import Any, Optional, Type, TypeVar, Union

from . import _arguments as arg
from ._arguments import Name
from ._library import _Comparison, _Interval, _Scale, _Snapshot, lib, new_struct
from ._native import TEXT_MAX, Native, caller_memory, encoded, formatted, owned_arg
from .errors import check
from .names import method_arg, quantity_arg
from .results import Comparison, Interval, Snapshot, comparison, from_struct, interval
from .scale import Scale, _headline_word, scale_arg

_T = TypeVar("_T", bound="State")


def bytes_arg(data: object) -> bytes:
    """Encoded bytes: bytes, or any other object with the buffer protocol
    (bytearray, memoryview); TypeError for anything else (bytes(5) would be
    five zero bytes)."""
    if isinstance(data, bytes):
        return data
    try:
        return bytes(memoryview(data))  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"expected bytes, not {type(data).__name__}") from None


class State(Native):
    """A state the library keeps on a scale (see the module's docstring)."""

    _c = ""  # the C prefix: "cxm_acc", "cxm_wacc"
    _text_max = TEXT_MAX  # the largest text form, its NUL included
    _lib: CDLL

    def __init__(self, scale: Union[Scale, str], *, _pointer: Optional[c_void_p] = None,
                 _keepalive: object = None) -> None:
        library = lib()
        if _pointer is None:
            pointer = c_void_p()
            check(self._fn(library, "new")(byref(scale_arg(scale)._to_c()), byref(pointer)))
        else:
            pointer = _pointer
        self._lib = library
        self._own(pointer, self._fn(library, "free"), _keepalive)

    @classmethod
    def _fn(cls, library: CDLL, verb: str) -> Any:
        """The library's function of this state for a verb ("merge")."""
        return getattr(library, f"{cls._c}_{verb}")

    @classmethod
    def _wrap(cls: Type[_T], pointer: c_void_p, keepalive: object = None) -> _T:
        return cls("", _pointer=pointer, _keepalive=keepalive)

    # -- creation --

    @classmethod
    def footprint(cls, scale: Union[Scale, str]) -> int:
        """Bytes one on this scale occupies (cxm_*_footprint)."""
        s = scale_arg(scale)
        size: int = cls._fn(lib(), "footprint")(byref(s._to_c()))
        if size == 0:
            s.check()  # raises the reason
        return size

    @classmethod
    def in_memory(cls: Type[_T], scale: Union[Scale, str]) -> _T:
        """One placed in Python-owned memory (cxm_*_init): the library
        allocates nothing for it."""
        s = scale_arg(scale)
        size = cls.footprint(s)
        raw, address = caller_memory(size)
        pointer = c_void_p()
        check(cls._fn(lib(), "init")(address, size, byref(s._to_c()), byref(pointer)))
        return cls._wrap(pointer, raw)

    @classmethod
    def from_bytes(cls: Type[_T], data: bytes) -> _T:
        """One from to_bytes() output (cxm_*_decode); FormatError for
        anything that is not a valid encoding of this kind of state."""
        data = bytes_arg(data)
        pointer = c_void_p()
        check(cls._fn(lib(), "decode")(data, len(data), byref(pointer)))
        return cls._wrap(pointer)

    @classmethod
    def parse(cls: Type[_T], form: str) -> _T:
        """One from its text form (cxm_*_parse); FormatError for anything else."""
        data = arg.text(form, "text form")
        pointer = c_void_p()
        check(cls._fn(lib(), "parse")(data, len(data), byref(pointer)), f"text {form!r}")
        return cls._wrap(pointer)

    def clone(self: _T) -> _T:
        pointer = c_void_p()
        check(self._fn(self._lib, "clone")(self._handle(), byref(pointer)))
        return self._wrap(pointer)

    def __copy__(self: _T) -> _T:
        return self.clone()

    # -- changing --

    def reset(self) -> None:
        check(self._fn(self._lib, "reset")(self._handle()))

    def merge(self: _T, other: _T) -> _T:
        """self += other (same scale). Returns self."""
        check(self._fn(self._lib, "merge")(self._handle(), owned_arg(other, type(self))._handle()))
        return self

    def subtract(self: _T, other: _T) -> _T:
        """self -= other, the exact inverse of merge. Returns self."""
        check(self._fn(self._lib, "subtract")(self._handle(),
                                              owned_arg(other, type(self))._handle()))
        return self

    def __iadd__(self: _T, other: _T) -> _T:
        return self.merge(other)

    def __add__(self: _T, other: _T) -> _T:
        return self.clone().merge(other)

    def __isub__(self: _T, other: _T) -> _T:
        return self.subtract(other)

    def __sub__(self: _T, other: _T) -> _T:
        return self.clone().subtract(other)

    # -- reading --

    @property
    def scale(self) -> Scale:
        out = new_struct(_Scale)
        check(self._fn(self._lib, "scale")(self._handle(), byref(out)))
        return Scale._from_c(out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()  # the encoding is canonical

    __hash__ = None  # type: ignore[assignment]  # mutable

    def snapshot(self) -> Snapshot:
        """Every metric at once (cxm_*_snapshot)."""
        out = new_struct(_Snapshot)
        check(self._fn(self._lib, "snapshot")(self._handle(), byref(out)))
        return from_struct(out, Snapshot, headline=_headline_word(out.headline))

    def interval(self, quantity: Name = "headline", method: Name = "default",
                 confidence: float = 0.95) -> Interval:
        """A confidence interval; quantity and method by the library's names
        ("positive-share", "adjusted-wald") or CXM_* numbers (cxm_*_interval)."""
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Interval)
        check(self._fn(self._lib, "interval")(self._handle(), q, m, c, byref(out)))
        return interval(out)

    def compare(self: _T, other: _T, quantity: Name = "headline", method: Name = "default",
                confidence: float = 0.95) -> Comparison:
        """self - other for two independent samples (cxm_*_compare)."""
        b = owned_arg(other, type(self))._handle()
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Comparison)
        check(self._fn(self._lib, "compare")(self._handle(), b, q, m, c, byref(out)))
        return comparison(out)

    def to_bytes(self) -> bytes:
        """The portable, canonical encoding (cxm_*_encode)."""
        return encoded(self._fn(self._lib, "encoded_size"), self._fn(self._lib, "encode"),
                       self._handle())

    def __str__(self) -> str:
        """The canonical text form (cxm_*_format)."""
        return formatted(self._fn(self._lib, "format"), self._handle(), self._text_max)

    def __repr__(self) -> str:
        name = f"cxmetrics.{type(self).__name__}"
        return f"<{name} (closed)>" if self.closed else f"<{name} {self}>"
