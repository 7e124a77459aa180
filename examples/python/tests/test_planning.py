"""Adjusted p-values (cxm_adjust_p) and sample sizes (cxm_plan_sample_size),
since 1.2, against the C suites' references: R's p.adjust
(tests/reference/adjust.R, which wrote adjust_cases.h) and R's qnorm with
the formulas of the header (tests/reference/plan.R, plan_cases.h)."""
from __future__ import annotations

import math
import struct
import unittest
from typing import Any, List

import references
from support import cxm, nps, wrong

METHODS = ["bonferroni", "holm", "hochberg", "bh", "by"]


def bits(values: List[float]) -> List[Any]:
    """Values as their exact bits (any NaN as one), for comparisons to the bit."""
    return ["nan" if math.isnan(v) else struct.pack("<d", v) for v in values]


class TestAdjust(unittest.TestCase):
    def test_every_case_of_r_to_the_bit(self) -> None:
        tables = references.read("adjust_cases.h")
        cases = [name[:-2] for name in tables if name.endswith("_p")]
        self.assertGreaterEqual(len(cases), 10)
        for case in cases:
            for method in METHODS:
                with self.subTest(case=case, method=method):
                    got = cxm.adjust_p(tables[f"{case}_p"], method)
                    self.assertEqual(bits(got), bits(tables[f"{case}_{method}"]))

    def test_names_and_numbers(self) -> None:
        # include/cxmetrics.h: CXM_ADJUST_BONFERRONI = 1 ... CXM_ADJUST_BY = 5
        for number, name in enumerate(METHODS, start=1):
            self.assertEqual((cxm.adjust_name(number), cxm.parse_adjust(name)), (name, number))
            self.assertEqual(cxm.adjust_p([0.01, 0.02], number), cxm.adjust_p([0.01, 0.02], name))
        for unknown in (0, 6, -1, 2 ** 40):
            self.assertIsNone(cxm.adjust_name(unknown))
        for bad in ("BH", "fdr", "", "bh "):
            with self.assertRaises(cxm.ArgumentError, msg=bad):
                cxm.parse_adjust(bad)

    def test_refusals(self) -> None:
        # "bonferroni" of R: 0.01 * 2 = 0.02, worked by hand
        self.assertEqual(cxm.adjust_p((0.01, 1), "bonferroni"), [0.02, 1.0])
        self.assertEqual(cxm.adjust_p([], "holm"), [])
        out_of_range: List[List[Any]] = [[0.5, 1.5], [-0.1], [math.inf], [10 ** 400]]
        for p in out_of_range:
            with self.assertRaises(cxm.ArgumentError, msg=repr(p)):
                cxm.adjust_p(p, "bh")
        unknown: List[Any] = [0, 6, 2 ** 32 + 4, "BH"]
        for method in unknown:
            with self.assertRaises(cxm.ArgumentError, msg=repr(method)):
                cxm.adjust_p([0.5], method)
        for bad in (["0.5"], [None], [True], "0.5", 0.5, [b"1"]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                cxm.adjust_p(wrong(bad), "bh")
        for method in (None, 4.0, True, b"bh"):
            with self.assertRaises(TypeError, msg=repr(method)):
                cxm.adjust_p([0.5], wrong(method))

    def test_refusal_names_the_p_value_or_the_method(self) -> None:
        # include/cxmetrics.h: a p-value outside [0, 1] that is not NaN, or
        # an unknown method, is CXM_ERR_ARG; NaN stays NaN.
        valid = "valid: bonferroni, holm, hochberg, bh, by"
        refused: List[Any] = [
            ([0.01, 1.5, -0.2], "bh", "the p-value at index 1 is 1.5, outside [0, 1]"),
            ([math.nan, -0.25], "holm", "the p-value at index 1 is -0.25, outside [0, 1]"),
            ([0.5, math.inf], 1, "the p-value at index 1 is inf, outside [0, 1]"),
            ([0.5], "fdr", f"unknown method 'fdr'; {valid}"),
            ([0.5, 2.0], 6, f"unknown method 6; {valid}"),
            ([], 0, f"unknown method 0; {valid}"),
        ]
        for p, method, detail in refused:
            with self.subTest(p=p, method=method):
                with self.assertRaises(cxm.ArgumentError) as caught:
                    cxm.adjust_p(p, method)
                self.assertTrue(str(caught.exception).endswith(f"({detail})"), str(caught.exception))
        with self.assertRaises(cxm.ArgumentError) as caught:
            cxm.parse_adjust("BH")
        self.assertIn(f"(unknown method 'BH'; {valid})", str(caught.exception))
        self.assertTrue(math.isnan(cxm.adjust_p([math.nan, 0.01], "holm")[0]))


class TestPlan(unittest.TestCase):
    def test_every_case_of_r(self) -> None:
        cases = references.read("plan_cases.h")["plan_cases"]
        self.assertGreaterEqual(len(cases), 20)
        for preset, has_pilot, counts, quantity, confidence, half_width, population, n in cases:
            scale = cxm.Scale.preset(preset)
            pilot = None
            if has_pilot:
                pilot = cxm.Accumulator(scale)
                for i, count in enumerate(counts):
                    pilot.add(scale.min + i, count)
            with self.subTest(preset=preset, pilot=counts, quantity=quantity, half_width=half_width):
                self.assertEqual(cxm.plan_sample_size(scale, half_width, quantity=quantity,
                                                      confidence=confidence, expected=pilot,
                                                      population=population), n)

    def test_worked_examples(self) -> None:
        # docs/statistics.md: worst-case NPS, +-5 points at 95 %: 1 537 answers;
        # from a population of 2 000 customers: 870
        self.assertEqual(cxm.plan_sample_size("nps", 5), 1537)
        self.assertEqual(cxm.plan_sample_size("nps", 5, population=2000), 870)
        self.assertEqual(cxm.plan_sample_size("nps", 5, quantity="net", confidence=0.95), 1537)
        with cxm.Accumulator("nps") as same:  # every answer alike: sigma^2 = 0 gives 1
            same.add(10, 50)
            self.assertEqual(cxm.plan_sample_size("nps", 1, expected=same), 1)

    def test_refusals(self) -> None:
        pilot = nps(6, 3, 1)
        for half_width in (0, -1, math.nan, 10 ** 400):
            with self.assertRaises(cxm.ArgumentError, msg=repr(half_width)):
                cxm.plan_sample_size("nps", half_width)
        for confidence in (0, 1, math.nan):
            with self.assertRaises(cxm.ArgumentError):
                cxm.plan_sample_size("nps", 5, confidence=confidence)
        quantities: List[Any] = [5, 2 ** 32 + 3, "share"]
        for quantity in quantities:
            with self.assertRaises(cxm.ArgumentError, msg=repr(quantity)):
                cxm.plan_sample_size("nps", 5, quantity=quantity)
        for population in (-1, 2 ** 64):
            with self.assertRaises(cxm.ArgumentError, msg=repr(population)):
                cxm.plan_sample_size("nps", 5, population=population)
        with self.assertRaises(cxm.MismatchError):
            cxm.plan_sample_size("csat5", 5, expected=pilot)
        with self.assertRaises(cxm.EmptyError):
            cxm.plan_sample_size("nps", 5, expected=cxm.Accumulator("nps"))
        with self.assertRaises(cxm.EmptyError):  # the mean needs 2 answers
            cxm.plan_sample_size("nps", 0.5, quantity="mean", expected=nps(1, 0, 0))
        with self.assertRaises(cxm.CountOverflowError):
            cxm.plan_sample_size("nps", 1e-300)
        wrong_types: List[Any] = ["5", None, True]
        for bad in wrong_types:
            with self.assertRaises(TypeError, msg=repr(bad)):
                cxm.plan_sample_size("nps", wrong(bad))
        wrong_types = [1.5, "0", None]
        for bad in wrong_types:
            with self.assertRaises(TypeError, msg=repr(bad)):
                cxm.plan_sample_size("nps", 5, population=wrong(bad))
        wrong_types = ["nps{}", 5, cxm.Series("nps", 1, 0)]
        for bad in wrong_types:
            with self.assertRaises(TypeError, msg=repr(bad)):
                cxm.plan_sample_size("nps", 5, expected=wrong(bad))
        with self.assertRaises(TypeError):
            cxm.plan_sample_size(wrong(5), 5)
        self.assertEqual(pilot.total, 10)


if __name__ == "__main__":
    unittest.main()
