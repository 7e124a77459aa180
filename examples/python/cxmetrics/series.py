"""The series (cxm_series, since 1.1): a ring of accumulators indexed by
bucket numbers the caller chooses."""

from __future__ import annotations

from ctypes import byref, c_int64, c_uint32, c_void_p
from typing import Optional, Union

from . import _arguments as arg
from ._arguments import Integer
from ._library import _Scale, lib, new_struct
from ._native import Native, caller_memory, encoded, owned_arg
from ._state import bytes_arg
from .accumulator import Accumulator
from .errors import ERR_ARG, check, fail
from .scale import Scale, scale_arg

SERIES_MAX_CAPACITY = 1048576  # CXM_SERIES_MAX_CAPACITY
SERIES_BUCKET_LIMIT = 2 ** 62  # CXM_SERIES_BUCKET_LIMIT


class Series(Native):
    """A ring of accumulators indexed by bucket numbers the caller chooses
    (days in the tenant's time zone, ISO weeks, ...), retaining the
    `capacity` buckets (head - capacity, head] (cxm_series; docs/series.md).
    A context manager, freed by the garbage collector otherwise, as
    Accumulator is."""

    _what = "series"

    def __init__(self, scale: Union[Scale, str], capacity: Integer, head: Integer, *,
                 _pointer: Optional[c_void_p] = None, _keepalive: object = None) -> None:
        library = lib()
        if _pointer is None:
            pointer = c_void_p()
            check(library.cxm_series_new(byref(scale_arg(scale)._to_c()),
                                         arg.capacity(capacity), arg.bucket(head, "head"),
                                         byref(pointer)))
        else:
            pointer = _pointer
        self._lib = library
        self._own(pointer, library.cxm_series_free, _keepalive)

    @classmethod
    def _wrap(cls, pointer: c_void_p, keepalive: object = None) -> Series:
        return cls("", 0, 0, _pointer=pointer, _keepalive=keepalive)

    @staticmethod
    def footprint(scale: Union[Scale, str], capacity: Integer) -> int:
        """Bytes a series of this scale and capacity occupies."""
        s = scale_arg(scale)
        size: int = lib().cxm_series_footprint(byref(s._to_c()), arg.capacity(capacity))
        if size == 0:
            s.check()  # an invalid scale raises its reason; else the capacity
            fail(ERR_ARG, f"capacity {capacity} is out of range")
        return size

    @classmethod
    def in_memory(cls, scale: Union[Scale, str], capacity: Integer, head: Integer) -> Series:
        """A series placed in Python-owned memory (cxm_series_init)."""
        s = scale_arg(scale)
        size = cls.footprint(s, capacity)
        raw, address = caller_memory(size)
        pointer = c_void_p()
        check(lib().cxm_series_init(address, size, byref(s._to_c()), arg.capacity(capacity),
                                    arg.bucket(head, "head"), byref(pointer)))
        return cls._wrap(pointer, raw)

    @classmethod
    def from_bytes(cls, data: bytes) -> Series:
        """A series from to_bytes() output (cxm_series_decode)."""
        data = bytes_arg(data)
        pointer = c_void_p()
        check(lib().cxm_series_decode(data, len(data), byref(pointer)))
        return cls._wrap(pointer)

    def clone(self) -> Series:
        pointer = c_void_p()
        check(self._lib.cxm_series_clone(self._handle(), byref(pointer)))
        return self._wrap(pointer)

    __copy__ = clone

    @property
    def scale(self) -> Scale:
        out = new_struct(_Scale)
        check(self._lib.cxm_series_scale(self._handle(), byref(out)))
        return Scale._from_c(out)

    @property
    def capacity(self) -> int:
        out = c_uint32()
        check(self._lib.cxm_series_capacity(self._handle(), byref(out)))
        return out.value

    @property
    def head(self) -> int:
        out = c_int64()
        check(self._lib.cxm_series_head(self._handle(), byref(out)))
        return out.value

    def advance(self, head: Integer) -> Series:
        """Move the head forward; a head at or before the current one is a no-op."""
        check(self._lib.cxm_series_advance(self._handle(), arg.bucket(head, "head")),
              f"head {head}")
        return self

    def add(self, bucket: Integer, rating: Integer, count: Integer = 1) -> Series:
        """Record one rating, or `count` copies, in a retained bucket."""
        if type(count) is int and count == 1:
            status = self._lib.cxm_series_add(self._handle(), arg.bucket(bucket),
                                              arg.rating(rating))
        else:
            status = self._lib.cxm_series_add_count(self._handle(), arg.bucket(bucket),
                                                    arg.rating(rating), arg.count(count))
        check(status, f"bucket {bucket}, rating {rating}")
        return self

    def remove(self, bucket: Integer, rating: Integer, count: Integer = 1) -> Series:
        """Remove `count` copies of a rating from a retained bucket."""
        check(self._lib.cxm_series_remove_count(self._handle(), arg.bucket(bucket),
                                                arg.rating(rating), arg.count(count)),
              f"bucket {bucket}, rating {rating}")
        return self

    def add_accumulator(self, bucket: Integer, acc: Accumulator) -> Series:
        """Add every count of an accumulator to a retained bucket."""
        check(self._lib.cxm_series_add_acc(self._handle(), arg.bucket(bucket),
                                           owned_arg(acc, Accumulator)._handle()),
              f"bucket {bucket}")
        return self

    def sum(self, first: Integer, last: Integer,
            into: Optional[Accumulator] = None) -> Accumulator:
        """The buckets first..last summed: into += them if given, else a new
        Accumulator. Returns the accumulator."""
        target = Accumulator(self.scale) if into is None else owned_arg(into, Accumulator)
        status = self._lib.cxm_series_sum(self._handle(), arg.bucket(first, "first"),
                                          arg.bucket(last, "last"), target._handle())
        if status != 0 and into is None:
            target.close()
        check(status, f"buckets {first}..{last}")
        return target

    def merge(self, other: Series) -> Series:
        """self += other, bucket by bucket (the head advances to the later one)."""
        check(self._lib.cxm_series_merge(self._handle(), owned_arg(other, Series)._handle()))
        return self

    def to_bytes(self) -> bytes:
        """The portable, canonical encoding (cxm_series_encode)."""
        return encoded(self._lib.cxm_series_encoded_size, self._lib.cxm_series_encode,
                       self._handle())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Series):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        if self.closed:
            return "<cxmetrics.Series (closed)>"
        return f"<cxmetrics.Series {self.scale} capacity={self.capacity} head={self.head}>"
