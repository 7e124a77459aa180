"""cxmetrics from Python through ctypes: no compiled glue, standard library only.

A template for binding the C library from any FFI: every function of
include/cxmetrics.h is declared below with its exact argument and result
types, the structs are mirrored field for field (each starting with its
`size`), every non-OK status becomes an exception, and the opaque accumulator
is owned by one Python object that frees it exactly once.

    import cxmetrics
    with cxmetrics.Accumulator("nps") as acc:
        acc.add_many([10, 9, 9, 8, 7, 10, 3, 9, 6, 10])
        snap = acc.snapshot()
        print(f"NPS {snap.score:.1f} ({snap.score_low:.1f} to {snap.score_high:.1f})")

The library is found, in this order: the path given to load(), the
environment variable CXM_LIBRARY, then the system loader
(libcxmetrics.so.1 through ctypes.util.find_library / LD_LIBRARY_PATH).
"""

import array
import ctypes
import ctypes.util
import dataclasses
import operator
import os
import sys
import threading
import weakref
from ctypes import (POINTER, Structure, byref, c_char_p, c_double, c_int, c_int32, c_int64,
                    c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)

__all__ = [
    "load", "version", "footprint", "Scale", "Accumulator", "Series", "Snapshot", "Interval",
    "Comparison", "CxmError", "NullError", "ScaleError", "RangeError", "NoMemoryError",
    "CountOverflowError", "AbsentError", "MismatchError", "SizeError", "FormatError",
    "ArgumentError", "EmptyError", "WindowError", "has_encoding", "method_name",
    "parse_method", "quantity_name", "parse_quantity", "headline_name", "parse_headline",
]

ABI_MAJOR = 1  # the SONAME number this module is written for

# ---- constants: the values of include/cxmetrics.h ---------------------------
# Names of presets, methods, quantities and headlines are the library's (the
# text forms, cxm_method_name, cxm_quantity_name, cxm_headline_name).

TEXT_MAX = 4096
ENCODED_MAX = 1046
SERIES_MAX_CAPACITY = 1048576
SERIES_BUCKET_LIMIT = 2 ** 62

_INT32_MIN, _INT32_MAX = -(2 ** 31), 2 ** 31 - 1
_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1
_UINT32_MAX = 2 ** 32 - 1
_UINT64_MAX = 2 ** 64 - 1


# ---- errors -----------------------------------------------------------------

class CxmError(Exception):
    """A non-OK status of the library: .status (int), .name ("CXM_ERR_..."),
    .message (the library's sentence) and, where known, .index (the position
    of the first invalid rating of a batch)."""

    status = None

    def __init__(self, status, name, message, detail=None, index=None):
        self.status, self.name, self.message, self.index = status, name, message, index
        text = f"{name}: {message.rstrip('.')}"
        super().__init__(f"{text} ({detail})" if detail else text)


# Each status has its class; where a built-in exception means the same thing
# it is a base too, so `except ValueError` also works.
class NullError(CxmError, TypeError): status = -1
class ScaleError(CxmError, ValueError): status = -2
class RangeError(CxmError, ValueError): status = -3
class NoMemoryError(CxmError, MemoryError): status = -4
class CountOverflowError(CxmError, OverflowError): status = -5
class AbsentError(CxmError, ValueError): status = -6
class MismatchError(CxmError, ValueError): status = -7
class SizeError(CxmError, ValueError): status = -8
class FormatError(CxmError, ValueError): status = -9
class ArgumentError(CxmError, ValueError): status = -10
class EmptyError(CxmError, ValueError): status = -11
class WindowError(CxmError, IndexError): status = -12


_ERRORS = {cls.status: cls for cls in (NullError, ScaleError, RangeError, NoMemoryError,
                                       CountOverflowError, AbsentError, MismatchError,
                                       SizeError, FormatError, ArgumentError, EmptyError,
                                       WindowError)}


def _error(status, detail=None, index=None):
    lib = _lib()
    name = lib.cxm_status_name(status).decode()
    message = lib.cxm_status_message(status).decode()
    return _ERRORS.get(status, CxmError)(status, name, message, detail, index)


def _check(status, detail=None):
    if status != 0:
        raise _error(status, detail)


# ---- the C structs, field for field ----------------------------------------

class _Scale(Structure):
    _fields_ = [("size", c_uint32), ("min", c_int32), ("max", c_int32),
                ("positive_min", c_int32), ("positive_max", c_int32),
                ("negative_min", c_int32), ("negative_max", c_int32), ("headline", c_int32)]


