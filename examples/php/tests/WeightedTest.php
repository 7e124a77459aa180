<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{AbsentException, Accumulator, ArgumentException, Cell, ClosedException, CountOverflowException,
    EmptyException, FormatException, Method, MismatchException, RatingRangeException, Scale, ScaleException,
    WeightedAccumulator};

/**
 * The weighted accumulator (cxm_wacc). Expected values: the worked example of
 * docs/statistics.md ("Worked example: revenue-weighted NPS", worked by hand
 * there) and R's survey package 4.1.1 (tests/reference/weighted.R, whose
 * output tests/reference/weighted_cases.h holds: the "revenue" intervals and
 * the csat_a - csat_b comparison). The states are those samples' responses
 * summed per rating into the text form (count/weight/squares).
 */
final class WeightedTest extends TestCase
{
    /** Ten B2B accounts, each answer weighted by its ARR in $k (docs/statistics.md). */
    private const REVENUE = [[10, 120], [9, 450], [9, 80], [8, 60], [7, 300], [6, 900], [10, 40], [3, 25], [9, 200], [10, 75]];
    private const REVENUE_TEXT = 'nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,10:3/235/21625]';
    private const CSAT_A = 'csat5[1:4/3193/8700231,2:5/4775/9523379,3:3/2773/6855577,4:8/2920/4774394,5:20/3286/1538414]';
    private const CSAT_B = 'csat5[1:4/2090/1998654,2:3/687/337685,3:6/386/50898,4:10/2849/3889191,5:2/2340/5296122]';
    /** weights summing to 2^64 - 1: 2^32 + 1 responses of weight 2^32 - 1; squares (2^64 - 1)(2^32 - 1) */
    private const FULL = 'nps[10:4294967297/18446744073709551615/79228162495817593515539431425]';

    private static function revenue(): WeightedAccumulator
    {
        $w = new WeightedAccumulator('nps');
        foreach (self::REVENUE as [$rating, $arr]) {
            $w->add($rating, $arr);
        }
        return $w;
    }

    public function testRevenueWeightedNpsWorkedExample(): void
    {
        $w = self::revenue();
        self::assertSame(self::REVENUE_TEXT, (string)$w);
        self::assertTrue($w->equals(WeightedAccumulator::parse(self::REVENUE_TEXT)));
        $s = $w->snapshot();
        self::assertSame([Scale::HEADLINE_NET, 10, 6, 2, 2], [$s->headline, $s->n, $s->positive, $s->neutral, $s->negative]);
        self::assertRel(100.0 * (965 - 925) / 2250, $s->score, self::ULPS); // +1.78
        self::assertRel(100.0 * 965 / 2250, $s->positiveShare, self::ULPS);
        self::assertSame(2250.0, $s->weightTotal);
        self::assertRel(2250.0 ** 2 / 1174750, $s->nEffective, self::ULPS); // Kish: 4.31
        self::assertSame([-100.0, 100.0], [$s->scoreLow, $s->scoreHigh]); // +-111 points, clipped
        $net = $w->interval('net', 'wald', 0.9);
        self::assertSame(['net', 'wald'], [$net->quantity, $net->method]);
        self::assertRel(49.15136799451281, $net->se); // survey: SE(svymean)
        self::assertRel(-88.322230550709534, $net->low);
        self::assertRel(91.877786106265049, $net->high);
        $kg = $w->interval('positive-share'); // Korn-Graubard: svyciprop(method = "beta")
        self::assertSame(['positive-share', 'clopper-pearson'], [$kg->quantity, $kg->method]);
        self::assertRel(5.1269670990219023, $kg->low);
        self::assertRel(88.955956480043895, $kg->high);
        $mean = $w->interval('mean', 't');
        self::assertRel(5.8257062167650018, $mean->low);
        self::assertRel(9.2631826721238859, $mean->high);
    }

    public function testCompareAgainstR(): void
    {
        $c = WeightedAccumulator::parse(self::CSAT_A)->compare(WeightedAccumulator::parse(self::CSAT_B), 'positive-share');
        self::assertSame(['positive-share', 'wald'], [$c->quantity, $c->method]);
        $want = [-25.508780671179721, 23.345091972918596, -1.092682808907804, 51.25190028054373, 0.2796427228715373,
            -72.370416176554315, 21.352854834194872];
        foreach ([$c->difference, $c->se, $c->statistic, $c->df, $c->pValue, $c->low, $c->high] as $i => $got) {
            self::assertRel($want[$i], $got, 1e-9);
        }
    }

