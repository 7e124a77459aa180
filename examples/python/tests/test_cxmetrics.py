"""Tests of the ctypes binding (stdlib unittest), run by ctest against the
freshly built library (CXM_LIBRARY names it): results, errors, text forms,
series, batches, threads.

Expected numbers are those of the C suites, which took them from outside the
library: the worked examples of docs/metrics.md and R 4.2.2 (prop.test,
t.test, sd; tests/reference/snapshot.R and statistics.R), as tabulated in
tests/test_snapshot.c and tests/test_stats.c. Batch and thread tests compare
with counts made by collections.Counter.
"""
from __future__ import annotations

import array
import collections
import ctypes
import gc
import math
import platform
import random
import sys
import threading
import unittest
from typing import Any, Callable, List, Tuple, Type

from support import ULPS, Close, cxm, nps, share, wrong

from cxmetrics import _library, accumulator, errors


class TestScales(Close):
    def test_presets_by_their_1_0_names(self) -> None:
        # the names of the 1.0 module (CXM_PRESET_* in lower case) still read
        for number, name in enumerate(["csat_5", "csat_3", "csat_10", "csat_binary", "nps",
                                       "ces_7", "ces_5", "net_easy_7"], start=1):
            self.assertEqual(cxm.Scale.preset(name), cxm.Scale.preset(number))
        with self.assertRaises(cxm.ArgumentError):
            cxm.Scale.preset("csat_7")

    def test_presets(self) -> None:
        # the preset table of include/cxmetrics.h, by the text form's names
        table: dict[str, Tuple[Any, ...]] = {
            "csat5": (1, 1, 5, 4, 5, 1, 2, "share"),
            "csat3": (2, 1, 3, 3, 3, 1, 1, "share"),
            "csat10": (3, 1, 10, 8, 10, 1, 4, "share"),
            "csat2": (4, 1, 2, 2, 2, 1, 1, "share"),
            "nps": (5, 0, 10, 9, 10, 0, 6, "net"),
            "ces7": (6, 1, 7, 5, 7, 1, 3, "mean"),
            "ces5": (7, 1, 5, 1, 2, 4, 5, "mean"),
            "neteasy7": (8, 1, 7, 1, 2, 5, 7, "net"),
        }
        for name, (number, *fields) in table.items():
            self.assertEqual(cxm.Scale.preset(name), cxm.Scale(*fields))
            self.assertEqual(cxm.Scale.preset(number).check(), cxm.Scale(*fields))
            self.assertEqual(str(cxm.Scale(*fields)), name)
            self.assertEqual(cxm.Scale.parse(name), cxm.Scale(*fields))
        # the earlier spellings of the share headline still read (1.0, 1.1 drafts)
        for spelling in ("positive_share", "positive-share"):
            scale = cxm.Scale(1, 5, 4, 5, 1, 2, spelling)
            self.assertEqual(str(scale), "csat5")
            with cxm.Accumulator(scale) as acc:
                self.assertEqual(acc.scale.headline, "share")
        for bad in ("NPS", "csat_7", "net-easy-7", "1..5/4..5/1..2/share", ""):
            with self.assertRaises(cxm.ArgumentError, msg=bad):
                cxm.Scale.preset(bad)

    def test_custom_scale_and_footprint(self) -> None:
        scale = cxm.Scale(0, 100, 80, 100, 0, 40, "mean")
        self.assertLess(cxm.footprint(scale), 1024)
        with cxm.Accumulator(scale) as acc:
            acc.add(100)
            self.assertEqual(acc.scale, scale)


