"""cxmetrics from Python through ctypes: no compiled glue, standard library only.

CSAT, NPS and CES from individual survey ratings, exactly, with honest
statistics: the binding of libcxmetrics (include/cxmetrics.h). Every function
of the library is declared with its exact argument and result types
(_library.py), the structs are mirrored field for field, every non-OK status
becomes an exception (errors.py), and each native object is owned by one
Python object that frees it exactly once.

    import cxmetrics
    with cxmetrics.Accumulator("nps") as acc:
        acc.add_many([10, 9, 9, 8, 7, 10, 3, 9, 6, 10])
        snap = acc.snapshot()
        print(f"NPS {snap.score:.1f} ({snap.score_low:.1f} to {snap.score_high:.1f})")

The library is found, in this order: the path given to load(), the
environment variable CXM_LIBRARY, then the system loader (libcxmetrics.so.1,
as the Debian package libcxmetrics1 installs it). LibraryError says what was
looked for and where.
"""

from ._library import ABI_MAJOR, LibraryError, load, version
from ._native import TEXT_MAX
from .accumulator import ACC_FOOTPRINT_MAX, ENCODED_MAX, Accumulator, footprint
from .adjust import adjust_name, adjust_p, parse_adjust
from .errors import (AbsentError, ArgumentError, CountOverflowError, CxmError, EmptyError,
                     FormatError, MismatchError, NoMemoryError, NullError, RangeError,
                     ScaleError, SizeError, WindowError)
from .names import (headline_name, method_name, parse_headline, parse_method, parse_quantity,
                    quantity_name)
from .plan import plan_sample_size
from .recorder import Recorder
from .results import Comparison, Interval, Snapshot
from .scale import (SCALE_MAX_RATINGS, USE_COMPARE, USE_INTERVAL, USE_WEIGHTED_COMPARE,
                    USE_WEIGHTED_INTERVAL, Resolved, Scale, resolve_method)
from .series import SERIES_BUCKET_LIMIT, SERIES_MAX_CAPACITY, Series
from .weighted import WACC_ENCODED_MAX, WACC_TEXT_MAX, Cell, WeightedAccumulator

# The binding's version, the library's it is written for, and the package's
# (pyproject.toml reads it from here); tests/package/check_versions.py
# compares it with include/cxmetrics.h.
__version__ = "1.2.0"

__all__ = [
    "ABI_MAJOR", "ACC_FOOTPRINT_MAX", "ENCODED_MAX", "SCALE_MAX_RATINGS", "SERIES_BUCKET_LIMIT",
    "SERIES_MAX_CAPACITY", "TEXT_MAX", "USE_COMPARE", "USE_INTERVAL", "USE_WEIGHTED_COMPARE",
    "USE_WEIGHTED_INTERVAL", "WACC_ENCODED_MAX", "WACC_TEXT_MAX",
    "load", "version", "has_encoding", "footprint", "resolve_method", "method_name",
    "parse_method", "quantity_name", "parse_quantity", "headline_name", "parse_headline",
    "adjust_p", "adjust_name", "parse_adjust", "plan_sample_size",
    "Scale", "Accumulator", "Series", "Recorder", "WeightedAccumulator", "Cell", "Snapshot",
    "Interval", "Comparison", "Resolved",
    "LibraryError", "CxmError", "NullError", "ScaleError", "RangeError", "NoMemoryError",
    "CountOverflowError", "AbsentError", "MismatchError", "SizeError", "FormatError",
    "ArgumentError", "EmptyError", "WindowError",
]


def has_encoding() -> bool:
    """Always True since the binding needs library 1.1 (kept for 1.0 callers)."""
    return True
