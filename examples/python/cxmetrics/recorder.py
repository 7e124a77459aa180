"""The recorder (cxm_recorder, since 1.2): ratings added from any number of
threads at once, without locks, and collected exactly by one collector."""

from __future__ import annotations

from ctypes import byref, c_void_p
from typing import Optional, Union

from . import _arguments as arg
from ._arguments import INT32_MAX, INT32_MIN, Integer
from ._library import lib
from ._native import Native, caller_memory, owned_arg
from .accumulator import Accumulator
from .errors import check, error
from .scale import Scale, scale_arg


class Recorder(Native):
    """Ratings recorded from many threads at once (cxm_recorder).

    add() may run in any number of threads at the same time, and at the same
    time as one collect(): ctypes releases the GIL during each call, and the
    library takes no lock. collect() moves everything recorded so far into
    an accumulator, exactly: a rating whose add() returned before collect()
    began is in this collection; one added meanwhile is in this one or the
    next, never both, never neither. One collector at a time; close() (or
    the end of a with block) needs every other thread done with it."""

    _what = "recorder"

    def __init__(self, scale: Union[Scale, str], *, _pointer: Optional[c_void_p] = None,
                 _keepalive: object = None) -> None:
        library = lib()
        self._scale = scale_arg(scale)
        if _pointer is None:
            pointer = c_void_p()
            check(library.cxm_recorder_new(byref(self._scale._to_c()), byref(pointer)))
        else:
            pointer = _pointer
        self._lib = library
        self._own(pointer, library.cxm_recorder_free, _keepalive)

    @staticmethod
    def footprint(scale: Union[Scale, str]) -> int:
        """Bytes a recorder on this scale occupies (cxm_recorder_footprint)."""
        s = scale_arg(scale)
        size: int = lib().cxm_recorder_footprint(byref(s._to_c()))
        if size == 0:
            s.check()  # raises the reason
        return size

    @classmethod
    def in_memory(cls, scale: Union[Scale, str]) -> Recorder:
        """A recorder placed in Python-owned memory (cxm_recorder_init): the
        library allocates nothing for it."""
        s = scale_arg(scale)
        size = cls.footprint(s)
        raw, address = caller_memory(size)
        pointer = c_void_p()
        check(lib().cxm_recorder_init(address, size, byref(s._to_c()), byref(pointer)))
        return cls(s, _pointer=pointer, _keepalive=raw)

    @property
    def scale(self) -> Scale:
        return self._scale

    def add(self, rating: Integer, count: Integer = 1) -> None:
        """Record one rating, or `count` copies of it, from any thread
        (cxm_recorder_add[_count])."""
        if type(count) is int and count == 1:
            if type(rating) is not int or not INT32_MIN <= rating <= INT32_MAX:
                rating = arg.rating(rating)
            status = self._lib.cxm_recorder_add(self._handle(), rating)
        else:
            status = self._lib.cxm_recorder_add_count(self._handle(), arg.rating(rating),
                                                      arg.count(count))
        if status:
            raise error(status, f"rating {rating}")

    def collect(self, into: Optional[Accumulator] = None) -> Accumulator:
        """Move everything recorded so far into `into` (into += it), or into
        a new Accumulator of the recorder's scale; returns the accumulator.
        On error (MismatchError, CountOverflowError) `into` is unchanged and
        every rating stays in the recorder (cxm_recorder_collect)."""
        target = Accumulator(self._scale) if into is None else owned_arg(into, Accumulator)
        status = self._lib.cxm_recorder_collect(self._handle(), target._handle())
        if status != 0 and into is None:
            target.close()
        check(status)
        return target

    def __repr__(self) -> str:
        return f"<cxmetrics.Recorder {self._scale}{' (closed)' if self.closed else ''}>"