class TestWorkedExamples(Close):
    def test_nps(self) -> None:
        # docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50
        with nps(60, 30, 10) as acc:
            s = acc.snapshot()
        self.assertEqual((s.headline, s.n, s.positive, s.neutral, s.negative),
                         ("net", 100, 60, 30, 10))
        self.assertEqual((s.positive_share, s.negative_share, s.net, s.score),
                         (60.0, 10.0, 50.0, 50.0))
        self.assertRel(s.mean, 8.4000000000000004, ULPS)
        self.assertRel(s.stddev, 2.9541957835039856, ULPS)
        self.assertRel(s.score_low, 35.466591938667477)   # adjusted Wald, R
        self.assertRel(s.score_high, 61.620786702109207)

    def test_csat(self) -> None:
        # docs/metrics.md: counts (1:15, 2:5, 3:10, 4:30, 5:40) -> CSAT 70
        with cxm.Accumulator(cxm.Scale.preset("csat5")) as acc:
            for rating, count in zip(range(1, 6), (15, 5, 10, 30, 40)):
                acc.add(rating, count)
            s = acc.snapshot()
            neg = acc.interval("negative-share")
        self.assertEqual((s.headline, s.score, s.mean), ("share", 70.0, 3.75))
        self.assertRel(s.stddev, 1.4168894655461863, ULPS)
        self.assertRel(s.score_low, 60.415145366653334)   # prop.test(70, 100, correct = FALSE)
        self.assertRel(s.score_high, 78.105114705067223)
        self.assertEqual((neg.quantity, neg.method, neg.estimate), ("negative-share", "wilson", 20.0))
        self.assertRel(neg.low, 13.33669333310325)        # prop.test(20, 100, correct = FALSE)
        self.assertRel(neg.high, 28.882916559315884)

    def test_ces_mean_t_interval(self) -> None:
        with cxm.Accumulator("ces7") as acc:
            acc.add_many([1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3])
            s = acc.snapshot()
            iv = acc.interval("mean", "t", 0.95)
        self.assertRel(s.score, 4.2727272727272725, ULPS)
        self.assertRel(s.stddev, 2.2401298663653004, ULPS)
        self.assertRel(s.score_low, 2.7677875510988605)  # t.test(x)$conf.int
        self.assertRel(s.score_high, 5.7776669943556849)
        self.assertEqual((iv.low, iv.high), (s.score_low, s.score_high))

    def test_interval_methods(self) -> None:
        with share(70, 100) as acc:
            wald = acc.interval("positive_share", "wald", 0.95)  # the 1.0 spelling reads
            wilson_cc = acc.interval(quantity=1, method=cxm.parse_method("wilson-cc"))
        self.assertEqual(wilson_cc.method, "wilson-cc")
        self.assertRel(wald.low, 61.018316681457939)
        self.assertRel(wald.high, 78.981683318542053)
        self.assertRel(wald.se, 4.5825756949558407)
        self.assertRel(wilson_cc.low, 59.893957565480719)   # prop.test(70, 100)
        self.assertRel(wilson_cc.high, 78.545743007093861)
        with nps(60, 30, 10) as acc:
            self.assertRel(acc.interval("net", "score").low, 35.569193648489254, 1e-11)

    def test_jeffreys(self) -> None:
        # R 4.2.2: qbeta(c(a/2, 1 - a/2), x + 0.5, n - x + 0.5) * 100; the limit
        # is exactly 0 at x = 0 and exactly 100 at x = n (include/cxmetrics.h).
        # Until the library that computes it is merged, its table of methods
        # refuses jeffreys for a share, and the test says it is skipped.
        try:
            cxm.resolve_method("csat2", method="jeffreys")
        except cxm.ArgumentError:
            self.skipTest("the library does not compute Jeffreys intervals yet")
        cases = [(7, 10, 0.95, 39.41816818513287, 90.73054060618469),
                 (70, 100, 0.99, 57.468686123325284, 80.676466770484410),
                 (0, 20, 0.90, 0.0, 9.0476426537872249867),
                 (20, 20, 0.90, 90.952357346212764, 100.0)]
        for x, n, confidence, low, high in cases:
            with share(x, n) as acc:
                iv = acc.interval("positive-share", "jeffreys", confidence)
            self.assertEqual((iv.method, iv.estimate), ("jeffreys", 100 * x / n))
            for got, want in ((iv.low, low), (iv.high, high)):
                if want in (0.0, 100.0):
                    self.assertEqual(got, want)
                else:
                    self.assertRel(got, want)
        with share(7, 10) as acc:  # se as Wilson's: sqrt(p (1 - p) / n)
            self.assertRel(acc.interval("positive-share", "jeffreys").se, 14.491376746189438)
            self.assertEqual(cxm.resolve_method("csat2", method="jeffreys").method, "jeffreys")
            with self.assertRaises(cxm.ArgumentError):  # shares only
                cxm.resolve_method("nps", "net", "jeffreys")

    def test_empty_is_nan(self) -> None:
        with cxm.Accumulator("nps") as acc:
            s = acc.snapshot()
        self.assertEqual(s.n, 0)
        self.assertTrue(all(math.isnan(v) for v in (s.positive_share, s.net, s.mean,
                                                     s.score, s.score_low, s.score_high)))

    def test_compare(self) -> None:
        # docs/statistics.md: 70/100 vs 60/100 -> z^2 = 2.1978, p = 0.13821 (prop.test)
        with share(70, 100) as a, share(60, 100) as b:
            c = a.compare(b)
            w = a.compare(b, "positive-share", "wald")
        self.assertEqual((c.quantity, c.method), ("positive-share", "wilson"))
        self.assertRel(c.difference, 10.0, 1e-14)
        self.assertRel(c.statistic ** 2, 2.197802197802198)
        self.assertTrue(math.isinf(c.df))
        self.assertRel(c.p_value, 0.13820766697402617)
        self.assertRel(c.low, -3.1890373925969442)    # Newcombe hybrid
        self.assertRel(c.high, 22.717225103721752)
        self.assertRel(w.p_value, 0.13603712811414365)
        with nps(60, 30, 10) as a, nps(40, 15, 25) as b:
            n = a.compare(b)
        self.assertEqual((n.quantity, n.method), ("net", "adjusted-wald"))
        self.assertRel(n.difference, 50.0 - 18.75, 1e-14)
        self.assertRel(n.se, 11.709514737410103)
        self.assertRel(n.p_value, 0.0092607036576098679)

    def test_compare_means_welch(self) -> None:
        with cxm.Accumulator("ces7") as a, cxm.Accumulator("ces7") as b:
            for rating, (x, y) in enumerate(zip((1, 2, 3, 4, 5, 6, 7), (5, 4, 3, 2, 1, 1, 1)), 1):
                a.add(rating, x)
                b.add(rating, y)
            c = a.compare(b)
        self.assertEqual((c.quantity, c.method), ("mean", "t"))
        self.assertRel(c.statistic, 3.9004434192933912)
        self.assertRel(c.df, 32.712614641840673)
        self.assertRel(c.p_value, 0.00045065707899453734)


