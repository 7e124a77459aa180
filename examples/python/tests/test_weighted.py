"""The weighted accumulator (cxm_wacc, since 1.2) against the C suite's
references: R's survey package (tests/reference/weighted.R, which wrote
weighted_cases.h: svymean, svyciprop with "beta", "mean" and "logit",
confint with degf, svyby comparisons), and the revenue-weighted NPS worked in
docs/statistics.md. Every refusal leaves the state byte for byte as it was."""
from __future__ import annotations

import math
import unittest
from typing import Any, Dict, List

import references
from support import Close, cxm, wrong

R_REL = 1e-9  # survey prints 17 digits; formulas differ in form (as tests/test_wacc_stats.c)
M = 2 ** 32 - 1  # the largest weight
REVENUE = ("nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,"
           "10:3/235/21625]")


class TestAgainstSurvey(Close):
    tables: Dict[str, Any] = {}

    @classmethod
    def setUpClass(cls) -> None:
        cls.tables = references.read("weighted_cases.h")

    def sample(self, index: int) -> cxm.WeightedAccumulator:
        _name, preset, responses, n = self.tables["weighted_samples"][index]
        w = cxm.WeightedAccumulator(cxm.Scale.preset(preset))
        for rating, weight in self.tables[responses]:
            w.add(rating, weight)
        self.assertEqual(w.totals().count, n)
        return w

    def near(self, got: float, want: float, rel: float = R_REL) -> None:
        if abs(want) < 1e-300:  # a clipped limit is 0 exactly
            self.assertLess(abs(got), 1e-300)
        else:
            self.assertRel(got, want, rel)

    def test_refusals_name_the_rating_and_the_weight(self) -> None:
        # include/cxmetrics.h, cxm_wacc_add: weight 1 .. 2^32 - 1, CXM_ERR_RANGE
        # for a rating outside the scale before CXM_ERR_ARG for weight 0; a
        # weight no uint32_t holds is refused before the call. The detail is
        # the same in every binding.
        w = cxm.WeightedAccumulator("nps")
        cases: List[Any] = [
            (lambda: w.add(9, 0), cxm.ArgumentError, "rating 9, weight 0"),
            (lambda: w.add(11, 0), cxm.RangeError, "rating 11, weight 0"),
            (lambda: w.remove(4, 7), cxm.AbsentError, "rating 4, weight 7"),
            (lambda: w.add(9, -1), cxm.ArgumentError, "weight -1 is not in 1 .. 2^32 - 1"),
            (lambda: w.remove(9, 2 ** 32), cxm.ArgumentError, "weight 4294967296 is not in 1 .. 2^32 - 1"),
        ]
        for call, error, detail in cases:
            with self.subTest(detail=detail), self.assertRaises(error) as caught:
                call()
            self.assertEqual(str(caught.exception),
                             f"{caught.exception.name}: {caught.exception.message.rstrip('.')} ({detail})")

    def test_intervals(self) -> None:
        cases: List[List[Any]] = self.tables["weighted_interval_cases"]
        self.assertGreater(len(cases), 100)
        for sample, quantity, method, confidence, estimate, se, low, high in cases:
            with self.subTest(sample=sample, quantity=quantity, method=method, c=confidence):
                iv = self.sample(sample).interval(quantity, method, confidence)
                self.assertEqual((iv.quantity, iv.method),
                                 (cxm.quantity_name(quantity), cxm.method_name(method)))
                self.near(iv.estimate, estimate, 1e-13)
                for got, want in ((iv.se, se), (iv.low, low), (iv.high, high)):
                    self.near(got, want)

    def test_logit_to_survey_convergence(self) -> None:
        for sample, quantity, confidence, low, high in self.tables["weighted_logit_cases"]:
            iv = self.sample(sample).interval(quantity, "logit", confidence)
            self.assertRel(iv.low, low, 1e-7)  # survey's fit converges to about 1e-8
            self.assertRel(iv.high, high, 1e-7)

    def test_comparisons(self) -> None:
        cases = self.tables["weighted_compare_cases"]
        self.assertGreater(len(cases), 10)
        for a, b, quantity, confidence, *want in cases:
            with self.subTest(a=a, b=b, quantity=quantity, c=confidence):
                got = self.sample(a).compare(self.sample(b), quantity, confidence=confidence)
                self.assertEqual(got.method, "t" if cxm.quantity_name(quantity) == "mean"
                                 else "wald")
                for field, value in zip(("difference", "se", "statistic", "df", "p_value", "low",
                                         "high"), want):
                    self.near(getattr(got, field), value)

    def test_snapshots(self) -> None:
        for sample, stddev, n_effective in self.tables["weighted_spread_cases"]:
            w = self.sample(sample)
            s = w.snapshot()
            self.assertRel(s.stddev, stddev, 1e-13)
            self.assertRel(s.n_effective, n_effective, 1e-13)
            iv = w.interval()
            self.assertEqual((s.score, s.score_low, s.score_high), (iv.estimate, iv.low, iv.high))


