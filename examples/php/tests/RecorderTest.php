<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, ArgumentException, ClosedException, CountOverflowException, MismatchException,
    RatingRangeException, Recorder, Scale};

/**
 * The recorder (cxm_recorder). PHP has no threads under php-fpm or mod_php
 * (and none in Debian's NTS CLI), so what is tested here is what one thread
 * can show: adds and collects interleaved in a seeded random order, every
 * rating collected exactly once, checked count for count against PHP's own
 * array_count_values; and the refusals, with nothing lost. The C suite
 * (tests/test_recorder.c, under TSan in CI) and the Ruby binding's threads
 * test the concurrency itself.
 */
final class RecorderTest extends TestCase
{
    public function testEveryRatingCollectedOnce(): void
    {
        mt_srand(20261206);
        $recorder = new Recorder('nps');
        $total = new Accumulator('nps');
        $recorded = [];
        for ($i = 0; $i < 20000; $i++) {
            $rating = mt_rand(0, 10);
            $recorded[] = $rating;
            $recorder->add($rating);
            if (mt_rand(0, 999) === 0) {
                $recorder->collect($total);
            }
        }
        $recorder->collect($total);
        $expected = array_count_values($recorded) + array_fill(0, 11, 0);
        ksort($expected);
        self::assertSame($expected, $total->counts());
        self::assertSame(0, $recorder->collect()->total());
    }

    public function testCountsInMemoryAndCollections(): void
    {
        $recorder = Recorder::inMemory('csat5');
        self::assertTrue($recorder->scale()->equals(Scale::preset('csat5')));
        $recorder->add(5)->add(4, 3)->add(1, '1');
        self::assertSame([1 => 1, 2 => 0, 3 => 0, 4 => 3, 5 => 1], $recorder->collect()->counts());
        self::assertSame(0, $recorder->collect()->total());
        self::assertGreaterThan(Recorder::footprint('csat2'), Recorder::footprint('nps')); // a cell per rating and stripe
    }

    public function testRefusalsLoseNothing(): void
    {
        $recorder = (new Recorder('nps'))->add(10, 3);
        $csat = new Accumulator('csat5');
        $full = (new Accumulator('nps'))->add(0, '18446744073709551614');
        $calls = [
            RatingRangeException::class => [fn () => $recorder->add(11), fn () => $recorder->add(1 << 31)],
            ArgumentException::class => [fn () => $recorder->add(9, -1)],
            CountOverflowException::class => [fn () => $recorder->add(9, '18446744073709551616'),
                fn () => $recorder->add(9, '18446744073709551613'), // 3 held already
                fn () => $recorder->collect($full)],
            MismatchException::class => [fn () => $recorder->collect($csat)],
        ];
        foreach ($calls as $class => $list) {
            self::refuses($class, $list);
        }
        self::assertSame([0, '18446744073709551614'], [$csat->total(), $full->total()]); // into unchanged ...
        self::assertSame(3, $recorder->collect()->count(10)); // ... and nothing lost
        try {
            $copy = clone $recorder;
            self::fail('a recorder was copied');
        } catch (\LogicException) {
            gc_collect_cycles(); // the refused copy is gone, and freed nothing of the recorder's
        }
        self::assertSame(0, $recorder->add(9)->collect()->count(10));
        $recorder->close();
        $this->expectException(ClosedException::class);
        $recorder->add(9);
    }
}
