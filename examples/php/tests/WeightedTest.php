<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{AbsentException, Accumulator, ArgumentException, Cell, ClosedException, CountOverflowException,
    EmptyException, FormatException, Method, MismatchException, Quantity, RatingRangeException, Scale, ScaleException,
    WeightedAccumulator};

/**
 * The weighted accumulator (cxm_wacc). Expected values: the worked example of
 * docs/statistics.md ("Worked example: revenue-weighted NPS", worked by hand
 * there) and R's survey package 4.1.1 (tests/reference/weighted.R, which
 * wrote tests/reference/weighted_cases.h: svymean, svyciprop with "beta",
 * "mean" and "logit", confint with degf, svyby comparisons), replayed from
 * that file as the C suite replays it (References.php).
 */
final class WeightedTest extends TestCase
{
    /** Ten B2B accounts, each answer weighted by its ARR in $k (docs/statistics.md). */
    private const REVENUE = [[10, 120], [9, 450], [9, 80], [8, 60], [7, 300], [6, 900], [10, 40], [3, 25], [9, 200], [10, 75]];
    private const REVENUE_TEXT = 'nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,10:3/235/21625]';
    private const CSAT = 'csat5[1:4/3193/8700231,2:5/4775/9523379,3:3/2773/6855577,4:8/2920/4774394,5:20/3286/1538414]';
    private const R_REL = 1e-9; // survey prints 17 digits; formulas differ in form (as tests/test_wacc_stats.c)

    /** @var array<string, mixed> */
    private static array $tables = [];
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
        $net = $w->interval('net', 'wald', 0.9); // the worked figures, to their printed digits
        self::assertSame(['net', 'wald', 49.15, -88.32, 91.88],
            [$net->quantity, $net->method, round($net->se, 2), round($net->low, 2), round($net->high, 2)]);
        $kg = $w->interval('positive-share'); // Korn-Graubard
        self::assertSame(['positive-share', 'clopper-pearson', 5.13, 88.96],
            [$kg->quantity, $kg->method, round($kg->low, 2), round($kg->high, 2)]);
        self::assertSame(40.0, $w->unweighted()->snapshot()->net); // without weights: NPS 40
    }

    private function sample(int $index): WeightedAccumulator
    {
        if (getenv('CXM_INTERFACE') === false) {
            self::markTestSkipped('CXM_INTERFACE is not set (ctest sets it): the tables name CXM_* constants');
        }
        self::$tables = self::$tables ?: References::read('weighted_cases.h');
        [, $preset, $responses, $n] = self::$tables['weighted_samples'][$index];
        $w = new WeightedAccumulator($preset);
        foreach (self::$tables[$responses] as [$rating, $weight]) {
            $w->add($rating, $weight);
        }
        self::assertSame($n, $w->totals()->count);
        return $w;
    }

    private static function near(float $want, float $got, float $rel = self::R_REL): void
    {
        if (abs($want) < 1e-300) { // a clipped limit is 0 exactly
            self::assertLessThan(1e-300, abs($got));
        } else {
            self::assertRel($want, $got, $rel);
        }
    }

    public function testIntervalsAgainstSurvey(): void
    {
        $this->sample(0);
        self::assertGreaterThan(100, count(self::$tables['weighted_interval_cases']));
        foreach (self::$tables['weighted_interval_cases'] as $case) {
            [$index, $quantity, $method, $confidence, $estimate, $se, $low, $high] = $case;
            $iv = $this->sample($index)->interval($quantity, $method, $confidence);
            self::assertSame([Quantity::name($quantity), Method::name($method)], [$iv->quantity, $iv->method]);
            self::near($estimate, $iv->estimate, 1e-13);
            self::near($se, $iv->se);
            self::near($low, $iv->low);
            self::near($high, $iv->high);
        }
    }

    public function testLogitToSurveyConvergence(): void
    {
        $this->sample(0);
        foreach (self::$tables['weighted_logit_cases'] as [$index, $quantity, $confidence, $low, $high]) {
            $iv = $this->sample($index)->interval($quantity, 'logit', $confidence);
            self::assertRel($low, $iv->low, 1e-7); // survey's fit converges to about 1e-8
            self::assertRel($high, $iv->high, 1e-7);
        }
    }

    public function testComparisonsAgainstSurvey(): void
    {
        $this->sample(0);
        self::assertGreaterThan(10, count(self::$tables['weighted_compare_cases']));
        foreach (self::$tables['weighted_compare_cases'] as $case) {
            [$a, $b, $quantity, $confidence] = $case;
            $want = array_slice($case, 4);
            $c = $this->sample($a)->compare($this->sample($b), $quantity, 'default', $confidence);
            self::assertSame(Quantity::name($quantity) === 'mean' ? 't' : 'wald', $c->method);
            foreach ([$c->difference, $c->se, $c->statistic, $c->df, $c->pValue, $c->low, $c->high] as $i => $got) {
                self::near($want[$i], $got);
            }
        }
    }

    public function testSnapshotsAgainstSurvey(): void
    {
        $this->sample(0);
        foreach (self::$tables['weighted_spread_cases'] as [$index, $stddev, $nEffective]) {
            $w = $this->sample($index);
            $s = $w->snapshot();
            self::assertRel($stddev, $s->stddev, 1e-13);
            self::assertRel($nEffective, $s->nEffective, 1e-13);
            $iv = $w->interval();
            self::assertSame([$iv->estimate, $iv->low, $iv->high], [$s->score, $s->scoreLow, $s->scoreHigh]);
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
        $w = WeightedAccumulator::parse(self::CSAT);
        self::assertSame('logit', $w->interval('positive-share', 'logit')->method);
        self::assertSame(['positive-share', 'clopper-pearson'],
            array_values((array)Method::resolve('csat5', use: Method::USE_WEIGHTED_INTERVAL)));
        $this->expectException(ArgumentException::class);
        $w->interval('positive-share', 'wilson'); // a method of counts only
    }

    /** Every status the weighted functions give, and nothing changed by any (wrong types: ArgumentsTest). */
    /**
     * include/cxmetrics.h, cxm_wacc_add: weight 1 .. 2^32 - 1, CXM_ERR_RANGE
     * for a rating outside the scale before CXM_ERR_ARG for weight 0; a
     * weight no uint32_t holds is refused before the call. The detail is the
     * same in every binding.
     */
    public function testRefusalsNameTheRatingAndTheWeight(): void
    {
        $w = new WeightedAccumulator('nps');
        $cases = [
            [fn () => $w->add(9, 0), ArgumentException::class, 'rating 9, weight 0'],
            [fn () => $w->add(11, 0), RatingRangeException::class, 'rating 11, weight 0'],
            [fn () => $w->remove(4, 7), AbsentException::class, 'rating 4, weight 7'],
            [fn () => $w->add(9, -1), ArgumentException::class, 'weight -1 is not in 1 .. 2^32 - 1'],
            [fn () => $w->remove(9, 1 << 32), ArgumentException::class, 'weight 4294967296 is not in 1 .. 2^32 - 1'],
        ];
        foreach ($cases as [$call, $class, $detail]) {
            [$e] = self::refuses($class, [$call]);
            self::assertSame("{$e->statusName}: " . rtrim($e->statusMessage, '.') . " ($detail)", $e->getMessage());
        }
    }

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
            foreach (self::refuses($class, $list) as $e) {
                self::assertSame($class::STATUS, $e->getCode());
            }
        }
        self::assertSame($before, $w->encode());
        self::assertSame($fullBefore, $full->encode());
        $w->close();
        $this->expectException(ClosedException::class);
        $w->totals();
    }
}
