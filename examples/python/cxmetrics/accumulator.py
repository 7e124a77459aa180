"""The accumulator (cxm_acc): an exact histogram of ratings, and batches
handed to C without copying."""

from __future__ import annotations

import array
import ctypes
import sys
from ctypes import POINTER, byref, c_char_p, c_int32, c_size_t, c_uint8, c_uint64
from typing import Any, Dict, Iterable, Optional, SupportsIndex, Tuple, Union

from . import _arguments as arg
from ._arguments import INT32_MAX, INT32_MIN, Integer
from ._state import State
from .errors import ERR_RANGE, check, error, fail
from .scale import Scale

ACC_FOOTPRINT_MAX = 856  # CXM_ACC_FOOTPRINT_MAX: bytes that hold an accumulator of any scale
ENCODED_MAX = 1046  # CXM_ENCODED_MAX: the longest encoding of any accumulator

# What add_many takes: bytes, bytearray and other buffers of unsigned bytes or
# native int32 (array('i'), numpy int32) without copying; any iterable of ints.
Ratings = Iterable[SupportsIndex]


class Accumulator(State):
    """An exact histogram of ratings (cxm_acc). Use it as a context manager to
    free it at a known point; otherwise the garbage collector frees it.

    Reads (snapshot, interval, compare, counts, to_bytes, use as a merge
    source) may run in several threads at once; calls that change it need
    exclusive access, as in C. ctypes releases the GIL during each call, so
    threads working on distinct accumulators run in parallel.

    Creating (Accumulator(scale), in_memory, from_bytes, parse, clone),
    merging and subtracting (also a += b, a + b, a -= b, a - b), the
    statistics, the encoding and the text form ("nps{9:2,10:1}") are State's;
    recording and the counts are its own."""

    _what = "accumulator"
    _c = "cxm_acc"

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

    # -- counts --

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


def footprint(scale: Union[Scale, str]) -> int:
    """Bytes an accumulator on this scale occupies (cxm_acc_footprint)."""
    return Accumulator.footprint(scale)


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
