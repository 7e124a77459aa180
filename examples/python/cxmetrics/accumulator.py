"""The accumulator (cxm_acc): an exact histogram of ratings, and batches
handed to C without copying."""

from __future__ import annotations

import array
import ctypes
import sys
from ctypes import POINTER, byref, c_char_p, c_int32, c_size_t, c_uint8, c_uint64, c_void_p
from typing import Any, Dict, Iterable, Optional, SupportsIndex, Tuple, Union

from . import _arguments as arg
from ._arguments import INT32_MAX, INT32_MIN, Integer, Name
from ._library import _Comparison, _Interval, _Scale, _Snapshot, lib, new_struct
from ._native import Native, caller_memory, encoded, formatted, owned_arg
from .errors import ERR_RANGE, check, error, fail
from .names import method_arg, quantity_arg
from .results import Comparison, Interval, Snapshot, comparison, from_struct, interval
from .scale import Scale, _headline_word, scale_arg

ACC_FOOTPRINT_MAX = 856  # CXM_ACC_FOOTPRINT_MAX: bytes that hold an accumulator of any scale
ENCODED_MAX = 1046  # CXM_ENCODED_MAX: the longest encoding of any accumulator

# What add_many takes: bytes, bytearray and other buffers of unsigned bytes or
# native int32 (array('i'), numpy int32) without copying; any iterable of ints.
Ratings = Iterable[SupportsIndex]


def footprint(scale: Union[Scale, str]) -> int:
    """Bytes an accumulator on this scale occupies (cxm_acc_footprint)."""
    s = scale_arg(scale)
    size: int = lib().cxm_acc_footprint(byref(s._to_c()))
    if size == 0:
        s.check()  # raises the reason
    return size


