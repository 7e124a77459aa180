"""What the test files share: the module under test (from the tree, beside
this directory, unless CXM_PYTHON_INSTALLED says to use the installed one),
small accumulators, a relative-tolerance assertion, and the interface the
library exports (CXM_INTERFACE, written by ctest's abi_interface from
tests/abi/cxmetrics.abi and tests/abi/constants.c)."""

from __future__ import annotations

import json
import math
import os
import sys
import unittest
from typing import Any, Dict, Optional

if not os.environ.get("CXM_PYTHON_INSTALLED"):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import cxmetrics as cxm  # noqa: E402

__all__ = ["cxm", "REL", "ULPS", "nps", "share", "Close", "interface", "wrong"]

REL = 1e-12  # R prints 17 significant digits; formulas differ in form
ULPS = 1e-15


def nps(promoters: int, passives: int, detractors: int) -> cxm.Accumulator:
    acc = cxm.Accumulator(cxm.Scale.preset("nps"))
    acc.add(10, promoters)
    acc.add(8, passives)
    acc.add(0, detractors)
    return acc


def share(positive: int, n: int) -> cxm.Accumulator:
    acc = cxm.Accumulator(cxm.Scale.preset("csat2"))
    acc.add(2, positive)
    acc.add(1, n - positive)
    return acc


class Close(unittest.TestCase):
    def assertRel(self, got: float, want: float, rel: float = REL) -> None:
        self.assertTrue(math.isclose(got, want, rel_tol=rel, abs_tol=0.0),
                        f"{got!r} != {want!r} (rel {rel})")


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose: the tests of refusals
    say so to mypy, which would refuse the call itself."""
    return value


def interface() -> Optional[Dict[str, Any]]:
    """The exported functions, struct layouts and constants (interface.py's
    document); None when CXM_INTERFACE is not set (a run outside ctest)."""
    path = os.environ.get("CXM_INTERFACE")
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        document: Dict[str, Any] = json.load(f)
    return document