class TestWeighted(Close):
    def test_revenue_weighted_nps(self) -> None:
        # docs/statistics.md, "Weighted responses": ten B2B accounts weighted by ARR in $k
        w = cxm.WeightedAccumulator.parse(REVENUE)
        s = w.snapshot()
        self.assertEqual((s.headline, s.n, s.positive, s.neutral, s.negative),
                         ("net", 10, 6, 2, 2))
        self.assertEqual(s.weight_total, 2250.0)
        self.assertRel(s.positive_share, 100 * 965 / 2250, 1e-15)
        self.assertRel(s.net, 100 * 40 / 2250, 1e-15)  # +1.78
        self.assertRel(s.n_effective, 2250 ** 2 / 1174750, 1e-15)  # 4.31
        self.assertEqual((s.score_low, s.score_high), (-100.0, 100.0))  # t(9) se: clipped
        iv = w.interval("net", confidence=0.90)
        self.assertEqual((iv.method, round(iv.se, 2), round(iv.low, 2), round(iv.high, 2)),
                         ("wald", 49.15, -88.32, 91.88))
        self.assertEqual(w.unweighted().snapshot().net, 40.0)  # without weights: NPS 40
        self.assertEqual(w.cell(9), cxm.Cell(3, 730, 248900))
        self.assertEqual(w.totals(), cxm.Cell(10, 2250, 1174750))

    def test_exact_sums_and_round_trips(self) -> None:
        w = cxm.WeightedAccumulator("nps")
        w.add(9, M)
        w.add(9, M)
        w.add(0, 1)
        self.assertEqual(w.cell(9), cxm.Cell(2, 2 * M, 2 * M * M))  # Q past 2^64, exact
        self.assertEqual(str(w), f"nps[0:1/1/1,9:2/{2 * M}/{2 * M * M}]")
        for back in (cxm.WeightedAccumulator.parse(str(w)),
                     cxm.WeightedAccumulator.from_bytes(w.to_bytes()), w.clone(), w + w - w):
            self.assertEqual(back, w)
        self.assertLessEqual(len(w.to_bytes()), cxm.WACC_ENCODED_MAX)
        w.remove(9, M)
        self.assertEqual(w.cell(9), cxm.Cell(1, M, M * M))
        w -= w
        self.assertEqual(str(w), "nps[]")
        with cxm.WeightedAccumulator.in_memory("csat5") as mem:
            mem.add(5, 3)
            self.assertEqual(mem.snapshot().weight_total, 3.0)
        self.assertEqual(cxm.WeightedAccumulator.footprint("nps"), 48 + 32 * 11)  # the header's
        empty = cxm.WeightedAccumulator("nps").snapshot()
        self.assertEqual(empty.n, 0)
        self.assertTrue(math.isnan(empty.weight_total) and math.isnan(empty.score))
        # an Accumulator's snapshot carries n in both new fields
        plain = cxm.Accumulator.parse("nps{9:2,10:1}").snapshot()
        self.assertEqual((plain.weight_total, plain.n_effective), (3.0, 3.0))

    def test_refusals_change_nothing(self) -> None:
        w = cxm.WeightedAccumulator.parse(REVENUE)
        before = w.to_bytes()
        other = cxm.WeightedAccumulator("csat5")
        other.add(5, 1)
        refusals: List[Any] = [
            (cxm.ArgumentError, lambda: w.add(9, 0)),
            (cxm.ArgumentError, lambda: w.add(9, -1)),
            (cxm.ArgumentError, lambda: w.add(9, 2 ** 32)),
            (cxm.ArgumentError, lambda: w.remove(9, 0)),
            (cxm.RangeError, lambda: w.add(11, 1)),
            (cxm.RangeError, lambda: w.add(2 ** 32 + 9, 1)),
            (cxm.RangeError, lambda: w.cell(-1)),
            (cxm.AbsentError, lambda: w.remove(4, 1)),
            (cxm.AbsentError, lambda: w.remove(9, 731)),
            (cxm.AbsentError, lambda: w.subtract(w + w)),
            (cxm.MismatchError, lambda: w.merge(other)),
            (cxm.MismatchError, lambda: w.compare(other)),
            (cxm.MismatchError, lambda: w.unweighted(cxm.Accumulator("csat5"))),
            (cxm.EmptyError, lambda: w.compare(cxm.WeightedAccumulator("nps"))),
            (cxm.EmptyError, lambda: other.interval()),
            (cxm.ArgumentError, lambda: w.interval("net", "clopper-pearson")),
            (cxm.ArgumentError, lambda: w.interval("net", "adjusted-wald")),
            (cxm.ArgumentError, lambda: w.interval(confidence=1.0)),
            (cxm.ArgumentError, lambda: w.interval(2 ** 32 + 1)),
            (cxm.FormatError, lambda: cxm.WeightedAccumulator.parse("nps{9:1}")),
            (cxm.FormatError, lambda: cxm.WeightedAccumulator.parse("nps[9:2/1/1]")),
            (cxm.FormatError, lambda: cxm.WeightedAccumulator.from_bytes(
                cxm.Accumulator("nps").to_bytes())),
            (TypeError, lambda: w.add(wrong(9.0), 1)),
            (TypeError, lambda: w.add(9, wrong(1.5))),
            (TypeError, lambda: w.add(9, wrong("2"))),
            (TypeError, lambda: w.add(9, wrong(True))),
            (TypeError, lambda: w.merge(wrong(cxm.Accumulator("nps")))),
            (TypeError, lambda: w.unweighted(wrong(w))),
            (TypeError, lambda: w.interval(confidence=wrong("0.9"))),
            (TypeError, lambda: cxm.WeightedAccumulator.parse(wrong(b"nps[]"))),
            (TypeError, lambda: cxm.WeightedAccumulator(wrong(5))),
        ]
        for i, (error, call) in enumerate(refusals):
            with self.assertRaises(error, msg=f"refusal {i}"):
                call()
        self.assertEqual(w.to_bytes(), before)
        zero = cxm.WeightedAccumulator("nps")  # a share of 0 has no logit interval
        zero.add(9, 5)
        zero.add(10, 2)
        with self.assertRaises(cxm.EmptyError):
            zero.interval("negative-share", "logit")

    def test_overflow(self) -> None:
        # 2^32 + 1 responses of the largest weight sum to exactly UINT64_MAX
        full = cxm.WeightedAccumulator.parse(
            f"nps[9:{2 ** 32 + 1}/{2 ** 64 - 1}/{(2 ** 64 - 1) * M}]")
        before = full.to_bytes()
        with self.assertRaises(cxm.CountOverflowError):
            full.add(0, 1)
        with self.assertRaises(cxm.CountOverflowError):
            full.merge(full)
        into = cxm.Accumulator("nps")
        into.add(0, 2 ** 64 - 2 ** 32)
        with self.assertRaises(cxm.CountOverflowError):
            full.unweighted(into)
        self.assertEqual((full.to_bytes(), into.total), (before, 2 ** 64 - 2 ** 32))


if __name__ == "__main__":
    unittest.main()
