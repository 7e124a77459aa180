<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, FormatException, Scale, ScaleException};

final class AccumulatorTest extends TestCase
{
    public function testRecordRemoveResetAndCounts(): void
    {
        $acc = (new Accumulator('csat5'))->add(5)->add(4, 3)->addMany([1, 2, 3]);
        $acc->remove(4)->remove(1, 1)->remove(3, 0);
        self::assertSame([1 => 0, 2 => 1, 3 => 1, 4 => 2, 5 => 1], $acc->counts());
        self::assertSame([5, 2], [$acc->total(), $acc->count(4)]);
        $sum = 0;
        foreach ($acc as $rating => $count) {
            $sum += $rating * $count;
        }
        self::assertSame(2 + 3 + 8 + 5, $sum);
        $acc->reset();
        self::assertSame(0, $acc->total());
    }

    public function testMergeSubtractAndCopies(): void
    {
        $a = self::nps(6, 3, 1);
        $b = self::nps(1, 1, 1);
        $both = (clone $a)->merge($b);
        self::assertSame(7, $both->count(10));
        self::assertTrue((clone $both)->subtract($b)->equals($a));
        $a->merge($a);
        self::assertSame(20, $a->total());
        $a->subtract($a);
        self::assertSame(0, $a->total());
        $copy = clone $both;
        self::assertTrue($copy->equals($both));
        $copy->add(9);
        self::assertFalse($copy->equals($both));
        self::assertTrue(unserialize(serialize($both))->equals($both));
    }

    public function testInMemory(): void
    {
        $acc = Accumulator::inMemory('nps')->addMany([10, 9, 0]);
        self::assertSame(3, $acc->snapshot()->n);
        $heap = clone $acc;
        $acc->close();
        self::assertSame(3, $heap->total());
    }

    /**
     * Accumulator::footprint() is the one cxm_acc_footprint that
     * Scale::footprint() answers with; the widest scale needs exactly
     * CXM_ACC_FOOTPRINT_MAX bytes (include/cxmetrics.h; tests/test_methods.c).
     */
    public function testFootprint(): void
    {
        $widest = new Scale(0, 100, 90, 100, 0, 60, Scale::HEADLINE_NET);
        self::assertSame(Accumulator::FOOTPRINT_MAX, Accumulator::footprint($widest));
        self::assertSame(Scale::preset('nps')->footprint(), Accumulator::footprint('nps'));
        self::assertLessThan(Accumulator::FOOTPRINT_MAX, Accumulator::footprint('nps'));
        self::refuses(ScaleException::class, [fn () => Accumulator::footprint(new Scale(1, 5, 4, 5, 3, 4, 1))]);
    }

    /** Equal means the same scale, field by field, and the same counts. */
    public function testEquality(): void
    {
        $sameAsNps = new Scale(0, 10, 9, 10, 0, 6, Scale::HEADLINE_NET);
        self::assertTrue((new Accumulator('nps'))->add(9)->equals((new Accumulator($sameAsNps))->add(9)));
        self::assertFalse((new Accumulator('nps'))->equals(new Accumulator('csat10'))); // both empty, 1..10 against 0..10
    }

    public function testCountsBeyondPhpIntMax(): void
    {
        // 2^64 - 1 = 18446744073709551615; 2^63 = 9223372036854775808
        $acc = (new Accumulator('csat5'))->add(1, '9223372036854775808')->add(2, PHP_INT_MAX);
        self::assertSame('9223372036854775808', $acc->count(1));
        self::assertSame(PHP_INT_MAX, $acc->count(2));
        self::assertSame('18446744073709551615', $acc->total());
        self::assertSame('18446744073709551615', $acc->snapshot()->n);
        $acc->remove(1, '9223372036854775807');
        self::assertSame(1, $acc->count(1));
    }

    public function testGoldenEncodings(): void
    {
        // docs/format.md, "Worked example": ten 0s, thirty 7s, three hundred 10s
        $golden = self::hex('43 58 4D 41 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
                             03 00 0A 06 1E 02 AC 02 00 8F 0F E9');
        $acc = (new Accumulator('nps'))->add(0, 10)->add(7, 30)->add(10, 300);
        self::assertSame($golden, $acc->encode());
        $back = Accumulator::decode($golden);
        self::assertSame([0 => 10, 7 => 30, 10 => 300], array_filter($back->counts()));
        self::assertEquals($acc->snapshot(), $back->snapshot());
        // the empty CSAT 5-point accumulator, 35 bytes
        $empty = self::hex('43 58 4D 41 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01 00 5A B0 F0 25');
        self::assertSame($empty, (new Accumulator('csat5'))->encode());
        self::assertSame(0, Accumulator::decode($empty)->total());
        // -3..3 with 2^62 ratings of -3 and 2^64 - 1 - 2^62 of 3, 56 bytes
        $huge = self::hex('43 58 4D 41 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
                           02 00 80 80 80 80 80 80 80 80 40 05 FF FF FF FF FF FF FF FF BF 01 E4 6A B8 E8');
        $scale = new Scale(-3, 3, 1, 3, -3, -1, Scale::HEADLINE_MEAN);
        $acc = (new Accumulator($scale))->add(-3, 1 << 62)->add(3, '13835058055282163711'); // 2^64 - 1 - 2^62
        self::assertSame($huge, $acc->encode());
        self::assertSame('18446744073709551615', Accumulator::decode($huge)->total());
        self::assertSame(1 << 62, Accumulator::decode($huge)->count(-3));
        $corrupt = $golden;
        $corrupt[33] = "\x1F";
        foreach ([$corrupt, substr($golden, 0, -1), $golden . "\0", ''] as $bad) {
            try {
                Accumulator::decode($bad);
                self::fail('decoded ' . bin2hex($bad));
            } catch (FormatException) {
                self::assertTrue(true);
            }
        }
    }

    public function testTextForms(): void
    {
        // include/cxmetrics.h: "nps{0:3,6:1,9:10,10:4}", empty "nps{}"
        $acc = (new Accumulator('nps'))->add(0, 3)->add(6)->add(9, 10)->add(10, 4);
        self::assertSame('nps{0:3,6:1,9:10,10:4}', (string)$acc);
        self::assertTrue($acc->equals(Accumulator::parse('nps{0:3,6:1,9:10,10:4}')));
        self::assertSame('nps{}', (string)new Accumulator('nps'));
        self::assertSame('csat5{5:2}', (string)Accumulator::parse('1..5/4..5/1..2/share{5:2}'));
        self::assertSame('csat5{1:18446744073709551615}', (string)(new Accumulator('csat5'))->add(1, '18446744073709551615'));
        foreach (['nps{9:0}', 'nps{10:1,9:1}', 'nps{ 9:1}', 'nps{9:01}', 'nps{-0:1}', 'nps{9:+1}', 'nps{9:1}x',
                  'nps{0:18446744073709551615,1:1}'] as $bad) {
            try {
                Accumulator::parse($bad);
                self::fail("parsed '$bad'");
            } catch (FormatException) {
                self::assertTrue(true);
            }
        }
    }
}
