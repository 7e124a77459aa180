"""What every object owning native memory shares: its lifetime (close, with,
the garbage collector's finalizer), caller memory for the *_init functions,
and reading text and bytes the library writes."""

from __future__ import annotations

import ctypes
import threading
import weakref
from ctypes import byref, c_size_t, c_void_p
from typing import Any, Callable, Optional, Tuple, Type, TypeVar

from .errors import check

TEXT_MAX = 4096  # CXM_TEXT_MAX
ALIGNMENT = 16  # alignof(max_align_t) on the platforms the library builds for

_N = TypeVar("_N", bound="Native")


def _free(free: Callable[[Any], None], pointer: c_void_p, keepalive: object = None) -> None:
    free(pointer)


class Native:
    """The lifetime of an object owning native memory: freed by close(), by a
    with block, or by its finalizer; any use after close raises ValueError.
    Subclasses name themselves in _what and call _own() once."""

    _what = "object"
    _ptr: Optional[c_void_p]
    _finalizer: weakref.finalize

    def _own(self, pointer: c_void_p, free: Callable[[Any], None],
             keepalive: object = None) -> None:
        """Take ownership of a pointer: free(pointer) runs at most once, on
        close(), at collection, or at exit. keepalive (caller memory that
        holds the object) lives as long as the pointer."""
        self._ptr = pointer
        self._finalizer = weakref.finalize(self, _free, free, pointer, keepalive)

    def close(self) -> None:
        """Free the native object now; further use raises ValueError."""
        self._finalizer()
        self._ptr = None

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def __enter__(self: _N) -> _N:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _handle(self) -> c_void_p:
        if self._ptr is None:
            raise ValueError(f"the {self._what} is closed")
        return self._ptr


def owned_arg(value: object, cls: Type[_N]) -> _N:
    """An argument that must be a cls (an Accumulator to merge, ...):
    TypeError for anything else, before any call."""
    if not isinstance(value, cls):
        raise TypeError(f"expected {indefinite(cls.__name__)}, not {type(value).__name__}")
    return value


def indefinite(noun: str) -> str:
    """The noun with its indefinite article: "an Accumulator", "a Series"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def caller_memory(size: int) -> Tuple[ctypes.Array[ctypes.c_char], c_void_p]:
    """Python-owned memory for cxm_*_init: a buffer with room to align its
    start, and that aligned address."""
    raw = ctypes.create_string_buffer(size + ALIGNMENT)
    address = ctypes.addressof(raw)
    return raw, c_void_p(address + (-address % ALIGNMENT))


_text_buffers = threading.local()  # one CXM_TEXT_MAX buffer per thread


def formatted(function: Any, subject: object, cap: int = TEXT_MAX) -> str:
    """The text a cxm_*_format function writes for subject."""
    buf = getattr(_text_buffers, "buf", None)
    if buf is None or len(buf) < cap:
        buf = _text_buffers.buf = ctypes.create_string_buffer(cap)
    written = c_size_t()
    check(function(subject, buf, cap, byref(written)))
    return buf.raw[:written.value].decode("ascii")


def encoded(size_of: Any, encode: Any, handle: c_void_p) -> bytes:
    """The bytes a cxm_*_encode function writes, sized by cxm_*_encoded_size."""
    size = c_size_t()
    check(size_of(handle, byref(size)))
    buf = ctypes.create_string_buffer(size.value)
    written = c_size_t()
    check(encode(handle, buf, size.value, byref(written)))
    return buf.raw[:written.value]