class _Snapshot(Structure):
    _fields_ = [("size", c_uint32), ("headline", c_int32),
                ("n", c_uint64), ("positive", c_uint64), ("neutral", c_uint64),
                ("negative", c_uint64), ("positive_share", c_double),
                ("negative_share", c_double), ("net", c_double), ("mean", c_double),
                ("stddev", c_double), ("score", c_double), ("score_low", c_double),
                ("score_high", c_double)]


class _Interval(Structure):
    _fields_ = [("size", c_uint32), ("quantity", c_int32), ("method", c_int32),
                ("confidence", c_double), ("estimate", c_double), ("se", c_double),
                ("low", c_double), ("high", c_double)]


class _Comparison(Structure):
    _fields_ = [("size", c_uint32), ("quantity", c_int32), ("method", c_int32),
                ("confidence", c_double), ("difference", c_double), ("se", c_double),
                ("statistic", c_double), ("df", c_double), ("p_value", c_double),
                ("low", c_double), ("high", c_double)]


def _new(struct_type):
    """A zeroed struct with its size set, as the CXM_*_INIT macros do."""
    value = struct_type()
    value.size = ctypes.sizeof(struct_type)
    return value


# ---- the functions, exactly as declared in include/cxmetrics.h --------------

_acc_p = c_void_p  # cxm_acc *, opaque
_series_p = c_void_p  # cxm_series *, opaque
_PROTOTYPES = {
    "cxm_version_number": (c_uint32, []),
    "cxm_version_string": (c_char_p, []),
    "cxm_status_name": (c_char_p, [c_int]),
    "cxm_status_message": (c_char_p, [c_int]),
    "cxm_scale_preset": (c_int, [c_int, POINTER(_Scale)]),
    "cxm_scale_check": (c_int, [POINTER(_Scale)]),
    "cxm_scale_equal": (c_int, [POINTER(_Scale), POINTER(_Scale)]),
    "cxm_acc_new": (c_int, [POINTER(_Scale), POINTER(_acc_p)]),
    "cxm_acc_free": (None, [_acc_p]),
    "cxm_acc_clone": (c_int, [_acc_p, POINTER(_acc_p)]),
    "cxm_acc_reset": (c_int, [_acc_p]),
    "cxm_acc_scale": (c_int, [_acc_p, POINTER(_Scale)]),
    "cxm_acc_footprint": (c_size_t, [POINTER(_Scale)]),
    "cxm_acc_init": (c_int, [c_void_p, c_size_t, POINTER(_Scale), POINTER(_acc_p)]),
    "cxm_acc_add": (c_int, [_acc_p, c_int32]),
    "cxm_acc_add_count": (c_int, [_acc_p, c_int32, c_uint64]),
    "cxm_acc_add_many": (c_int, [_acc_p, POINTER(c_int32), c_size_t, POINTER(c_size_t)]),
    "cxm_acc_add_many_u8": (c_int, [_acc_p, POINTER(c_uint8), c_size_t, POINTER(c_size_t)]),
    "cxm_acc_remove": (c_int, [_acc_p, c_int32]),
    "cxm_acc_remove_count": (c_int, [_acc_p, c_int32, c_uint64]),
    "cxm_acc_merge": (c_int, [_acc_p, _acc_p]),
    "cxm_acc_subtract": (c_int, [_acc_p, _acc_p]),
    "cxm_acc_total": (c_int, [_acc_p, POINTER(c_uint64)]),
    "cxm_acc_count": (c_int, [_acc_p, c_int32, POINTER(c_uint64)]),
    "cxm_acc_counts": (c_int, [_acc_p, POINTER(c_uint64), c_size_t]),
    "cxm_acc_snapshot": (c_int, [_acc_p, POINTER(_Snapshot)]),
    "cxm_acc_interval": (c_int, [_acc_p, c_int, c_int, c_double, POINTER(_Interval)]),
    "cxm_acc_compare": (c_int, [_acc_p, _acc_p, c_int, c_int, c_double,
                                POINTER(_Comparison)]),
    "cxm_acc_encoded_size": (c_int, [_acc_p, POINTER(c_size_t)]),
    "cxm_acc_encode": (c_int, [_acc_p, c_void_p, c_size_t, POINTER(c_size_t)]),
    "cxm_acc_decode": (c_int, [c_void_p, c_size_t, POINTER(_acc_p)]),
    # 1.1
    "cxm_method_name": (c_char_p, [c_int]),
    "cxm_method_parse": (c_int, [c_char_p, c_size_t, POINTER(c_int)]),
    "cxm_quantity_name": (c_char_p, [c_int]),
    "cxm_quantity_parse": (c_int, [c_char_p, c_size_t, POINTER(c_int)]),
    "cxm_headline_name": (c_char_p, [c_int]),
    "cxm_headline_parse": (c_int, [c_char_p, c_size_t, POINTER(c_int)]),
    "cxm_scale_parse": (c_int, [c_char_p, c_size_t, POINTER(_Scale)]),
    "cxm_scale_format": (c_int, [POINTER(_Scale), c_char_p, c_size_t, POINTER(c_size_t)]),
    "cxm_acc_format": (c_int, [_acc_p, c_char_p, c_size_t, POINTER(c_size_t)]),
    "cxm_acc_parse": (c_int, [c_char_p, c_size_t, POINTER(_acc_p)]),
    "cxm_series_new": (c_int, [POINTER(_Scale), c_uint32, c_int64, POINTER(_series_p)]),
    "cxm_series_footprint": (c_size_t, [POINTER(_Scale), c_uint32]),
    "cxm_series_init": (c_int, [c_void_p, c_size_t, POINTER(_Scale), c_uint32, c_int64,
                                POINTER(_series_p)]),
    "cxm_series_free": (None, [_series_p]),
    "cxm_series_clone": (c_int, [_series_p, POINTER(_series_p)]),
    "cxm_series_scale": (c_int, [_series_p, POINTER(_Scale)]),
    "cxm_series_capacity": (c_int, [_series_p, POINTER(c_uint32)]),
    "cxm_series_head": (c_int, [_series_p, POINTER(c_int64)]),
    "cxm_series_advance": (c_int, [_series_p, c_int64]),
    "cxm_series_add": (c_int, [_series_p, c_int64, c_int32]),
    "cxm_series_add_count": (c_int, [_series_p, c_int64, c_int32, c_uint64]),
    "cxm_series_remove_count": (c_int, [_series_p, c_int64, c_int32, c_uint64]),
    "cxm_series_add_acc": (c_int, [_series_p, c_int64, _acc_p]),
    "cxm_series_sum": (c_int, [_series_p, c_int64, c_int64, _acc_p]),
    "cxm_series_merge": (c_int, [_series_p, _series_p]),
    "cxm_series_encoded_size": (c_int, [_series_p, POINTER(c_size_t)]),
    "cxm_series_encode": (c_int, [_series_p, c_void_p, c_size_t, POINTER(c_size_t)]),
    "cxm_series_decode": (c_int, [c_void_p, c_size_t, POINTER(_series_p)]),
}

