"""The recorder (cxm_recorder, since 1.2): ratings added from several Python
threads at once while the main thread collects, every one collected exactly
once (checked against collections.Counter); every refusal, state kept."""
from __future__ import annotations

import collections
import random
import threading
import unittest
from typing import Counter, List, Tuple

from support import cxm, wrong

UINT64_MAX = 2 ** 64 - 1


class TestRecorder(unittest.TestCase):
    def test_add_and_collect(self) -> None:
        with cxm.Recorder("nps") as recorder:
            recorder.add(9)
            recorder.add(10, 3)
            recorder.add(0, 0)
            self.assertEqual(str(recorder.collect()), "nps{9:1,10:3}")
            self.assertEqual(str(recorder.collect()), "nps{}")  # everything moved out
            recorder.add(7, 2)
            into = cxm.Accumulator.parse("nps{7:1,8:1}")
            self.assertIs(recorder.collect(into), into)
            self.assertEqual(str(into), "nps{7:3,8:1}")
            self.assertEqual(recorder.scale, cxm.Scale.preset("nps"))
        self.assertTrue(recorder.closed)
        with self.assertRaises(ValueError):
            recorder.add(9)
        with cxm.Recorder.in_memory("csat5") as in_memory:
            in_memory.add(5, 2)
            self.assertEqual(in_memory.collect().count(5), 2)
        self.assertGreater(cxm.Recorder.footprint("nps"), cxm.footprint("nps"))

    def test_refusals_leave_everything_in_place(self) -> None:
        recorder = cxm.Recorder("nps")
        recorder.add(10, 5)
        with self.assertRaises(cxm.RangeError):
            recorder.add(11)
        with self.assertRaises(cxm.RangeError):
            recorder.add(2 ** 32 + 9)
        with self.assertRaises(cxm.ArgumentError):
            recorder.add(9, -1)
        with self.assertRaises(cxm.CountOverflowError):
            recorder.add(9, UINT64_MAX - 4)  # the recorder's count would pass UINT64_MAX
        with self.assertRaises(cxm.CountOverflowError):
            recorder.add(9, 2 ** 64)
        csat = cxm.Accumulator("csat5")
        with self.assertRaises(cxm.MismatchError):
            recorder.collect(csat)
        full = cxm.Accumulator("nps")
        full.add(0, UINT64_MAX - 4)
        with self.assertRaises(cxm.CountOverflowError):
            recorder.collect(full)  # into's total would pass UINT64_MAX
        self.assertEqual((full.total, csat.total), (UINT64_MAX - 4, 0))
        for bad in (9.0, "9", True, None):
            with self.assertRaises(TypeError):
                recorder.add(wrong(bad))
            with self.assertRaises(TypeError):
                recorder.add(9, wrong(bad))
        for bad in (5, "nps{}", cxm.Series("nps", 1, 0)):
            with self.assertRaises(TypeError):
                recorder.collect(wrong(bad))
        for bad in (5, None, b"nps"):
            with self.assertRaises(TypeError):
                cxm.Recorder(wrong(bad))
        with self.assertRaises(cxm.ScaleError):
            cxm.Recorder(cxm.Scale(1, 5, 4, 5, 3, 4, "mean"))
        self.assertEqual(str(recorder.collect()), "nps{10:5}")  # nothing lost, nothing added

    def test_threads_add_while_one_collects(self) -> None:
        seed = 20261206
        rng = random.Random(seed)
        plans: List[List[Tuple[int, int]]] = [
            [(rng.randrange(11), rng.choice((1, 1, 1, 2, 7))) for _ in range(20000)]
            for _ in range(4)]
        recorder = cxm.Recorder("nps")
        total = cxm.Accumulator("nps")
        collections_made = 0
        start = threading.Barrier(len(plans) + 1)

        def add(plan: List[Tuple[int, int]]) -> None:
            start.wait()
            for rating, count in plan:
                recorder.add(rating, count)

        threads = [threading.Thread(target=add, args=(plan,)) for plan in plans]
        for t in threads:
            t.start()
        start.wait()
        while any(t.is_alive() for t in threads):
            recorder.collect(total)
            collections_made += 1
        for t in threads:
            t.join()
        recorder.collect(total)  # what the last adds left
        want: Counter[int] = collections.Counter()
        for plan in plans:
            for rating, count in plan:
                want[rating] += count
        self.assertGreater(collections_made, 1, "the collector never ran during the adds")
        self.assertEqual(total.counts(), {r: want[r] for r in range(11)}, f"seed {seed}")
        self.assertEqual(recorder.collect().total, 0)
        recorder.close()


if __name__ == "__main__":
    unittest.main()
