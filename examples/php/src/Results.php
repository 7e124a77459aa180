<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

/**
 * Every metric of an accumulator at once (cxm_snapshot). Shares and net in
 * percentage points, mean and stddev in rating units; NAN where a number is
 * undefined (n = 0; stddev and a mean's interval for n = 1). Counts are ints,
 * or decimal strings beyond PHP_INT_MAX. $headline is a Scale::HEADLINE_*.
 */
final readonly class Snapshot
{
    public function __construct(
        public int $headline,
        public int|string $n,
        public int|string $positive,
        public int|string $neutral,
        public int|string $negative,
        public float $positiveShare,
        public float $negativeShare,
        public float $net,
        public float $mean,
        public float $stddev,
        public float $score,
        public float $scoreLow,
        public float $scoreHigh,
    ) {
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self(
            $s->headline, Native::u64($s->n), Native::u64($s->positive), Native::u64($s->neutral),
            Native::u64($s->negative), $s->positive_share, $s->negative_share, $s->net, $s->mean,
            $s->stddev, $s->score, $s->score_low, $s->score_high,
        );
    }
}

/** A confidence interval (cxm_interval); quantity and method as resolved, by name. */
final readonly class Interval
{
    public function __construct(
        public string $quantity,
        public string $method,
        public float $confidence,
        public float $estimate,
        public float $se,
        public float $low,
        public float $high,
    ) {
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self(
            Quantity::name($s->quantity), Method::name($s->method), $s->confidence, $s->estimate,
            $s->se, $s->low, $s->high,
        );
    }
}

/** a - b (cxm_comparison): $df is INF for z tests, $pValue two-sided. */
final readonly class Comparison
{
    public function __construct(
        public string $quantity,
        public string $method,
        public float $confidence,
        public float $difference,
        public float $se,
        public float $statistic,
        public float $df,
        public float $pValue,
        public float $low,
        public float $high,
    ) {
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self(
            Quantity::name($s->quantity), Method::name($s->method), $s->confidence, $s->difference,
            $s->se, $s->statistic, $s->df, $s->p_value, $s->low, $s->high,
        );
    }
}