_loaded = None
_load_lock = threading.Lock()  # two threads' first calls load the library once


def _find_library():
    env = os.environ.get("CXM_LIBRARY")
    if env:
        return env
    found = ctypes.util.find_library("cxmetrics")
    return found or f"libcxmetrics.so.{ABI_MAJOR}"


def load(path=None):
    """Load the library (an explicit path, else $CXM_LIBRARY, else the system
    loader), declare every function, and make it the one this module uses.
    Returns the ctypes.CDLL. Calling it again replaces the library."""
    with _load_lock:
        return _declare(path or _find_library())


def _declare(path):
    global _loaded
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in _PROTOTYPES.items():
        function = getattr(lib, name)  # AttributeError: not the library we expect
        function.restype, function.argtypes = restype, argtypes
    major = lib.cxm_version_number() // 10000
    if major != ABI_MAJOR:
        raise ImportError(f"{lib._name} is libcxmetrics ABI {major}, this module needs {ABI_MAJOR}")
    _loaded = lib
    return lib


def _lib():
    if _loaded is None:
        with _load_lock:
            if _loaded is None:
                _declare(_find_library())
    return _loaded


def has_encoding():
    """Always True since the binding needs library 1.1 (kept for 1.0 callers)."""
    return True


def version():
    """The loaded library's version: (string, number), e.g. ("1.0.0", 10000)."""
    lib = _lib()
    return lib.cxm_version_string().decode(), lib.cxm_version_number()


# ---- argument conversion: ctypes would silently wrap or truncate ----------

def _integer(value, what):
    """An int (or anything with __index__, as numpy's integers), never a float,
    a string or a bool: add(4.9) is not add(4), add("3") is not add(3), and
    True is not a rating. TypeError otherwise, before any call."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, not a bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(value).__name__} "
                        f"{value!r}") from None


def _rating(value, what="rating"):
    value = _integer(value, what)
    if not _INT32_MIN <= value <= _INT32_MAX:
        raise _error(-3, f"{what} {value} is not a 32-bit integer")
    return value


def _count(value):
    value = _integer(value, "count")
    if value < 0:
        raise _error(-10, f"count {value} is negative")
    if value > _UINT64_MAX:
        raise _error(-5, f"count {value} exceeds UINT64_MAX")
    return value


def _bucket(value, what="bucket"):
    """A bucket number or head; the library answers CXM_ERR_ARG past 2^62,
    and the same answer comes from here past int64."""
    value = _integer(value, what)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _error(-10, f"{what} {value} is not a 64-bit integer")
    return value


def _capacity(value):
    value = _integer(value, "capacity")
    if not 0 <= value <= _UINT32_MAX:
        raise _error(-10, f"capacity {value} is out of range")
    return value


def _text(value, what):
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value.encode("utf-8")


# ---- names: the library's, no table here ------------------------------------

def method_name(method):
    """The library's name of a CXM_METHOD_* value ("wilson-cc"), None if unknown."""
    name = _lib().cxm_method_name(_integer(method, "method"))
    return None if name is None else name.decode()