class TestErrors(unittest.TestCase):
    """Every status code raises its own exception; state stays unchanged."""

    def assertStatus(self, cls: Type[cxm.CxmError], name: str,
                     call: Callable[[], object]) -> cxm.CxmError:
        with self.assertRaises(cls) as caught:
            call()
        e = caught.exception
        self.assertIsInstance(e, cxm.CxmError)
        self.assertEqual(e.name, name)
        self.assertEqual(e.status, cls.status)
        self.assertEqual(e.message, _library.lib().cxm_status_message(cls.status).decode())
        return e

    def test_each_status(self) -> None:
        acc = nps(6, 3, 1)
        before = acc.counts()
        csat = cxm.Accumulator("csat5")
        lib = _library.lib()
        # NULL: the binding never passes one; the raw call shows the mapping.
        self.assertStatus(cxm.NullError, "CXM_ERR_NULL",
                          lambda: errors.check(lib.cxm_acc_reset(None)))
        self.assertStatus(cxm.ScaleError, "CXM_ERR_SCALE",
                          lambda: cxm.Accumulator(cxm.Scale(1, 5, 4, 5, 3, 4, "mean")))
        self.assertStatus(cxm.ScaleError, "CXM_ERR_SCALE",
                          lambda: cxm.Scale(1, 500, 4, 5, 1, 2, "mean").check())
        self.assertStatus(cxm.RangeError, "CXM_ERR_RANGE", lambda: acc.add(11))
        self.assertStatus(cxm.RangeError, "CXM_ERR_RANGE", lambda: acc.add(2 ** 40))
        self.assertStatus(cxm.RangeError, "CXM_ERR_RANGE", lambda: acc.count(-1))
        e = self.assertStatus(cxm.RangeError, "CXM_ERR_RANGE", lambda: acc.add_many([1, 2, 99]))
        self.assertEqual(e.index, 2)
        e = self.assertStatus(cxm.RangeError, "CXM_ERR_RANGE", lambda: acc.add_many(b"\x01\x0b"))
        self.assertEqual(e.index, 1)
        # NOMEM cannot be provoked from here; the mapping is what is tested.
        self.assertStatus(cxm.NoMemoryError, "CXM_ERR_NOMEM", lambda: errors.check(-4))
        self.assertTrue(issubclass(cxm.NoMemoryError, MemoryError))
        full = cxm.Accumulator("nps")
        full.add(10, 2 ** 64 - 1)
        self.assertStatus(cxm.CountOverflowError, "CXM_ERR_OVERFLOW", lambda: full.add(9))
        self.assertStatus(cxm.CountOverflowError, "CXM_ERR_OVERFLOW", lambda: acc.add(9, 2 ** 64))
        self.assertStatus(cxm.AbsentError, "CXM_ERR_ABSENT", lambda: acc.remove(5))
        self.assertStatus(cxm.AbsentError, "CXM_ERR_ABSENT", lambda: acc.remove(10, 7))
        self.assertStatus(cxm.MismatchError, "CXM_ERR_MISMATCH", lambda: acc.merge(csat))
        self.assertStatus(cxm.MismatchError, "CXM_ERR_MISMATCH", lambda: acc.compare(csat))
        small = _library.new_struct(_library._Snapshot)
        small.size = 8
        self.assertStatus(cxm.SizeError, "CXM_ERR_SIZE",
                          lambda: errors.check(lib.cxm_acc_snapshot(acc._handle(),
                                                                  ctypes.byref(small))))
        self.assertStatus(cxm.FormatError, "CXM_ERR_FORMAT",
                          lambda: cxm.Accumulator.from_bytes(b"not an encoding"))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: cxm.Scale.preset("nope"))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: cxm.Scale.preset(99))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: acc.interval(confidence=1.5))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: acc.interval("net", "t"))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: acc.add(5, -1))
        self.assertStatus(cxm.EmptyError, "CXM_ERR_EMPTY", lambda: csat.interval())
        self.assertStatus(cxm.EmptyError, "CXM_ERR_EMPTY", lambda: acc.compare(cxm.Accumulator("nps")))
        days = cxm.Series("nps", 7, 100)
        self.assertStatus(cxm.WindowError, "CXM_ERR_WINDOW", lambda: days.add(101, 9))
        self.assertStatus(cxm.WindowError, "CXM_ERR_WINDOW", lambda: days.add(93, 9))
        self.assertStatus(cxm.WindowError, "CXM_ERR_WINDOW", lambda: days.sum(90, 100))
        self.assertTrue(issubclass(cxm.WindowError, IndexError))
        self.assertStatus(cxm.FormatError, "CXM_ERR_FORMAT", lambda: cxm.Accumulator.parse("nps{11:1}"))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: cxm.Series("nps", 0, 0))
        self.assertStatus(cxm.ArgumentError, "CXM_ERR_ARG", lambda: acc.interval("net", "nope"))
        self.assertEqual(acc.counts(), before)
        self.assertTrue(issubclass(cxm.RangeError, ValueError))
        for acc_ in (acc, csat, full):
            acc_.close()


