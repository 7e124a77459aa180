<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

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
            Native::resolvedName('cxm_quantity_name', $s->quantity),
            Native::resolvedName('cxm_method_name', $s->method), $s->confidence, $s->difference,
            $s->se, $s->statistic, $s->df, $s->p_value, $s->low, $s->high,
        );
    }
}
