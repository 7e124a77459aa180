<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{AbsentException, Accumulator, ArgumentException, FormatException, MismatchException, Scale,
    Series, WindowException};

final class SeriesTest extends TestCase
{
    /** Days 100..106 of a 7-day series; each sum below is the ratings listed for its days. */
    private static function week(): Series
    {
        return (new Series('nps', 7, 106))->add(100, 10)->add(101, 9, 3)->add(104, 0)->add(106, 7, 2)->add(106, 10);
    }

    public function testWindowSums(): void
    {
        $s = self::week();
        self::assertSame([7, 106, 100], [$s->capacity(), $s->head(), $s->oldest()]);
        self::assertTrue($s->scale()->equals(Scale::preset('nps')));
        self::assertSame([0 => 1, 7 => 2, 9 => 3, 10 => 2], array_filter($s->sum(100, 106)->counts()));
        self::assertSame(4, $s->sum(101, 104)->total()); // 3 nines + 1 zero
        self::assertSame(3, $s->bucket(106)->total());
        $into = (new Accumulator('nps'))->add(5);
        self::assertSame($into, $s->sum(106, 106, $into));
        self::assertSame(4, $into->total());
        $totals = [];
        foreach ($s as $bucket => $acc) {
            $totals[$bucket] = $acc->total();
        }
        self::assertSame([100 => 1, 101 => 3, 104 => 1, 106 => 3], array_filter($totals));
        self::assertSame(3, $s->sum(106, 110)->total()); // buckets after the head are empty
    }

    public function testAdvanceExpiresAndErrorsChangeNothing(): void
    {
        $s = self::week()->advance(108); // keeps 102..108: drops days 100 and 101
        self::assertSame(102, $s->oldest());
        self::assertSame(4, $s->sum(102, 108)->total());
        self::refuses(WindowException::class, [fn () => $s->sum(101, 108)]);
        self::refuses(ArgumentException::class, [fn () => $s->sum(105, 104)]);
        self::refuses(ArgumentException::class, [fn () => $s->advance((1 << 62) + 1)]);
        self::refuses(AbsentException::class, [fn () => $s->remove(106, 9)]);
        self::refuses(MismatchException::class, [fn () => $s->addAccumulator(106, new Accumulator('csat5'))]);
        self::refuses(ArgumentException::class, [fn () => new Series('nps', 0, 0)]);
        self::refuses(ArgumentException::class, [fn () => new Series('nps', Series::MAX_CAPACITY + 1, 0)]);
        self::assertSame(108, $s->advance(50)->head()); // backwards is a no-op
        self::assertSame(4, $s->sum(102, 108)->total());
        $s->remove(106, 7, 2)->addAccumulator(107, self::nps(2, 0, 0));
        self::assertSame(4, $s->sum(102, 108)->total());
    }

    public function testGoldenEncodings(): void
    {
        // docs/format.md, "Series", "Worked examples": NPS, capacity 7, head day
        // 20 000; day 20 000 holds one 0 and three 10s, day 19 998 two 7s.
        $golden = self::hex('43 58 4D 53 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
                             07 00 00 00 20 4E 00 00 00 00 00 00 02 00 02 00 01 09 03 01 01 07 02 6F C0 D0 41');
        $s = (new Series('nps', 7, 20000))->add(20000, 0)->add(20000, 10, 3)->add(19998, 7, 2);
        self::assertSame($golden, $s->encode());
        $back = Series::decode($golden);
        self::assertSame([7, 20000], [$back->capacity(), $back->head()]);
        self::assertSame([0 => 1, 10 => 3], array_filter($back->bucket(20000)->counts()));
        self::assertSame([7 => 2], array_filter($back->bucket(19998)->counts()));
        // the empty CSAT 5-point series of capacity 1 at head 0, 47 bytes
        $empty = self::hex('43 58 4D 53 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01
                            01 00 00 00 00 00 00 00 00 00 00 00 00 6B 7E C6 C0');
        self::assertSame($empty, (new Series('csat5', 1, 0))->encode());
        // -3..3, capacity 400, head -2^62 + 1; bucket -2^62 holds 2^62 ratings of -3 and five 3s
        $edge = self::hex('43 58 4D 53 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
                           90 01 00 00 01 00 00 00 00 00 00 C0 01 01 02 00 80 80 80 80 80 80 80 80 40 05 05 E2 48 0C DB');
        $scale = new Scale(-3, 3, 1, 3, -3, -1, Scale::HEADLINE_MEAN);
        $s = (new Series($scale, 400, -(1 << 62) + 1))->add(-(1 << 62), -3, 1 << 62)->add(-(1 << 62), 3, 5);
        self::assertSame($edge, $s->encode());
        self::assertSame((1 << 62) + 5, Series::decode($edge)->bucket(-(1 << 62))->total());
        $corrupt = $golden;
        $corrupt[45] = "\x03";
        self::refuses(FormatException::class, [fn () => Series::decode($corrupt)]);
    }

    public function testMergeCopiesAndBytes(): void
    {
        $a = self::week();
        $b = (new Series('nps', 7, 110))->add(110, 10, 5)->add(104, 9);
        $a->merge($b); // head 110: keeps 104..110
        self::assertSame(110, $a->head());
        self::assertSame(1 + 1 + 3 + 5, $a->sum(104, 110)->total());
        $copy = clone $a;
        self::assertSame($a->encode(), $copy->encode());
        $back = Series::decode($a->encode());
        self::assertTrue($a->sum(104, 110)->equals($back->sum(104, 110)));
        self::assertSame($a->encode(), unserialize(serialize($a))->encode());
        self::refuses(FormatException::class, [fn () => Series::decode((new Accumulator('nps'))->encode())]);
        self::refuses(FormatException::class, [fn () => Accumulator::decode($a->encode())]);
        $mem = Series::inMemory('nps', 3, 5)->add(5, 9);
        self::assertSame(1, $mem->sum(3, 5)->total());
        self::assertGreaterThanOrEqual(3 * 11 * 8, Series::footprint('nps', 3)); // 3 buckets of 11 uint64 counts
    }
}
