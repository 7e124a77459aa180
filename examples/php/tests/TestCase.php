<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\Accumulator;
use Cxmetrics\Scale;

/**
 * Shared helpers. Expected numbers in the suites come from outside the
 * library: the worked examples of docs/metrics.md and R 4.2.2 (prop.test,
 * t.test, sd; tests/reference/snapshot.R and statistics.R) as tabulated in
 * tests/test_snapshot.c and tests/test_stats.c; the golden bytes of
 * docs/format.md; the text forms written out in include/cxmetrics.h; counts
 * made by PHP's own array_count_values; series sums worked by hand.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase
{
    public const REL = 1e-12; // R prints 17 significant digits; formulas differ in form
    public const ULPS = 1e-15;

    public static function assertRel(float $want, float $got, float $rel = self::REL): void
    {
        self::assertLessThanOrEqual($rel * abs($want), abs($got - $want), "$got != $want (rel $rel)");
    }

    /**
     * Each call throws a $class (its message in the failure of any that
     * does not); returns what they threw, for further assertions.
     *
     * @template T of \Throwable
     * @param class-string<T> $class
     * @param list<callable(): mixed> $calls
     * @return list<T>
     */
    public static function refuses(string $class, array $calls): array
    {
        $thrown = [];
        foreach ($calls as $i => $call) {
            try {
                $call();
            } catch (\Throwable $e) {
                self::assertInstanceOf($class, $e, "call $i: " . $e->getMessage());
                $thrown[] = $e;
                continue;
            }
            self::fail("call $i: no $class");
        }
        return $thrown;
    }

    public static function nps(int $promoters, int $passives, int $detractors): Accumulator
    {
        return (new Accumulator('nps'))->add(10, $promoters)->add(8, $passives)->add(0, $detractors);
    }

    public static function share(int $positive, int $n): Accumulator
    {
        return (new Accumulator(Scale::PRESET_CSAT_BINARY))->add(2, $positive)->add(1, $n - $positive);
    }

    public static function hex(string $text): string
    {
        return hex2bin(preg_replace('/\s+/', '', $text));
    }
}