class TestIntegersOnly(unittest.TestCase):
    """Issue 14: no coercion. add(4.9) is not add(4), add("3") is not add(3),
    and True is not a rating (decision: bool is refused too, although Python
    makes it an int, because a rating of True is always a mistake). Each is a
    TypeError, as add_many's was, and records nothing."""

    def test_ratings_and_counts(self) -> None:
        with cxm.Accumulator("nps") as acc:
            for bad in (4.9, 4.0, "3", b"3", True, None, [9], 9 + 0j):
                with self.assertRaises(TypeError, msg=repr(bad)):
                    acc.add(wrong(bad))
                with self.assertRaises(TypeError, msg=repr(bad)):
                    acc.remove(wrong(bad))
                with self.assertRaises(TypeError, msg=repr(bad)):
                    acc.count(wrong(bad))
                with self.assertRaises(TypeError, msg=repr(bad)):
                    acc.add(9, wrong(bad))
            for batch in ([1, 2.5], [1, "2"], [True], "123"):
                with self.assertRaises(TypeError, msg=repr(batch)):
                    acc.add_many(wrong(batch))
            with self.assertRaises(TypeError):
                acc.interval(confidence=wrong("0.9"))
            with self.assertRaises(TypeError):
                cxm.Series("nps", wrong(7.0), 0)
            with self.assertRaises(TypeError):
                cxm.Series("nps", 7, 0).add(wrong(1.5), 9)
            self.assertEqual(acc.total, 0)
            # what is accepted: int and anything with __index__
            class Index:
                def __index__(self) -> int:
                    return 9
            acc.add(Index(), Index())
            self.assertEqual(acc.count(9), 9)


