<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, Adjust, ArgumentException, CountOverflowException, EmptyException, MismatchException,
    Plan};

/**
 * Adjusted p-values and sample-size planning against the C suite's
 * references, replayed from where they are (References.php): R's p.adjust,
 * bit for bit (tests/reference/adjust.R wrote adjust_cases.h), and the
 * planned sizes R computed (tests/reference/plan.R, plan_cases.h), with the
 * worked examples of docs/statistics.md.
 */
final class PlanningTest extends TestCase
{
    private const METHODS = ['bonferroni', 'holm', 'hochberg', 'bh', 'by']; // CXM_ADJUST_* - 1, as the table orders them

    /** @param list<float> $values */
    private static function bits(array $values): string
    {
        return pack('E*', ...$values);
    }

    public function testAdjustmentsMatchRBitForBit(): void
    {
        $tables = References::read('adjust_cases.h');
        self::assertGreaterThanOrEqual(14, count($tables['adjust_cases']));
        foreach ($tables['adjust_cases'] as [$name, $n, $p, $adjusted]) {
            $values = $tables[$p];
            self::assertCount($n, $values, $name);
            foreach (self::METHODS as $i => $method) {
                self::assertSame(self::bits($tables[$adjusted[$i]]), self::bits(Adjust::p($values, $method)), "$name, $method");
                self::assertSame(self::bits($tables[$adjusted[$i]]), self::bits(Adjust::p($values, Adjust::BONFERRONI + $i)));
            }
        }
    }

    public function testAdjustmentNamesAndRefusals(): void
    {
        foreach (self::METHODS as $i => $method) {
            self::assertSame([$method, $i + 1], [Adjust::name($i + 1), Adjust::parse($method)]);
        }
        self::assertNull(Adjust::name(0));
        self::assertNull(Adjust::name(1 << 40));
        self::assertSame([], Adjust::p([], 'holm'));
        self::assertSame([1.0], Adjust::p([1], 'bh')); // m = 1: as it is
        foreach ([fn () => Adjust::p([0.1], 'BH'), fn () => Adjust::p([0.1], 6), fn () => Adjust::p([0.1], 1 << 32),
                  fn () => Adjust::p([0.1, 1.5], 'holm'), fn () => Adjust::p([INF], 'holm')] as $i => $call) {
            try {
                $call();
                self::fail("call $i was accepted");
            } catch (ArgumentException) {
                self::assertTrue(true);
            }
        }
    }

    /**
     * include/cxmetrics.h: a p-value outside [0, 1] that is not NaN, or an
     * unknown method, is CXM_ERR_ARG; NaN stays NaN.
     */
    public function testAdjustmentRefusalsNameThePValueOrTheMethod(): void
    {
        $valid = 'valid: bonferroni, holm, hochberg, bh, by';
        $cases = [
            [[0.01, 1.5, -0.2], 'bh', 'the p-value at index 1 is 1.5, outside [0, 1]'],
            [[NAN, -0.25], 'holm', 'the p-value at index 1 is -0.25, outside [0, 1]'],
            [[0.5, INF], 1, 'the p-value at index 1 is INF, outside [0, 1]'],
            [[0.5, 2], 'by', 'the p-value at index 1 is 2, outside [0, 1]'],
            [[0.5], 'fdr', "unknown method 'fdr'; $valid"],
            [[0.5, 2.0], 6, "unknown method 6; $valid"],
            [[], 0, "unknown method 0; $valid"],
        ];
        foreach ($cases as [$p, $method, $detail]) {
            [$e] = self::refuses(ArgumentException::class, [fn () => Adjust::p($p, $method)]);
            self::assertSame('CXM_ERR_ARG: ' . rtrim($e->statusMessage, '.') . " ($detail)", $e->getMessage());
        }
        [$e] = self::refuses(ArgumentException::class, [fn () => Adjust::parse('BH')]);
        self::assertStringEndsWith("(unknown method 'BH'; $valid)", $e->getMessage());
        self::assertNan(Adjust::p([NAN, 0.01], 'holm')[0]);
    }

    public function testPlannedSizesMatchR(): void
    {
        if (getenv('CXM_INTERFACE') === false) {
            self::markTestSkipped('CXM_INTERFACE is not set (ctest sets it): the tables name CXM_* constants');
        }
        $cases = References::read('plan_cases.h')['plan_cases'];
        self::assertGreaterThan(20, count($cases));
        foreach ($cases as [$preset, $hasPilot, $counts, $quantity, $confidence, $halfWidth, $population, $n]) {
            $pilot = null;
            if ($hasPilot === 1) {
                $pilot = new Accumulator($preset);
                foreach ($counts as $i => $count) {
                    if ($count > 0) {
                        $pilot->add($pilot->scale()->min + $i, $count);
                    }
                }
            }
            self::assertSame($n, Plan::sampleSize($preset, (float)$halfWidth, $quantity, $confidence, $pilot, $population));
        }
    }

    public function testPlanningWorkedExamplesAndRefusals(): void
    {
        // docs/statistics.md: worst-case NPS, +-5 points, 95 %: 1 537; 2 000 customers: 870
        self::assertSame([1537, 870], [Plan::sampleSize('nps', 5), Plan::sampleSize('nps', 5, population: 2000)]);
        $calls = [
            ArgumentException::class => [fn () => Plan::sampleSize('nps', 0), fn () => Plan::sampleSize('nps', NAN),
                fn () => Plan::sampleSize('nps', 5, confidence: 1.0), fn () => Plan::sampleSize('nps', 5, population: -1),
                fn () => Plan::sampleSize('nps', 5, 1 << 32)],
            MismatchException::class => [fn () => Plan::sampleSize('nps', 5, expected: (new Accumulator('csat5'))->add(5))],
            EmptyException::class => [fn () => Plan::sampleSize('nps', 5, expected: new Accumulator('nps'))],
            CountOverflowException::class => [fn () => Plan::sampleSize('nps', 1e-300)],
        ];
        foreach ($calls as $class => $list) {
            self::refuses($class, $list);
        }
    }
}
