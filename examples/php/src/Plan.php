<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;

/** How many answers a survey needs (cxm_plan_sample_size, since 1.2). */
final class Plan
{
    /**
     * The number of answers for the Wald interval of a quantity to be at
     * most $halfWidth wide on each side (percentage points for shares and
     * net scores, rating units for the mean), at a confidence, from the
     * variance the $expected accumulator shows (a pilot, last period's
     * answers) or, without one, the worst case, with a finite $population
     * (0: unlimited). Plan::sampleSize('nps', 5) is 1537; with a population
     * of 2000, 870 (docs/statistics.md, "How many answers do you need?").
     * An int, or a decimal string beyond PHP_INT_MAX.
     */
    public static function sampleSize(Scale|int|string $scale, float $halfWidth, int|string $quantity = 'headline',
                                      float $confidence = 0.95, ?Accumulator $expected = null,
                                      int $population = 0): int|string
    {
        $native = Scale::of($scale)->toNative();
        if ($population < 0) {
            throw CxmException::forStatus(ArgumentException::STATUS, "population $population is negative");
        }
        $ffi = Native::ffi();
        $out = $ffi->new('uint64_t');
        Native::check($ffi->cxm_plan_sample_size(FFI::addr($native), $expected?->handle(), Quantity::parse($quantity),
            $confidence, $halfWidth, $population, FFI::addr($out)));
        return Native::u64($out->cdata);
    }
}