class TestOneOne(Close):
    """The 1.1 additions: names, text forms, the series."""

    def test_names_from_the_library(self) -> None:
        # the spelling of include/cxmetrics.h, section Statistics (logit and
        # jeffreys since 1.2)
        methods = ["default", "wilson", "wilson-cc", "agresti-coull", "clopper-pearson", "wald",
                   "adjusted-wald", "score", "t", "logit", "jeffreys"]
        for number, name in enumerate(methods):
            self.assertEqual((cxm.method_name(number), cxm.parse_method(name)), (name, number))
        quantities = ["headline", "positive-share", "negative-share", "net", "mean"]
        for number, name in enumerate(quantities):
            self.assertEqual((cxm.quantity_name(number), cxm.parse_quantity(name)),
                             (name, number))
        self.assertIsNone(cxm.method_name(11))
        self.assertIsNone(cxm.quantity_name(5))
        for bad in ("Wilson", "wilson_cc", " wald", ""):
            with self.assertRaises(cxm.ArgumentError, msg=bad):
                cxm.parse_method(bad)

    def test_headline_names_from_the_library(self) -> None:
        # the words of the scale's text form, include/cxmetrics.h (cxm_headline_name)
        words = {1: "share", 2: "net", 3: "mean"}  # CXM_HEADLINE_POSITIVE_SHARE, NET, MEAN
        for number, word in words.items():
            self.assertEqual((cxm.headline_name(number), cxm.parse_headline(word)), (word, number))
        self.assertIsNone(cxm.headline_name(0))
        self.assertIsNone(cxm.headline_name(4))
        # parse_headline is the library's parser: the module's earlier spellings
        # read only where a scale is built, not here
        for bad in ("positive-share", "positive_share", "Share", "headline", "", "net\0"):
            with self.assertRaises(cxm.ArgumentError, msg=bad):
                cxm.parse_headline(bad)
        with self.assertRaises(cxm.ArgumentError):
            cxm.Scale(1, 5, 4, 5, 1, 2, "positives").check()
        with self.assertRaises(TypeError):
            cxm.parse_headline(wrong(2))

    def test_text_forms(self) -> None:
        # canonical strings worked by hand from the grammar in include/cxmetrics.h
        self.assertEqual(str(cxm.Scale.parse("1..5/4..5/1..2/share")), "csat5")
        self.assertEqual(cxm.Scale.parse("csat"), cxm.Scale.preset("csat5"))
        self.assertEqual(cxm.Scale.parse("ces"), cxm.Scale.preset("ces7"))
        custom = cxm.Scale.parse("-3..3/2..3/-3..-2/net")
        self.assertEqual(custom, cxm.Scale(-3, 3, 2, 3, -3, -2, "net"))
        self.assertEqual(str(custom), "-3..3/2..3/-3..-2/net")
        with cxm.Accumulator("nps") as acc:
            acc.add(0, 10)
            acc.add(7, 30)
            acc.add(10, 300)
            self.assertEqual(str(acc), "nps{0:10,7:30,10:300}")
            self.assertEqual(cxm.Accumulator.parse(str(acc)), acc)
        self.assertEqual(str(cxm.Accumulator("csat2")), "csat2{}")
        big = cxm.Accumulator.parse("1..5/4..5/1..2/share{5:18446744073709551615}")
        self.assertEqual((big.count(5), str(big)), (2 ** 64 - 1, "csat5{5:18446744073709551615}"))
        for bad in ("", "NPS", "nps ", "nps{", "nps{1:0}", "nps{2:1,1:1}", "nps{1:01}",
                    "nps{1:18446744073709551616}", "-0..5/4..5/1..2/share"):
            with self.assertRaises(cxm.FormatError, msg=bad):
                cxm.Accumulator.parse(bad)
        with self.assertRaises(cxm.ScaleError):
            str(cxm.Scale(1, 5, 4, 5, 3, 4, "mean"))
        with self.assertRaises(TypeError):
            cxm.Accumulator.parse(wrong(b"nps{}"))

    def test_text_round_trips(self) -> None:
        seed = 424242
        rng = random.Random(seed)
        for name in ("csat5", "csat3", "csat10", "csat2", "nps", "ces7", "ces5", "neteasy7"):
            scale = cxm.Scale.preset(name)
            for _ in range(30):
                with cxm.Accumulator(scale) as acc:
                    for rating in range(scale.min, scale.max + 1):
                        count = rng.choice((0, 1, 2 ** 64 - 1, rng.randrange(10 ** 9)))
                        if count and acc.total + count < 2 ** 64:
                            acc.add(rating, count)
                    back = cxm.Accumulator.parse(str(acc))
                    self.assertEqual(back, acc, f"seed {seed}: {acc}")
                    back.close()

    def test_series_trailing_window(self) -> None:
        # 40 days, day d holds d % 11 once and a 10 twice: the last 30 days
        # (days 10..39) hold the ratings 10..39 % 11 and sixty 10s.
        with cxm.Series("nps", 400, 39) as days, cxm.Accumulator("nps") as want:
            for day in range(40):
                days.add(day, day % 11).add(day, 10, 2)
                if day >= 10:
                    want.add(day % 11)
                    want.add(10, 2)
            month = days.sum(days.head - 29, days.head)
            self.assertEqual(month, want)
            self.assertEqual(month.snapshot(), want.snapshot())
            self.assertEqual(days.sum(30, 50).total, 30)  # after the head: empty
            days.advance(40).add(40, 9)
            self.assertEqual(days.advance(3).head, 40)
            back = cxm.Series.from_bytes(days.to_bytes())
            self.assertEqual(back, days)
            self.assertEqual(back.clone(), days)
            with self.assertRaises(cxm.FormatError):
                cxm.Accumulator.from_bytes(days.to_bytes())
            with self.assertRaises(cxm.FormatError):
                cxm.Series.from_bytes(want.to_bytes())

    def test_series_golden_encoding(self) -> None:
        # docs/format.md, "Series", "Worked examples": day 20 000 holds one 0 and
        # three 10s, day 19 998 two 7s, in an NPS series of capacity 7
        worked = bytes.fromhex(
            "43584D53 01 00000000 0A000000 09000000 0A000000 00000000 06000000 02"
            " 07000000 204E000000000000 02 00 0200010903 01 010702 6FC0D041")
        days = cxm.Series("nps", 7, 20000).add(20000, 0).add(20000, 10, 3).add(19998, 7, 2)
        self.assertEqual(days.to_bytes(), worked)
        self.assertEqual(str(cxm.Series.from_bytes(worked).sum(19994, 20000)),
                         "nps{0:1,7:2,10:3}")

    def test_series_merge_limits_memory(self) -> None:
        a = cxm.Series("nps", 7, 100).add(100, 10).add(95, 0, 3)
        b = cxm.Series("nps", 7, 103).add(103, 9, 2).add(98, 10)
        ab, ba = a.clone().merge(b), b.clone().merge(a)
        self.assertEqual((ab.head, ab), (103, ba))
        self.assertEqual(str(ab.sum(97, 103)), "nps{9:2,10:2}")  # bucket 95 expired
        part = cxm.Accumulator("nps")
        part.add(9, 4)
        ab.add_accumulator(103, part)
        ab.remove(103, 9, 5)
        self.assertEqual(str(ab.sum(103, 103)), "nps{9:1}")
        limit = cxm.SERIES_BUCKET_LIMIT
        far = cxm.Series("nps", 2, limit).add(limit, 9)
        with self.assertRaises(cxm.ArgumentError):
            far.advance(limit + 1)
        with self.assertRaises(cxm.ArgumentError):
            far.add(2 ** 70, 9)
        mem = cxm.Series.in_memory(cxm.Scale.preset("nps"), 30, 10).add(10, 9)
        self.assertEqual((mem.capacity, mem.scale), (30, cxm.Scale.preset("nps")))
        self.assertLessEqual(cxm.Series.footprint(cxm.Scale.preset("nps"), 400), 36 * 1024)
        finalizer = mem._finalizer
        del mem
        gc.collect()
        self.assertFalse(finalizer.alive)