def quantity_name(quantity):
    """The library's name of a CXM_QUANTITY_* value ("positive-share")."""
    name = _lib().cxm_quantity_name(_integer(quantity, "quantity"))
    return None if name is None else name.decode()


def headline_name(headline):
    """The library's word of a CXM_HEADLINE_* value, as the scale's text form
    writes it ("share", "net", "mean"); None if unknown."""
    name = _lib().cxm_headline_name(_integer(headline, "headline"))
    return None if name is None else name.decode()


def _parse_name(parser, name, what):
    data = _text(name, what)
    out = c_int()
    _check(parser(data, len(data), byref(out)), f"{what} {name!r}")
    return out.value


def parse_method(name):
    """The CXM_METHOD_* value of a library name; ArgumentError if unknown."""
    return _parse_name(_lib().cxm_method_parse, name, "method")


def parse_quantity(name):
    """The CXM_QUANTITY_* value of a library name; ArgumentError if unknown."""
    return _parse_name(_lib().cxm_quantity_parse, name, "quantity")


def parse_headline(name):
    """The CXM_HEADLINE_* value of a library word; ArgumentError if unknown."""
    return _parse_name(_lib().cxm_headline_parse, name, "headline")


# The preset names of this module's 1.0 release, in CXM_PRESET_* order: kept
# so that programs written for it keep working; the library's own names are
# the text form's ("csat5", ...).
_PRESETS_1_0 = ("csat_5", "csat_3", "csat_10", "csat_binary", "nps", "ces_7", "ces_5",
                "net_easy_7")


def _name_arg(parse, value, what):
    """A quantity or method argument: a library name or a CXM_* number. The
    1.0 spelling with underscores ("adjusted_wald") still reads."""
    if isinstance(value, str):
        return parse(value.replace("_", "-"))
    return _integer(value, what)


# The share headline as earlier releases of this module spelled it (1.0:
# "positive_share"; the 1.1 drafts: "positive-share", the quantity's name):
# kept so that programs written for them keep working. Only a spelling, not a
# table: the number comes from the library's word.
_SHARE_HEADLINE_BEFORE = ("positive_share", "positive-share")


def _headline_arg(value):
    """A headline argument: a library word ("share"), an earlier spelling, or
    a CXM_HEADLINE_* number."""
    if isinstance(value, str):
        return parse_headline("share" if value in _SHARE_HEADLINE_BEFORE else value)
    return _integer(value, "headline")


def _headline_word(value):
    """The library's word of a headline read back from C; the number itself if
    it has none (a struct the library did not check)."""
    name = headline_name(value)
    return value if name is None else name


_text_buffers = threading.local()  # one CXM_TEXT_MAX buffer per thread


def _formatted(function, subject):
    buf = getattr(_text_buffers, "buf", None)
    if buf is None:
        buf = _text_buffers.buf = ctypes.create_string_buffer(TEXT_MAX)
    written = c_size_t()
    _check(function(subject, buf, TEXT_MAX, byref(written)))
    return buf.raw[:written.value].decode("ascii")


def _encoded(size_of, encode, handle):
    size = c_size_t()
    _check(size_of(handle, byref(size)))
    buf = ctypes.create_string_buffer(size.value)
    written = c_size_t()
    _check(encode(handle, buf, size.value, byref(written)))
    return buf.raw[:written.value]


