"""One rule for bad arguments, in every method: a value of the wrong type is
a TypeError; an integer beyond what the C parameter holds gets the exception
the library gives for an invalid value of that argument (never wrapped into
a valid one: ctypes alone passes 2**32 + 4 as 4); nothing is replaced by a
default; and a refused call changes nothing."""
from __future__ import annotations

import math
import unittest
from typing import Any, Callable, List, Tuple, Type

from support import cxm, nps, wrong

BEYOND_INT32 = [2 ** 31, 2 ** 32 + 4, -(2 ** 31) - 1, 2 ** 64 + 1]


class TestOneRule(unittest.TestCase):
    def setUp(self) -> None:
        self.acc = nps(6, 3, 1)
        self.before = self.acc.to_bytes()

    def tearDown(self) -> None:
        self.assertEqual(self.acc.to_bytes(), self.before, "a refused call changed the state")
        self.acc.close()

    def refuses(self, error: Type[BaseException], calls: List[Callable[[], object]]) -> None:
        for i, call in enumerate(calls):
            with self.assertRaises(error, msg=f"call {i}"):
                call()

    def test_quantity_and_method_numbers_beyond_int32(self) -> None:
        # issue 20: interval(2**32 + 4) was the mean's interval (4 = CXM_QUANTITY_MEAN)
        other = nps(1, 1, 1)
        for big in BEYOND_INT32:
            self.refuses(cxm.ArgumentError, [
                lambda: self.acc.interval(big),
                lambda: self.acc.interval("net", big),
                lambda: self.acc.compare(other, big),
                lambda: self.acc.compare(other, "net", big),
                lambda: cxm.resolve_method("nps", big),
                lambda: cxm.resolve_method("nps", "net", big),
                lambda: cxm.resolve_method("nps", use=big),
                lambda: cxm.Scale.preset(big),
            ])
            self.assertIsNone(cxm.method_name(big))
            self.assertIsNone(cxm.quantity_name(big))
            self.assertIsNone(cxm.headline_name(big))
            with self.assertRaises(cxm.ScaleError):
                cxm.Scale(1, 5, 4, 5, 1, 2, big).check()
            with self.assertRaises(cxm.RangeError):
                self.acc.add(big)
        # the largest int32 is passed through, and the library refuses it
        self.refuses(cxm.ArgumentError, [lambda: self.acc.interval(2 ** 31 - 1),
                                         lambda: self.acc.interval(method=-(2 ** 31))])

    def test_wrong_types(self) -> None:
        other = nps(1, 1, 1)
        bad: List[Any] = [None, 1.0, b"net", True, [1], 4.5]
        for value in bad:
            self.refuses(TypeError, [
                lambda: self.acc.interval(wrong(value)),
                lambda: self.acc.interval("net", wrong(value)),
                lambda: self.acc.compare(other, wrong(value)),
                lambda: cxm.resolve_method("nps", wrong(value)),
                lambda: cxm.resolve_method("nps", "net", "wald", wrong(value)),
                lambda: cxm.method_name(wrong(value)),
                lambda: cxm.Scale.preset(wrong(value)),
            ])
        for confidence in ("0.95", None, True, b"1", [0.9]):
            self.refuses(TypeError, [lambda: self.acc.interval(confidence=wrong(confidence)),
                                     lambda: self.acc.compare(other,
                                                              confidence=wrong(confidence))])
        for value in (5, None, b"nps", cxm.Series("nps", 2, 0)):  # (sum's into=None: a new one)
            self.refuses(TypeError, [
                lambda: self.acc.merge(wrong(value)),
                lambda: self.acc.subtract(wrong(value)),
                lambda: self.acc.compare(wrong(value)),
                lambda: cxm.Accumulator(wrong(value)),
                lambda: cxm.Accumulator.in_memory(wrong(value)),
                lambda: cxm.footprint(wrong(value)),
                lambda: cxm.Series(wrong(value), 7, 0),
                lambda: cxm.Series("nps", 7, 0).add_accumulator(0, wrong(value)),
            ] + ([lambda: cxm.Series("nps", 7, 0).sum(0, 0, wrong(value))] if value else []))
        for data in (5, "nps{}", None, [1, 2]):
            self.refuses(TypeError, [lambda: cxm.Accumulator.from_bytes(wrong(data)),
                                     lambda: cxm.Series.from_bytes(wrong(data))])

    def test_wrong_state_is_named_with_its_article(self) -> None:
        acc, weighted = cxm.Accumulator("nps"), cxm.WeightedAccumulator("nps")
        cases: List[Tuple[Callable[[], object], str]] = [
            (lambda: acc.merge(wrong(5)), "expected an Accumulator, not int"),
            (lambda: weighted.merge(wrong(acc)), "expected a WeightedAccumulator, not Accumulator"),
            (lambda: weighted.unweighted(wrong(weighted)), "expected an Accumulator, not WeightedAccumulator")]
        for call, message in cases:
            with self.assertRaises(TypeError) as caught:
                call()
            self.assertEqual(str(caught.exception), message)

    def test_confidence_out_of_range(self) -> None:
        for confidence in (0, 1, 1.5, -0.5, math.nan, math.inf, 10 ** 400):
            self.refuses(cxm.ArgumentError, [lambda: self.acc.interval(confidence=confidence)])

    def test_scales_by_name(self) -> None:
        # issue 20: Accumulator.in_memory('nps') and footprint('nps') raised AttributeError
        self.assertEqual(cxm.footprint("nps"), cxm.footprint(cxm.Scale.preset("nps")))
        with cxm.Accumulator.in_memory("nps") as acc:
            acc.add(9)
            self.assertEqual(str(acc), "nps{9:1}")
        self.assertEqual(cxm.Series.footprint("nps", 7),
                         cxm.Series.footprint(cxm.Scale.preset("nps"), 7))
        with cxm.Series.in_memory("csat5", 7, 0) as days:
            self.assertEqual(days.add(0, 5).head, 0)
        with self.assertRaises(cxm.FormatError):
            cxm.footprint("nps ")
        with self.assertRaises(cxm.ArgumentError):
            cxm.Series.in_memory("nps", 2 ** 32, 0)


if __name__ == "__main__":
    unittest.main()
