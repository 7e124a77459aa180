<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

/**
 * Every metric of an accumulator at once (cxm_snapshot). Shares and net in
 * percentage points, mean and stddev in rating units; NAN where a number is
 * undefined (n = 0; stddev and a mean's interval for n = 1). Counts are ints,
 * or decimal strings beyond PHP_INT_MAX. $headline is a Scale::HEADLINE_*.
 * $weightTotal and $nEffective (since 1.2) are a weighted accumulator's sum
 * of weights and Kish's effective sample size, and n for an accumulator.
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
        public float $weightTotal,
        public float $nEffective,
    ) {
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self(
            $s->headline, Native::u64($s->n), Native::u64($s->positive), Native::u64($s->neutral),
            Native::u64($s->negative), $s->positive_share, $s->negative_share, $s->net, $s->mean,
            $s->stddev, $s->score, $s->score_low, $s->score_high, $s->weight_total, $s->n_effective,
        );
    }
}