class Accumulator(Native):
    """An exact histogram of ratings (cxm_acc). Use it as a context manager to
    free it at a known point; otherwise the garbage collector frees it.

    Reads (snapshot, interval, compare, counts, to_bytes, use as a merge
    source) may run in several threads at once; calls that change it need
    exclusive access, as in C. ctypes releases the GIL during each call, so
    threads working on distinct accumulators run in parallel."""

    _what = "accumulator"

    def __init__(self, scale: Union[Scale, str], *, _pointer: Optional[c_void_p] = None,
                 _keepalive: object = None) -> None:
        library = lib()
        if _pointer is None:
            pointer = c_void_p()
            check(library.cxm_acc_new(byref(scale_arg(scale)._to_c()), byref(pointer)))
        else:
            pointer = _pointer
        self._lib = library
        self._own(pointer, library.cxm_acc_free, _keepalive)

    @classmethod
    def _wrap(cls, pointer: c_void_p, keepalive: object = None) -> Accumulator:
        return cls("", _pointer=pointer, _keepalive=keepalive)

    # -- creation --

    @classmethod
    def in_memory(cls, scale: Union[Scale, str]) -> Accumulator:
        """An accumulator placed in Python-owned memory (cxm_acc_init): the
        library allocates nothing for it."""
        s = scale_arg(scale)
        size = footprint(s)
        raw, address = caller_memory(size)
        pointer = c_void_p()
        check(lib().cxm_acc_init(address, size, byref(s._to_c()), byref(pointer)))
        return cls._wrap(pointer, raw)

    @classmethod
    def from_bytes(cls, data: bytes) -> Accumulator:
        """An accumulator from to_bytes() output (cxm_acc_decode); FormatError
        for anything that is not a valid encoding."""
        data = bytes_arg(data)
        pointer = c_void_p()
        check(lib().cxm_acc_decode(data, len(data), byref(pointer)))
        return cls._wrap(pointer)

    @classmethod
    def parse(cls, form: str) -> Accumulator:
        """An accumulator from its text form, e.g. "nps{0:3,6:1,9:10,10:4}"
        (cxm_acc_parse); FormatError for anything else."""
        data = arg.text(form, "accumulator text")
        pointer = c_void_p()
        check(lib().cxm_acc_parse(data, len(data), byref(pointer)), f"accumulator {form!r}")
        return cls._wrap(pointer)

    def clone(self) -> Accumulator:
        pointer = c_void_p()
        check(self._lib.cxm_acc_clone(self._handle(), byref(pointer)))
        return self._wrap(pointer)

    __copy__ = clone

    # -- recording --

    def add(self, rating: Integer, count: Integer = 1) -> None:
        """Record one rating, or `count` copies of it (cxm_acc_add[_count])."""
        if type(count) is int and count == 1:  # 1.0 and True take the checked path
            if type(rating) is not int or not INT32_MIN <= rating <= INT32_MAX:
                rating = arg.rating(rating)  # numpy integers, or the error
            status = self._lib.cxm_acc_add(self._handle(), rating)
        else:
            status = self._lib.cxm_acc_add_count(self._handle(), arg.rating(rating),
                                                 arg.count(count))
        if status:
            raise error(status, f"rating {rating}")

    def add_many(self, ratings: Ratings) -> None:
        """Record a batch, all or nothing. bytes, bytearray and other buffers
        of unsigned bytes go through cxm_acc_add_many_u8, array('i') and
        other buffers of native int32 through cxm_acc_add_many, both without
        copying; any other iterable of ints is packed into an array('i')
        first. On RangeError, .index is the first invalid position."""
        handle = self._handle()
        batch = _zero_copy(ratings)
        if batch is None:
            batch = _packed(ratings)
        function, pointer, n, _keep = batch
        bad = c_size_t(0)
        status = getattr(self._lib, function)(handle, pointer, n, byref(bad))
        if status == ERR_RANGE:
            fail(status, f"rating at index {bad.value}", index=bad.value)
        check(status)

    def remove(self, rating: Integer, count: Integer = 1) -> None:
        """Remove previously recorded ratings (cxm_acc_remove[_count])."""
        if type(count) is int and count == 1:
            status = self._lib.cxm_acc_remove(self._handle(), arg.rating(rating))
        else:
            status = self._lib.cxm_acc_remove_count(self._handle(), arg.rating(rating),
                                                    arg.count(count))
        if status:
            raise error(status, f"rating {rating}")

    def reset(self) -> None:
        check(self._lib.cxm_acc_reset(self._handle()))

    def merge(self, other: Accumulator) -> Accumulator:
        """self += other (same scale). Returns self."""
        check(self._lib.cxm_acc_merge(self._handle(), owned_arg(other, Accumulator)._handle()))
        return self

    def subtract(self, other: Accumulator) -> Accumulator:
        """self -= other, the exact inverse of merge. Returns self."""
        check(self._lib.cxm_acc_subtract(self._handle(),
                                         owned_arg(other, Accumulator)._handle()))
        return self

    def __iadd__(self, other: Accumulator) -> Accumulator:
        return self.merge(other)

    def __add__(self, other: Accumulator) -> Accumulator:
        return self.clone().merge(other)

    def __isub__(self, other: Accumulator) -> Accumulator:
        return self.subtract(other)

    def __sub__(self, other: Accumulator) -> Accumulator:
        return self.clone().subtract(other)

    # -- reading --

    @property
    def scale(self) -> Scale:
        out = new_struct(_Scale)
        check(self._lib.cxm_acc_scale(self._handle(), byref(out)))
        return Scale._from_c(out)

    @property
    def total(self) -> int:
        out = c_uint64()
        check(self._lib.cxm_acc_total(self._handle(), byref(out)))
        return out.value

    def count(self, rating: Integer) -> int:
        out = c_uint64()
        check(self._lib.cxm_acc_count(self._handle(), arg.rating(rating), byref(out)),
              f"rating {rating}")
        return out.value

    def counts(self) -> Dict[int, int]:
        """{rating: count} for every rating of the scale, in order."""
        scale = self.scale
        out = (c_uint64 * scale.span)()
        check(self._lib.cxm_acc_counts(self._handle(), out, scale.span))
        return {scale.min + i: out[i] for i in range(scale.span)}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Accumulator):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()  # the encoding is canonical

    __hash__ = None  # type: ignore[assignment]  # mutable

    def snapshot(self) -> Snapshot:
        out = new_struct(_Snapshot)
        check(self._lib.cxm_acc_snapshot(self._handle(), byref(out)))
        return from_struct(out, Snapshot, headline=_headline_word(out.headline))

    def interval(self, quantity: Name = "headline", method: Name = "default",
                 confidence: float = 0.95) -> Interval:
        """A confidence interval; quantity and method by the library's names
        ("positive-share", "adjusted-wald", "jeffreys") or CXM_* numbers."""
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Interval)
        check(self._lib.cxm_acc_interval(self._handle(), q, m, c, byref(out)))
        return interval(out)

    def compare(self, other: Accumulator, quantity: Name = "headline",
                method: Name = "default", confidence: float = 0.95) -> Comparison:
        """self - other for two independent samples."""
        b = owned_arg(other, Accumulator)._handle()
        q, m, c = quantity_arg(quantity), method_arg(method), arg.confidence(confidence)
        out = new_struct(_Comparison)
        check(self._lib.cxm_acc_compare(self._handle(), b, q, m, c, byref(out)))
        return comparison(out)

    def to_bytes(self) -> bytes:
        """The portable, canonical encoding of scale and counts (cxm_acc_encode)."""
        return encoded(self._lib.cxm_acc_encoded_size, self._lib.cxm_acc_encode,
                       self._handle())

    def __str__(self) -> str:
        """The canonical text form (cxm_acc_format), e.g. "nps{9:2,10:1}"."""
        return formatted(self._lib.cxm_acc_format, self._handle())

    def __repr__(self) -> str:
        if self.closed:
            return "<cxmetrics.Accumulator (closed)>"
        return f"<cxmetrics.Accumulator {self}>"


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