    public function testSumsCellsAndUnweightedCounts(): void
    {
        $w = self::revenue();
        self::assertEquals(new Cell(3, 730, 248900), $w->cell(9)); // 450 + 80 + 200, and their squares
        self::assertEquals(new Cell(10, 2250, 1174750), $w->totals());
        self::assertEquals(new Cell(0, 0, 0), $w->cells()[0]);
        self::assertSame([3 => 1, 6 => 1, 7 => 1, 8 => 1, 9 => 3, 10 => 3], array_filter($w->unweighted()->counts()));
        $into = (new Accumulator('nps'))->add(9);
        self::assertSame($into, $w->unweighted($into));
        self::assertSame(4, $into->count(9));
        // beyond 64 bits, exactly: (2^64 - 1)(2^32 - 1), as decimal strings past PHP_INT_MAX
        self::assertEquals(new Cell(4294967297, '18446744073709551615', '79228162495817593515539431425'),
            WeightedAccumulator::parse(self::FULL)->totals());
    }

    public function testMergeSubtractCopiesAndBytes(): void
    {
        $a = self::revenue();
        $b = (new WeightedAccumulator('nps'))->add(10, 5)->add(0, 7);
        $both = (clone $a)->merge($b);
        self::assertSame(12, $both->totals()->count);
        self::assertTrue($a->equals((clone $both)->subtract($b)));
        self::assertTrue($both->equals(WeightedAccumulator::decode($both->encode())));
        self::assertTrue($both->equals(unserialize(serialize($both))));
        $copy = (clone $both)->add(9, 1);
        self::assertFalse($both->equals($copy));
        self::assertLessThanOrEqual(WeightedAccumulator::ENCODED_MAX, strlen($both->encode()));
        self::assertSame(48 + 32 * 11, WeightedAccumulator::footprint('nps')); // include/cxmetrics.h: 400 for NPS
        self::assertSame('nps[9:1/3/9]', (string)WeightedAccumulator::inMemory('nps')->add(9, 3));
        self::assertSame(0, $a->reset()->totals()->count);
        self::assertSame('csat5[]', (string)new WeightedAccumulator(Scale::PRESET_CSAT_5));
    }

    public function testResolvedMethods(): void
    {
        $w = WeightedAccumulator::parse(self::CSAT_A);
        self::assertSame('logit', $w->interval('positive-share', 'logit')->method);
        self::assertSame(['positive-share', 'clopper-pearson'],
            array_values((array)Method::resolve('csat5', use: Method::USE_WEIGHTED_INTERVAL)));
        $this->expectException(ArgumentException::class);
        $w->interval('positive-share', 'wilson'); // a method of counts only
    }

    /** Every status the weighted functions give, and nothing changed by any (wrong types: ArgumentsTest). */
    public function testEveryErrorPathLeavesTheStateAsItWas(): void
    {
        $w = self::revenue();
        $before = $w->encode();
        $full = WeightedAccumulator::parse(self::FULL);
        $fullBefore = $full->encode();
        $calls = [
            RatingRangeException::class => [fn () => $w->add(11, 5), fn () => $w->add(1 << 31, 5), fn () => $w->cell(-1)],
            ArgumentException::class => [fn () => $w->add(9, 0), fn () => $w->add(9, -1), fn () => $w->add(9, 1 << 32),
                fn () => $w->remove(9, 0), fn () => $w->remove(9, 1 << 32), fn () => $w->interval(confidence: 1.0),
                fn () => $w->compare($w, 'positive-share', 'clopper-pearson')],
            CountOverflowException::class => [fn () => $full->add(9, 1),
                fn () => $full->merge((new WeightedAccumulator('nps'))->add(0, 1))],
            AbsentException::class => [fn () => $w->remove(0, 5), fn () => $w->remove(9, 499), // 499^2 > 248 900
                fn () => $w->subtract((new WeightedAccumulator('nps'))->add(10, 1000))],
            MismatchException::class => [fn () => $w->merge(new WeightedAccumulator('csat5')),
                fn () => $w->compare(new WeightedAccumulator('csat5')), fn () => $w->unweighted(new Accumulator('csat5'))],
            FormatException::class => [fn () => WeightedAccumulator::decode((new Accumulator('nps'))->encode()),
                fn () => WeightedAccumulator::parse('nps{9:1}'), fn () => WeightedAccumulator::parse('nps[9:2/1/1]')],
            EmptyException::class => [fn () => (new WeightedAccumulator('nps'))->add(9, 3)->interval(),
                fn () => (new WeightedAccumulator('csat5'))->add(5, 1)->add(4, 2)->interval('positive-share', 'logit')],
            ScaleException::class => [fn () => new WeightedAccumulator(new Scale(1, 5, 4, 5, 3, 4, 1))],
        ];
        foreach ($calls as $class => $list) {
            foreach ($list as $i => $call) {
                try {
                    $call();
                    self::fail("$class, call $i: nothing thrown");
                } catch (\Throwable $e) {
                    self::assertInstanceOf($class, $e, "call $i: " . $e->getMessage());
                    self::assertSame($class::STATUS, $e->getCode());
                }
            }
        }
        self::assertSame($before, $w->encode());
        self::assertSame($fullBefore, $full->encode());
        $w->close();
        $this->expectException(ClosedException::class);
        $w->totals();
    }
}
