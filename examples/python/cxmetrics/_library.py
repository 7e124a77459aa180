"""Loading libcxmetrics and declaring its functions, exactly as
include/cxmetrics.h declares them: the structs field for field (each starting
with its `size`), every function with its argument and result types.

The library is found, in this order: the path given to load(), the
environment variable CXM_LIBRARY, the system loader (libcxmetrics.so.1, the
SONAME the Debian package libcxmetrics1 installs), then
ctypes.util.find_library("cxmetrics") for platforms that name it otherwise.
A library of another ABI major is refused before anything else is declared.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from ctypes import (POINTER, Structure, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t,
                    c_uint8, c_uint32, c_uint64, c_void_p)
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar


ABI_MAJOR = 1  # the SONAME number this module is written for
OLDEST = 10200  # the oldest library (cxm_version_number) with every function declared below
SONAME = f"libcxmetrics.so.{ABI_MAJOR}"
ENVIRONMENT = "CXM_LIBRARY"


class LibraryError(ImportError):
    """The library cannot be used: not found (the message names what was
    looked for and where, and CXM_LIBRARY), of another ABI major, or older
    than this module."""


# ---- the C structs, field for field ------------------------------------------

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
                ("score_high", c_double),
                ("weight_total", c_double), ("n_effective", c_double)]  # since 1.2


class _Interval(Structure):
    _fields_ = [("size", c_uint32), ("quantity", c_int32), ("method", c_int32),
                ("confidence", c_double), ("estimate", c_double), ("se", c_double),
                ("low", c_double), ("high", c_double)]


class _Comparison(Structure):
    _fields_ = [("size", c_uint32), ("quantity", c_int32), ("method", c_int32),
                ("confidence", c_double), ("difference", c_double), ("se", c_double),
                ("statistic", c_double), ("df", c_double), ("p_value", c_double),
                ("low", c_double), ("high", c_double)]


_S = TypeVar("_S", bound=Structure)


def new_struct(struct_type: Type[_S]) -> _S:
    """A zeroed struct with its size set, as the CXM_*_INIT macros do."""
    value = struct_type()
    setattr(value, "size", ctypes.sizeof(struct_type))
    return value


# ---- the functions, as include/cxmetrics.h declares them ------------------------

_acc_p = c_void_p  # cxm_acc *, opaque
_series_p = c_void_p  # cxm_series *, opaque
_recorder_p = c_void_p  # cxm_recorder *, opaque
_wacc_p = c_void_p  # cxm_wacc *, opaque

_Prototype = Tuple[Any, List[Any]]
PROTOTYPES: Dict[str, _Prototype] = {
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
    # 1.2
    "cxm_method_resolve": (c_int, [POINTER(_Scale), c_int, c_int, c_int, POINTER(c_int),
                                   POINTER(c_int)]),
    "cxm_recorder_new": (c_int, [POINTER(_Scale), POINTER(_recorder_p)]),
    "cxm_recorder_footprint": (c_size_t, [POINTER(_Scale)]),
    "cxm_recorder_init": (c_int, [c_void_p, c_size_t, POINTER(_Scale), POINTER(_recorder_p)]),
    "cxm_recorder_free": (None, [_recorder_p]),
    "cxm_recorder_add": (c_int, [_recorder_p, c_int32]),
    "cxm_recorder_add_count": (c_int, [_recorder_p, c_int32, c_uint64]),
    "cxm_recorder_collect": (c_int, [_recorder_p, _acc_p]),
    "cxm_adjust_p": (c_int, [POINTER(c_double), c_size_t, c_int, POINTER(c_double)]),
    "cxm_adjust_name": (c_char_p, [c_int]),
    "cxm_adjust_parse": (c_int, [c_char_p, c_size_t, POINTER(c_int)]),
    "cxm_plan_sample_size": (c_int, [POINTER(_Scale), _acc_p, c_int, c_double, c_double,
                                     c_uint64, POINTER(c_uint64)]),
    "cxm_wacc_new": (c_int, [POINTER(_Scale), POINTER(_wacc_p)]),
    "cxm_wacc_footprint": (c_size_t, [POINTER(_Scale)]),
    "cxm_wacc_init": (c_int, [c_void_p, c_size_t, POINTER(_Scale), POINTER(_wacc_p)]),
    "cxm_wacc_free": (None, [_wacc_p]),
    "cxm_wacc_clone": (c_int, [_wacc_p, POINTER(_wacc_p)]),
    "cxm_wacc_reset": (c_int, [_wacc_p]),
    "cxm_wacc_scale": (c_int, [_wacc_p, POINTER(_Scale)]),
    "cxm_wacc_add": (c_int, [_wacc_p, c_int32, c_uint32]),
    "cxm_wacc_remove": (c_int, [_wacc_p, c_int32, c_uint32]),
    "cxm_wacc_merge": (c_int, [_wacc_p, _wacc_p]),
    "cxm_wacc_subtract": (c_int, [_wacc_p, _wacc_p]),
    "cxm_wacc_cell": (c_int, [_wacc_p, c_int32, POINTER(c_uint64), POINTER(c_uint64),
                              POINTER(c_uint64)]),
    "cxm_wacc_totals": (c_int, [_wacc_p, POINTER(c_uint64), POINTER(c_uint64),
                                POINTER(c_uint64)]),
    "cxm_wacc_unweighted": (c_int, [_wacc_p, _acc_p]),
    "cxm_wacc_snapshot": (c_int, [_wacc_p, POINTER(_Snapshot)]),
    "cxm_wacc_interval": (c_int, [_wacc_p, c_int, c_int, c_double, POINTER(_Interval)]),
    "cxm_wacc_compare": (c_int, [_wacc_p, _wacc_p, c_int, c_int, c_double,
                                 POINTER(_Comparison)]),
    "cxm_wacc_encoded_size": (c_int, [_wacc_p, POINTER(c_size_t)]),
    "cxm_wacc_encode": (c_int, [_wacc_p, c_void_p, c_size_t, POINTER(c_size_t)]),
    "cxm_wacc_decode": (c_int, [c_void_p, c_size_t, POINTER(_wacc_p)]),
    "cxm_wacc_format": (c_int, [_wacc_p, c_char_p, c_size_t, POINTER(c_size_t)]),
    "cxm_wacc_parse": (c_int, [c_char_p, c_size_t, POINTER(_wacc_p)]),
}


# ---- loading ---------------------------------------------------------------------

_loaded: Optional[ctypes.CDLL] = None
_load_lock = threading.Lock()  # two threads' first calls load the library once


def _candidates() -> List[str]:
    """Where to look, in order, when load() is given no path."""
    env = os.environ.get(ENVIRONMENT)
    if env:
        return [env]
    found = ctypes.util.find_library("cxmetrics")
    return [SONAME] + ([found] if found and found != SONAME else [])


def _open(candidates: List[str], explicit: bool) -> ctypes.CDLL:
    reasons = []
    for path in candidates:
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            reasons.append(str(e))
    how = ("the path given to load()" if explicit else
           f"${ENVIRONMENT}" if os.environ.get(ENVIRONMENT) else "the system loader")
    raise LibraryError(
        f"cannot load {' or '.join(candidates)} (looked up through {how}: "
        f"{'; '.join(reasons)}). Install libcxmetrics{ABI_MAJOR} (the Debian package), run "
        f"ldconfig after `cmake --install` to /usr/local, or set {ENVIRONMENT} to the "
        "library's path")


def _declare(path: Optional[str]) -> ctypes.CDLL:
    global _loaded
    lib = _open([path] if path else _candidates(), explicit=bool(path))
    # The version first: another major's other functions may not even exist.
    try:
        lib.cxm_version_number.restype, lib.cxm_version_number.argtypes = c_uint32, []
        lib.cxm_version_string.restype, lib.cxm_version_string.argtypes = c_char_p, []
    except AttributeError:
        raise LibraryError(f"{lib._name} is not libcxmetrics: it has no cxm_version_number; "
                           f"set {ENVIRONMENT} to the path of {SONAME}") from None
    number = int(lib.cxm_version_number())
    if number // 10000 != ABI_MAJOR:
        raise LibraryError(
            f"{lib._name} is libcxmetrics {lib.cxm_version_string().decode()}, of ABI "
            f"{number // 10000}; this module needs ABI {ABI_MAJOR} ({SONAME}): install "
            f"libcxmetrics{ABI_MAJOR} or point {ENVIRONMENT} at it")
    if number < OLDEST:
        raise LibraryError(
            f"{lib._name} is libcxmetrics {lib.cxm_version_string().decode()}; this module "
            f"needs {OLDEST // 10000}.{OLDEST // 100 % 100} or later")
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            function = getattr(lib, name)
        except AttributeError:  # a build between releases, or not libcxmetrics at all
            raise LibraryError(f"{lib._name} (libcxmetrics {lib.cxm_version_string().decode()}) "
                               f"has no {name}, which this module needs") from None
        function.restype, function.argtypes = restype, argtypes
    _loaded = lib
    return lib


def load(path: Optional[str] = None) -> ctypes.CDLL:
    """Load the library (an explicit path, else $CXM_LIBRARY, else the system
    loader), declare every function, and make it the one this module uses.
    Returns the ctypes.CDLL. Calling it again replaces the library; on
    LibraryError the previous one stays."""
    with _load_lock:
        return _declare(path)


def lib() -> ctypes.CDLL:
    """The loaded library, loading it on first use."""
    if _loaded is None:
        with _load_lock:
            if _loaded is None:
                return _declare(None)
    assert _loaded is not None
    return _loaded


def version() -> Tuple[str, int]:
    """The loaded library's version: (string, number), e.g. ("1.2.0", 10200)."""
    library = lib()
    return library.cxm_version_string().decode(), int(library.cxm_version_number())