# ---- batches -------------------------------------------------------------------

# Buffer formats (struct module syntax) that are a native-endian int32 when
# the item size is 4, as it is checked to be.
_ENDIAN = "<" if sys.byteorder == "little" else ">"
_INT32_FORMATS = {"i", "@i", "=i", _ENDIAN + "i", "l", "@l", "=l", _ENDIAN + "l"}
_U8_FORMATS = {"B", "=B", "@B", "<B", ">B", "c"}

# (C function, pointer to the first rating, n, the object that owns the memory)
_Batch = Tuple[str, Any, int, object]


def _zero_copy(ratings: object) -> Optional[_Batch]:
    """A batch over the caller's own memory, or None when the object is not a
    contiguous buffer of uint8 or native int32."""
    if isinstance(ratings, bytes):
        # c_char_p points into the bytes object itself; nothing is copied.
        pointer = ctypes.cast(c_char_p(ratings), POINTER(c_uint8)) if ratings else None
        return "cxm_acc_add_many_u8", pointer, len(ratings), ratings
    try:
        view = memoryview(ratings)  # type: ignore[arg-type]
    except TypeError:
        return None
    if not view.c_contiguous or view.ndim > 1:
        return None
    ctype: Any
    if view.itemsize == 1 and view.format in _U8_FORMATS:
        function, ctype = "cxm_acc_add_many_u8", c_uint8
    elif view.itemsize == 4 and view.format in _INT32_FORMATS:
        function, ctype = "cxm_acc_add_many", c_int32
    else:
        return None
    n = view.nbytes // view.itemsize
    if n == 0:
        return function, None, 0, None
    if view.readonly:
        # ctypes can only address a read-only buffer through a copy.
        data = bytes(view)
        return function, ctypes.cast(c_char_p(data), POINTER(ctype)), n, data
    return function, (ctype * n).from_buffer(view), n, view


def _packed(ratings: Iterable[object]) -> _Batch:
    if isinstance(ratings, (str, bytes)) or not hasattr(ratings, "__iter__"):
        raise TypeError(f"ratings must be an iterable of integers, not "
                        f"{type(ratings).__name__}")
    values = array.array("i")  # a C int: int32_t wherever cxmetrics builds
    for index, rating in enumerate(ratings):
        if isinstance(rating, bool):  # array('i') would take True as 1
            raise TypeError(f"the rating at index {index} is a bool, not an integer")
        try:
            values.append(rating)  # type: ignore[arg-type]
        except OverflowError:
            fail(ERR_RANGE, f"rating at index {index}", index=index)
        except TypeError:
            raise TypeError(f"the rating at index {index} is not an integer: "
                            f"{rating!r}") from None
    batch = _zero_copy(values)
    assert batch is not None
    return batch