class TestAccumulator(unittest.TestCase):
    def test_record_remove_reset(self) -> None:
        with cxm.Accumulator("csat5") as acc:
            acc.add(5)
            acc.add(4, 3)
            acc.add_many([1, 2, 3])
            acc.remove(4)
            acc.remove(1, 1)
            acc.remove(3, 0)
            self.assertEqual(acc.counts(), {1: 0, 2: 1, 3: 1, 4: 2, 5: 1})
            self.assertEqual((acc.total, acc.count(4)), (5, 2))
            acc.reset()
            self.assertEqual(acc.total, 0)

    def test_merge_and_subtract(self) -> None:
        a, b = nps(6, 3, 1), nps(1, 1, 1)
        both = a + b
        self.assertEqual(both.counts()[10], 7)
        self.assertEqual(both - b, a)
        a += a
        self.assertEqual(a.total, 20)
        a -= a
        self.assertEqual(a.total, 0)
        c = both.clone()
        self.assertEqual(c, both)
        self.assertIsNot(c._ptr, both._ptr)

    def test_in_memory(self) -> None:
        acc = cxm.Accumulator.in_memory(cxm.Scale.preset("nps"))
        acc.add_many([10, 9, 0])
        self.assertEqual(acc.snapshot().n, 3)
        heap = acc.clone()
        acc.close()
        self.assertEqual(heap.total, 3)

    def test_context_manager_frees(self) -> None:
        with cxm.Accumulator("nps") as acc:
            acc.add(9)
        self.assertTrue(acc.closed)
        with self.assertRaises(ValueError):
            acc.add(9)
        acc.close()  # twice is fine

    def test_garbage_collector_frees(self) -> None:
        acc = cxm.Accumulator("nps")
        finalizer = acc._finalizer
        cycle: List[object] = [acc]
        setattr(acc, "cycle", cycle)
        del acc, cycle
        gc.collect()
        self.assertFalse(finalizer.alive)

    def test_bytes_round_trip(self) -> None:
        with cxm.Accumulator("ces7") as acc:
            acc.add_many([1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3])
            acc.add(4, 2 ** 63)
            data = acc.to_bytes()
            self.assertIsInstance(data, bytes)
            with cxm.Accumulator.from_bytes(data) as back:
                self.assertEqual(back, acc)
                self.assertEqual(back.snapshot(), acc.snapshot())
                self.assertEqual(back.to_bytes(), data)
            with self.assertRaises(cxm.FormatError):
                cxm.Accumulator.from_bytes(data[:-1])

    def test_threads_then_merge(self) -> None:
        rng = random.Random(20240611)
        parts = [[rng.randrange(0, 11) for _ in range(20000)] for _ in range(4)]
        accs = [cxm.Accumulator("nps") for _ in parts]

        def fill(acc: cxm.Accumulator, ratings: List[int]) -> None:
            for i in range(0, len(ratings), 1000):
                acc.add_many(ratings[i:i + 1000])
            acc.add(ratings[0])
            acc.remove(ratings[0])

        threads = [threading.Thread(target=fill, args=pair) for pair in zip(accs, parts)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = cxm.Accumulator("nps")
        for acc in accs:
            total += acc
        expected = collections.Counter(r for part in parts for r in part)
        self.assertEqual(total.counts(), {r: expected[r] for r in range(11)})


class TestZeroCopyBatch(unittest.TestCase):
    N = 11 * 200_000  # 2.2 million ratings, each rating of NPS 200 000 times

    def test_bytes(self) -> None:
        data = bytes(range(11)) * (self.N // 11)
        with cxm.Accumulator("nps") as acc:
            acc.add_many(data)
            self.assertEqual(acc.counts(), {r: self.N // 11 for r in range(11)})
        batch = accumulator._zero_copy(data)
        assert batch is not None
        function, pointer, n, _ = batch
        self.assertEqual((function, n), ("cxm_acc_add_many_u8", self.N))
        if platform.python_implementation() == "CPython":
            # the pointer is the bytes object's own storage (ob_sval)
            address = ctypes.cast(pointer, ctypes.c_void_p).value
            self.assertEqual(address, id(data) + sys.getsizeof(b"") - 1)

    def test_bytearray_and_int32_array(self) -> None:
        raw = bytearray(bytes(range(11)) * 1000)
        ints = array.array("i", range(11)) * 1000
        buffers: List[Tuple[Any, str]] = [(raw, "cxm_acc_add_many_u8"),
                                          (ints, "cxm_acc_add_many")]
        for buffer, function in buffers:
            batch = accumulator._zero_copy(buffer)
            assert batch is not None
            self.assertEqual(batch[0], function)
            self.assertEqual(ctypes.addressof(batch[1]), buffer.buffer_info()[0]
                             if isinstance(buffer, array.array)
                             else ctypes.addressof(ctypes.c_char.from_buffer(buffer)))
            with cxm.Accumulator("nps") as acc:
                acc.add_many(buffer)
                acc.add_many(memoryview(buffer))
                self.assertEqual(acc.counts(), {r: 2000 for r in range(11)})

    def test_all_or_nothing(self) -> None:
        data = bytearray(bytes(range(11)) * 1000)
        data[5000] = 200
        with cxm.Accumulator("nps") as acc:
            with self.assertRaises(cxm.RangeError) as caught:
                acc.add_many(data)
            self.assertEqual(caught.exception.index, 5000)
            self.assertEqual(acc.total, 0)
            acc.add_many(b"")
            acc.add_many([])
            acc.add_many(r for r in (9, 10))
            self.assertEqual(acc.total, 2)


if __name__ == "__main__":
    unittest.main()