# ---- results ----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Every metric at once (cxm_snapshot). Shares in percentage points;
    NaN where a number is undefined (n = 0; stddev for n = 1)."""
    headline: str
    n: int
    positive: int
    neutral: int
    negative: int
    positive_share: float
    negative_share: float
    net: float
    mean: float
    stddev: float
    score: float
    score_low: float
    score_high: float


@dataclasses.dataclass(frozen=True)
class Interval:
    """A confidence interval (cxm_interval); quantity and method as resolved."""
    quantity: str
    method: str
    confidence: float
    estimate: float
    se: float
    low: float
    high: float


@dataclasses.dataclass(frozen=True)
class Comparison:
    """a - b (cxm_comparison): df is inf for z tests; p_value two-sided."""
    quantity: str
    method: str
    confidence: float
    difference: float
    se: float
    statistic: float
    df: float
    p_value: float
    low: float
    high: float


def _fields(struct, cls, **names):
    values = {f.name: getattr(struct, f.name) for f in dataclasses.fields(cls)
              if f.name not in names}
    return cls(**values, **names)


# ---- scales -----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Scale:
    """A rating scale (cxm_scale): valid ratings [min, max], a positive and a
    negative band (inclusive), and the headline ("share", "net", "mean",
    the library's words; the earlier "positive-share" still reads). str(scale)
    is its text form ("nps", "1..5/4..5/1..2/share")."""
    min: int
    max: int
    positive_min: int
    positive_max: int
    negative_min: int
    negative_max: int
    headline: str

    @classmethod
    def preset(cls, name):
        """One of the presets, by the library's name ("csat5", "csat3",
        "csat10", "csat2", "nps", "ces7", "ces5", "neteasy7") or its
        CXM_PRESET_* number. The names this module took in 1.0 ("csat_5",
        "csat_binary", "net_easy_7", ...: the CXM_PRESET_* names in lower
        case) still read. ArgumentError for anything else."""
        out = _new(_Scale)
        if name in _PRESETS_1_0:
            name = _PRESETS_1_0.index(name) + 1
        if isinstance(name, str):
            data = name.encode("utf-8")
            status = _lib().cxm_scale_parse(data, len(data), byref(out))
            if status == -9 or (status == 0 and "/" in name):  # not a preset's name
                status = -10
        else:
            status = _lib().cxm_scale_preset(_integer(name, "preset"), byref(out))
        _check(status, f"preset {name!r}")
        return cls._from_c(out)

    @classmethod
    def parse(cls, text):
        """A scale from its text form: a preset's name or MIN..MAX/PMIN..PMAX/
        NMIN..NMAX/HEADLINE (cxm_scale_parse); FormatError otherwise."""
        data = _text(text, "scale text")
        out = _new(_Scale)
        _check(_lib().cxm_scale_parse(data, len(data), byref(out)), f"scale {text!r}")
        return cls._from_c(out)

    @classmethod
    def _from_c(cls, s):
        return cls(s.min, s.max, s.positive_min, s.positive_max, s.negative_min,
                   s.negative_max, _headline_word(s.headline))

    def _to_c(self):
        out = _new(_Scale)
        for name in ("min", "max", "positive_min", "positive_max", "negative_min",
                     "negative_max"):
            value = _integer(getattr(self, name), name)
            if not _INT32_MIN <= value <= _INT32_MAX:
                raise _error(-2, f"{name} {value} is not a 32-bit integer")
            setattr(out, name, value)
        out.headline = _headline_arg(self.headline)
        return out

    def check(self):
        """Raise ScaleError if the scale is invalid; return self otherwise."""
        _check(_lib().cxm_scale_check(byref(self._to_c())))
        return self

    def __str__(self):
        """The canonical text form (cxm_scale_format); ScaleError if invalid."""
        return _formatted(_lib().cxm_scale_format, byref(self._to_c()))

    @property
    def span(self):
        return self.max - self.min + 1


def footprint(scale):
    """Bytes an accumulator on this scale occupies (cxm_acc_footprint)."""
    size = _lib().cxm_acc_footprint(byref(scale._to_c()))
    if size == 0:
        scale.check()  # raises the reason
    return size


# ---- the accumulator --------------------------------------------------------

def _free(free, pointer, keepalive=None):
    free(pointer)


_ALIGNMENT = 16  # alignof(max_align_t) on the platforms we build for


class _Native:
    """The lifetime of an object owning native memory: freed by close(), by a
    with block, or by its finalizer; any use after close raises ValueError.
    Subclasses set _ptr, _finalizer and _what."""

    def close(self):
        """Free the native object now; further use raises ValueError."""
        self._finalizer()
        self._ptr = None

    @property
    def closed(self):
        return self._ptr is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if self._ptr is None:
            raise ValueError(f"the {self._what} is closed")
        return self._ptr


class Accumulator(_Native):
    """An exact histogram of ratings (cxm_acc). Use it as a context manager to
    free it at a known point; otherwise the garbage collector frees it.

    Reads (snapshot, interval, compare, counts, to_bytes, use as a merge
    source) may run in several threads at once; calls that change it need
    exclusive access, as in C. ctypes releases the GIL during each call, so
    threads working on distinct accumulators run in parallel."""

    _what = "accumulator"

    def __init__(self, scale, *, _pointer=None, _keepalive=None):
        lib = _lib()
        if isinstance(scale, str):
            scale = Scale.parse(scale)
        if _pointer is None:
            pointer = _acc_p()
            _check(lib.cxm_acc_new(byref(scale._to_c()), byref(pointer)))
        else:
            pointer = _pointer
        self._lib, self._ptr = lib, pointer
        self._scale = scale if isinstance(scale, Scale) else None
        # finalize runs at most once: on close(), at collection, or at exit.
        self._finalizer = weakref.finalize(self, _free, lib.cxm_acc_free, pointer, _keepalive)

    # -- creation --

    @classmethod
    def in_memory(cls, scale):
        """An accumulator placed in Python-owned memory (cxm_acc_init): the
        library allocates nothing for it."""
        lib = _lib()
        size = footprint(scale)
        raw = ctypes.create_string_buffer(size + _ALIGNMENT)
        address = ctypes.addressof(raw)
        offset = -address % _ALIGNMENT
        pointer = _acc_p()
        _check(lib.cxm_acc_init(c_void_p(address + offset), size, byref(scale._to_c()),
                                byref(pointer)))
        return cls(scale, _pointer=pointer, _keepalive=raw)

    @classmethod
    def from_bytes(cls, data):
        """An accumulator from to_bytes() output (cxm_acc_decode); FormatError
        for anything that is not a valid encoding."""
        lib = _lib()
        data = bytes(data)
        pointer = _acc_p()
        _check(lib.cxm_acc_decode(data, len(data), byref(pointer)))
        return cls(None, _pointer=pointer)

    @classmethod
    def parse(cls, text):
        """An accumulator from its text form, e.g. "nps{0:3,6:1,9:10,10:4}"
        (cxm_acc_parse); FormatError for anything else."""
        data = _text(text, "accumulator text")
        pointer = _acc_p()
        _check(_lib().cxm_acc_parse(data, len(data), byref(pointer)), f"accumulator {text!r}")
        return cls(None, _pointer=pointer)

    def clone(self):
        pointer = _acc_p()
        _check(self._lib.cxm_acc_clone(self._handle(), byref(pointer)))
        return type(self)(self._scale, _pointer=pointer)

    __copy__ = clone


    # -- recording --

    def add(self, rating, count=1):
        """Record one rating, or `count` copies of it (cxm_acc_add[_count])."""
        if type(count) is int and count == 1:  # 1.0 and True take the checked path
            if type(rating) is not int or not _INT32_MIN <= rating <= _INT32_MAX:
                rating = _rating(rating)  # numpy integers, or the error
            status = self._lib.cxm_acc_add(self._handle(), rating)
        else:
            status = self._lib.cxm_acc_add_count(self._handle(), _rating(rating), _count(count))
        if status:
            raise _error(status, f"rating {rating}")

    def add_many(self, ratings):
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
        if status == -3:
            raise _error(status, f"rating at index {bad.value}", index=bad.value)
        _check(status)

    def remove(self, rating, count=1):
        """Remove previously recorded ratings (cxm_acc_remove[_count])."""
        if type(count) is int and count == 1:
            status = self._lib.cxm_acc_remove(self._handle(), _rating(rating))
        else:
            status = self._lib.cxm_acc_remove_count(self._handle(), _rating(rating),
                                                    _count(count))
        if status:
            raise _error(status, f"rating {rating}")

    def reset(self):
        _check(self._lib.cxm_acc_reset(self._handle()))

    def merge(self, other):
        """self += other (same scale). Returns self."""
        _check(self._lib.cxm_acc_merge(self._handle(), other._handle()))
        return self

    def subtract(self, other):
        """self -= other, the exact inverse of merge. Returns self."""
        _check(self._lib.cxm_acc_subtract(self._handle(), other._handle()))
        return self

    def __iadd__(self, other):
        return self.merge(other)

    def __add__(self, other):
        return self.clone().merge(other)

    def __isub__(self, other):
        return self.subtract(other)

    def __sub__(self, other):
        return self.clone().subtract(other)

    # -- reading --

    @property
    def scale(self):
        out = _new(_Scale)
        _check(self._lib.cxm_acc_scale(self._handle(), byref(out)))
        return Scale._from_c(out)

    @property
    def total(self):
        out = c_uint64()
        _check(self._lib.cxm_acc_total(self._handle(), byref(out)))
        return out.value

    def count(self, rating):
        out = c_uint64()
        _check(self._lib.cxm_acc_count(self._handle(), _rating(rating), byref(out)),
               f"rating {rating}")
        return out.value

    def counts(self):
        """{rating: count} for every rating of the scale, in order."""
        scale = self.scale
        out = (c_uint64 * scale.span)()
        _check(self._lib.cxm_acc_counts(self._handle(), out, scale.span))
        return {scale.min + i: out[i] for i in range(scale.span)}

    def __eq__(self, other):
        if not isinstance(other, Accumulator):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()  # the encoding is canonical

    __hash__ = None  # mutable

    def snapshot(self):
        out = _new(_Snapshot)
        _check(self._lib.cxm_acc_snapshot(self._handle(), byref(out)))
        return _fields(out, Snapshot, headline=_headline_word(out.headline))

    def interval(self, quantity="headline", method="default", confidence=0.95):
        """A confidence interval; quantity and method by the library's names
        ("positive-share", "adjusted-wald") or CXM_* numbers."""
        q = _name_arg(parse_quantity, quantity, "quantity")
        m = _name_arg(parse_method, method, "method")
        out = _new(_Interval)
        _check(self._lib.cxm_acc_interval(self._handle(), q, m, _confidence(confidence),
                                          byref(out)))
        return _fields(out, Interval, quantity=quantity_name(out.quantity),
                       method=method_name(out.method))

    def compare(self, other, quantity="headline", method="default", confidence=0.95):
        """self - other for two independent samples."""
        q = _name_arg(parse_quantity, quantity, "quantity")
        m = _name_arg(parse_method, method, "method")
        out = _new(_Comparison)
        _check(self._lib.cxm_acc_compare(self._handle(), other._handle(), q, m,
                                         _confidence(confidence), byref(out)))
        return _fields(out, Comparison, quantity=quantity_name(out.quantity),
                       method=method_name(out.method))

    def to_bytes(self):
        """The portable, canonical encoding of scale and counts (cxm_acc_encode)."""
        return _encoded(self._lib.cxm_acc_encoded_size, self._lib.cxm_acc_encode,
                        self._handle())

    def __str__(self):
        """The canonical text form (cxm_acc_format), e.g. "nps{9:2,10:1}"."""
        return _formatted(self._lib.cxm_acc_format, self._handle())

    def __repr__(self):
        if self.closed:
            return "<cxmetrics.Accumulator (closed)>"
        return f"<cxmetrics.Accumulator {self}>"


def _confidence(value):
    if isinstance(value, (bool, str)) or not isinstance(value, (int, float)):
        raise TypeError(f"confidence must be a number, not {type(value).__name__}")
    return float(value)  # the library refuses NaN and anything outside (0, 1)


# ---- batches ----------------------------------------------------------------

# Buffer formats (struct module syntax) that are a native-endian int32 when
# the item size is 4, as it is checked to be.
_ENDIAN = "<" if sys.byteorder == "little" else ">"
_INT32_FORMATS = {"i", "@i", "=i", _ENDIAN + "i", "l", "@l", "=l", _ENDIAN + "l"}
_U8_FORMATS = {"B", "=B", "@B", "<B", ">B", "c"}


def _zero_copy(ratings):
    """(function, pointer, n, keepalive) over the caller's own memory, or None
    when the object is not a contiguous buffer of uint8 or native int32."""
    if isinstance(ratings, bytes):
        # c_char_p points into the bytes object itself; nothing is copied.
        pointer = ctypes.cast(c_char_p(ratings), POINTER(c_uint8)) if ratings else None
        return "cxm_acc_add_many_u8", pointer, len(ratings), ratings
    try:
        view = memoryview(ratings)
    except TypeError:
        return None
    if not view.c_contiguous or view.ndim > 1:
        return None
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
        pointer = ctypes.cast(c_char_p(data), POINTER(ctype))
        return function, pointer, n, data
    return function, (ctype * n).from_buffer(view), n, view


def _packed(ratings):
    values = array.array("i")  # a C int: int32_t wherever cxmetrics builds
    for index, rating in enumerate(ratings):
        if isinstance(rating, bool):  # array('i') would take True as 1
            raise TypeError(f"the rating at index {index} is a bool, not an integer")
        try:
            values.append(rating)
        except OverflowError:
            raise _error(-3, f"rating at index {index}", index=index) from None
        except TypeError:
            raise TypeError(f"the rating at index {index} is not an integer: "
                            f"{rating!r}") from None
    return _zero_copy(values)


# ---- the series (1.1) ---------------------------------------------------------

class Series(_Native):
    """A ring of accumulators indexed by bucket numbers the caller chooses
    (days in the tenant's time zone, ISO weeks, ...), retaining the
    `capacity` buckets (head - capacity, head] (cxm_series; docs/series.md).
    A context manager, freed by the garbage collector otherwise, as
    Accumulator is."""

    _what = "series"

    def __init__(self, scale, capacity, head, *, _pointer=None, _keepalive=None):
        lib = _lib()
        if _pointer is None:
            if isinstance(scale, str):
                scale = Scale.parse(scale)
            pointer = _series_p()
            _check(lib.cxm_series_new(byref(scale._to_c()), _capacity(capacity),
                                      _bucket(head, "head"), byref(pointer)))
        else:
            pointer = _pointer
        self._lib, self._ptr = lib, pointer
        self._finalizer = weakref.finalize(self, _free, lib.cxm_series_free, pointer,
                                           _keepalive)

    @staticmethod
    def footprint(scale, capacity):
        """Bytes a series of this scale and capacity occupies."""
        size = _lib().cxm_series_footprint(byref(scale._to_c()), _capacity(capacity))
        if size == 0:
            scale.check()  # an invalid scale raises its reason; else the capacity
            raise _error(-10, f"capacity {capacity} is out of range")
        return size

    @classmethod
    def in_memory(cls, scale, capacity, head):
        """A series placed in Python-owned memory (cxm_series_init)."""
        size = cls.footprint(scale, capacity)
        raw = ctypes.create_string_buffer(size + _ALIGNMENT)
        address = ctypes.addressof(raw)
        pointer = _series_p()
        _check(_lib().cxm_series_init(c_void_p(address + (-address % _ALIGNMENT)), size,
                                      byref(scale._to_c()), capacity, _bucket(head, "head"),
                                      byref(pointer)))
        return cls(None, 0, 0, _pointer=pointer, _keepalive=raw)

    @classmethod
    def from_bytes(cls, data):
        """A series from to_bytes() output (cxm_series_decode)."""
        data = bytes(data)
        pointer = _series_p()
        _check(_lib().cxm_series_decode(data, len(data), byref(pointer)))
        return cls(None, 0, 0, _pointer=pointer)

    def clone(self):
        pointer = _series_p()
        _check(self._lib.cxm_series_clone(self._handle(), byref(pointer)))
        return type(self)(None, 0, 0, _pointer=pointer)

    __copy__ = clone


    @property
    def scale(self):
        out = _new(_Scale)
        _check(self._lib.cxm_series_scale(self._handle(), byref(out)))
        return Scale._from_c(out)

    @property
    def capacity(self):
        out = c_uint32()
        _check(self._lib.cxm_series_capacity(self._handle(), byref(out)))
        return out.value

    @property
    def head(self):
        out = ctypes.c_int64()
        _check(self._lib.cxm_series_head(self._handle(), byref(out)))
        return out.value

    def advance(self, head):
        """Move the head forward; a head at or before the current one is a no-op."""
        _check(self._lib.cxm_series_advance(self._handle(), _bucket(head, "head")),
               f"head {head}")
        return self

    def add(self, bucket, rating, count=1):
        """Record one rating, or `count` copies, in a retained bucket."""
        if type(count) is int and count == 1:
            status = self._lib.cxm_series_add(self._handle(), _bucket(bucket), _rating(rating))
        else:
            status = self._lib.cxm_series_add_count(self._handle(), _bucket(bucket),
                                                    _rating(rating), _count(count))
        _check(status, f"bucket {bucket}, rating {rating}")
        return self

    def remove(self, bucket, rating, count=1):
        """Remove `count` copies of a rating from a retained bucket."""
        _check(self._lib.cxm_series_remove_count(self._handle(), _bucket(bucket),
                                                 _rating(rating), _count(count)),
               f"bucket {bucket}, rating {rating}")
        return self

    def add_accumulator(self, bucket, acc):
        """Add every count of an accumulator to a retained bucket."""
        _check(self._lib.cxm_series_add_acc(self._handle(), _bucket(bucket), acc._handle()),
               f"bucket {bucket}")
        return self

    def sum(self, first, last, into=None):
        """The buckets first..last summed: into += them if given, else a new
        Accumulator. Returns the accumulator."""
        target = Accumulator(self.scale) if into is None else into
        status = self._lib.cxm_series_sum(self._handle(), _bucket(first, "first"),
                                          _bucket(last, "last"), target._handle())
        if status != 0 and into is None:
            target.close()
        _check(status, f"buckets {first}..{last}")
        return target

    def merge(self, other):
        """self += other, bucket by bucket (the head advances to the later one)."""
        _check(self._lib.cxm_series_merge(self._handle(), other._handle()))
        return self

    def to_bytes(self):
        """The portable, canonical encoding (cxm_series_encode)."""
        return _encoded(self._lib.cxm_series_encoded_size, self._lib.cxm_series_encode,
                        self._handle())

    def __eq__(self, other):
        if not isinstance(other, Series):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    __hash__ = None  # mutable

    def __repr__(self):
        if self.closed:
            return "<cxmetrics.Series (closed)>"
        return f"<cxmetrics.Series {self.scale} capacity={self.capacity} head={self.head}>"
